package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The voucher rules from configuration ({@code recauda.voucher.*}, README), checked at start-up: a value out of
 * range stops the service with a message naming it.
 */
@ApplicationScoped
public class VoucherRulesProducer {

    @Produces
    @Singleton
    VoucherRules rules(@ConfigProperty(name = "recauda.voucher.validity-days", defaultValue = "7") int validityDays,
                       @ConfigProperty(name = "recauda.voucher.grace-days", defaultValue = "1") int graceDays,
                       @ConfigProperty(name = "recauda.agreement.lapse-grace-days") Optional<String> renamed) {
        if (renamed.isPresent()) {
            // Silently ignoring it would change what a deployment set: say so and stop.
            throw new IllegalStateException("recauda.agreement.lapse-grace-days (RECAUDA_AGREEMENT_LAPSE_GRACE_DAYS)"
                    + " was renamed recauda.voucher.grace-days (RECAUDA_VOUCHER_GRACE_DAYS): it now protects every"
                    + " voucher's late postings, not only agreements' down payments; set that one instead");
        }
        try {
            return new VoucherRules(validityDays, graceDays);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recauda.voucher.* is not valid: " + e.getMessage(), e);
        }
    }
}
