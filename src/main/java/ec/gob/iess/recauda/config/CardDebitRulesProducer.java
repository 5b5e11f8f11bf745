package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.card.CardDebitRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * The card-debit rules from configuration ({@code recauda.card-debit.*}, README), checked at start-up: a value out
 * of range stops the service with a message naming it.
 */
@ApplicationScoped
public class CardDebitRulesProducer {

    @Produces
    @Singleton
    CardDebitRules rules(@ConfigProperty(name = "recauda.card-debit.allowed-days", defaultValue = "6,10,14")
                         Set<Integer> allowedDays,
                         @ConfigProperty(name = "recauda.card-debit.soft-decline-retries", defaultValue = "2")
                         int softDeclineRetries,
                         @ConfigProperty(name = "recauda.card-debit.confirmation-hold-days", defaultValue = "30")
                         int confirmationHoldDays,
                         @ConfigProperty(name = "recauda.card-debit.entity-code", defaultValue = "CARD-PROCESSOR")
                         String entityCode,
                         @ConfigProperty(name = "recauda.card-debit.chunk-size", defaultValue = "250") int chunkSize) {
        try {
            return new CardDebitRules(allowedDays, softDeclineRetries, confirmationHoldDays, entityCode, chunkSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recauda.card-debit.* is not valid: " + e.getMessage(), e);
        }
    }
}
