package ec.gob.iess.recauda.domain.card;

/** The card brands the processor tokenizes (as the front-end read them from the processor's answer). */
public enum CardBrand {
    VISA,
    MASTERCARD,
    AMEX,
    DINERS,
    DISCOVER
}
