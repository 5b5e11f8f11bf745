package ec.gob.iess.recauda.domain.voucher;

/**
 * Where a voucher stands. EXPIRED is never stored: an ISSUED voucher is EXPIRED on any day after its expiry date
 * ({@link Voucher#statusOn}).
 */
public enum VoucherStatus {
    ISSUED,
    PAID,
    CANCELLED,
    EXPIRED
}
