package ec.gob.iess.recauda.domain.voucher;

/**
 * The numbers of the voucher rules, from configuration: a voucher stays payable {@code validityDays} days after the
 * day it is issued (less when it holds debt not yet due: {@link Voucher#issue}); and for {@code graceDays} days after
 * its expiry a bank may still post a payment made on its last day (the channel takes payments up to 24 hours late),
 * so nothing pulls its debt from under it until then: no lapse, default, cancellation or concept expiry.
 */
public record VoucherRules(int validityDays, int graceDays) {

    /** The defaults: 7 days of validity, 1 grace day. */
    public static VoucherRules defaults() {
        return new VoucherRules(7, 1);
    }

    public VoucherRules {
        if (validityDays < 1) {
            throw new IllegalArgumentException("a voucher is valid at least one day: " + validityDays);
        }
        if (graceDays < 0) {
            throw new IllegalArgumentException("grace days must not be negative: " + graceDays);
        }
    }
}
