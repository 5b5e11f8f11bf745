package ec.gob.iess.recauda.domain.obligation;

/**
 * Lifecycle of an obligation: {@link #PENDING} while it is owed (the only status in which it can change stage,
 * accrue interest or be cancelled), {@link #PAID} once settled, {@link #IN_AGREEMENT} while a payment agreement
 * covers it, {@link #CANCELLED} when staff cancelled it with a reason.
 */
public enum ObligationStatus {
    PENDING,
    PAID,
    IN_AGREEMENT,
    CANCELLED
}
