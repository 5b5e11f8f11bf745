package ec.gob.iess.recauda.domain.payment;

/** A payment is APPLIED when posted, REVERSED when its bank undid it on the same business day. */
public enum PaymentStatus {
    APPLIED,
    REVERSED
}
