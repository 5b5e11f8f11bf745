package ec.gob.iess.recauda.domain.card;

/**
 * What the processor said about a charge. APPROVED: the card was charged. SOFT_DECLINE: refused for now (funds,
 * limits, the issuer unavailable): tried again on the next days. HARD_DECLINE: refused for good (stolen, closed,
 * expired): the mandate is suspended. UNKNOWN: no answer (a time-out, a dropped connection, a 5xx, an open circuit):
 * the card may or may not have been charged, so nothing is charged to the mandate again until the processor is asked
 * for the charge's status. NOT_FOUND answers only a status query: the processor never received the charge.
 */
public enum ChargeOutcome {
    APPROVED,
    SOFT_DECLINE,
    HARD_DECLINE,
    UNKNOWN,
    NOT_FOUND
}
