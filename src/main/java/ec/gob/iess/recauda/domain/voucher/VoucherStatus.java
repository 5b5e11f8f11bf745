package ec.gob.iess.recauda.domain.voucher;

/**
 * Where a voucher stands. EXPIRED is never stored: an ISSUED voucher is EXPIRED on any day after its expiry date, and
 * at once when a newer voucher has taken its obligations (superseded, {@link Voucher#isSuperseded}); see
 * {@link Voucher#statusOn}.
 */
public enum VoucherStatus {
    ISSUED,
    PAID,
    CANCELLED,
    EXPIRED
}
