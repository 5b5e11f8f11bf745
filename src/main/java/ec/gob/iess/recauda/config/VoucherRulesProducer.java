package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The voucher rules from configuration ({@code recauda.voucher.*}, README), checked at start-up: a value out of
 * range stops the service with a message naming it.
 */
@ApplicationScoped
public class VoucherRulesProducer {

    @Produces
    @Singleton
    VoucherRules rules(@ConfigProperty(name = "recauda.voucher.validity-days", defaultValue = "7") int validityDays,
                       @ConfigProperty(name = "recauda.voucher.grace-days", defaultValue = "1") int graceDays) {
        try {
            return new VoucherRules(validityDays, graceDays);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recauda.voucher.* is not valid: " + e.getMessage(), e);
        }
    }
}
