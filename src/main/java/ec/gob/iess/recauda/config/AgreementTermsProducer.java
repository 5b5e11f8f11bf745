package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The payment-agreement rules from configuration ({@code recauda.agreement.*}, README), checked at start-up: a
 * value out of range stops the service with a message naming it.
 */
@ApplicationScoped
public class AgreementTermsProducer {

    @Produces
    @Singleton
    AgreementTerms terms(@ConfigProperty(name = "recauda.agreement.min-term-months", defaultValue = "2") int minTerm,
                         @ConfigProperty(name = "recauda.agreement.max-term-months", defaultValue = "36") int maxTerm,
                         @ConfigProperty(name = "recauda.agreement.down-payment-rate", defaultValue = "0.10")
                         BigDecimal downPaymentRate,
                         @ConfigProperty(name = "recauda.agreement.basic-wage", defaultValue = "400.00")
                         BigDecimal basicWage,
                         @ConfigProperty(name = "recauda.agreement.person-approval-threshold-sbu", defaultValue = "4")
                         BigDecimal personThreshold,
                         @ConfigProperty(name = "recauda.agreement.organisation-approval-threshold-sbu",
                                 defaultValue = "25") BigDecimal organisationThreshold,
                         @ConfigProperty(name = "recauda.agreement.missed-installments-for-default",
                                 defaultValue = "2") int missed,
                         @ConfigProperty(name = "recauda.agreement.annual-rate") Optional<BigDecimal> fixedRate) {
        try {
            return new AgreementTerms(minTerm, maxTerm, downPaymentRate, Money.rounded(basicWage), personThreshold,
                    organisationThreshold, missed, fixedRate);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recauda.agreement.* is not valid: " + e.getMessage(), e);
        }
    }
}
