package ec.gob.iess.recauda.domain.payment;

/**
 * Where a payment came from: a partner entity's counter or online channel (BANK), a line of the Ministry of
 * Finance's signed batch (MINISTRY_BATCH), a lump-sum settlement staff recorded (SETTLEMENT), a charge to a debtor's
 * registered card (CARD).
 */
public enum PaymentChannel {
    BANK,
    MINISTRY_BATCH,
    SETTLEMENT,
    CARD
}
