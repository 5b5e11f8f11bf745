package ec.gob.iess.recauda.domain.channel;

/** The kinds of partner that collect for the institution. */
public enum FinancialEntityType {
    BANK,
    COOPERATIVE,
    PAYMENT_NETWORK
}
