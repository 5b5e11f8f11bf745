package ec.gob.iess.recauda.domain.agreement;

/**
 * The life of a payment agreement. Open: {@link #PENDING_APPROVAL} (a director must approve it),
 * {@link #AWAITING_DOWN_PAYMENT} (its down-payment voucher is payable), {@link #ACTIVE} (the down payment was
 * paid; installments are collected). Closed: {@link #COMPLETED} (everything paid), {@link #DEFAULTED} (installments
 * missed; the unpaid debt was reinstated), {@link #REJECTED} (not approved), {@link #LAPSED} (the down payment was
 * not paid in time) and {@link #CANCELLED} (by staff before activation). A debtor has at most one open agreement.
 */
public enum AgreementStatus {
    PENDING_APPROVAL,
    AWAITING_DOWN_PAYMENT,
    ACTIVE,
    COMPLETED,
    DEFAULTED,
    REJECTED,
    LAPSED,
    CANCELLED;

    public boolean isOpen() {
        return this == PENDING_APPROVAL || this == AWAITING_DOWN_PAYMENT || this == ACTIVE;
    }
}
