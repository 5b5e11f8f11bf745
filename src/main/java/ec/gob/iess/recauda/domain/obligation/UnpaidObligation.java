package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a statement needs of a PENDING obligation with a principal balance, and no more: a narrow read of the
 * obligation so that a debtor with hundreds of obligations is stated quickly.
 *
 * @param principal    its principal
 * @param principalPaid what has been paid of it (less than the principal)
 * @param interestPaid arrears interest already paid on it
 * @param history      the dated history of its principal paid
 * @param link         its link to a payment agreement, or null
 */
public record UnpaidObligation(ObligationId id, ObligationType type, LocalDate dueDate, Money principal,
                               Money principalPaid, Money interestPaid, PrincipalHistory history,
                               AgreementLink link) {

    /** One with nothing paid and no agreement (the usual case). */
    public UnpaidObligation(ObligationId id, ObligationType type, LocalDate dueDate, Money principal) {
        this(id, type, dueDate, principal, Money.ZERO, Money.ZERO, PrincipalHistory.empty(), null);
    }

    public UnpaidObligation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(principalPaid, "principalPaid");
        Objects.requireNonNull(interestPaid, "interestPaid");
        Objects.requireNonNull(history, "history");
    }

    public Money principalBalance() {
        return principal.minus(principalPaid);
    }

    /** Arrears interest owed on {@code asOf}: accrued since the due date less what was paid, never below zero. */
    public Money interestOwedAsOf(LocalDate asOf, InterestRateTable rates) {
        return owed(principal, history, interestPaid, dueDate, asOf, rates);
    }

    public long daysOverdue(LocalDate asOf) {
        return ArrearsInterest.daysOverdue(dueDate, asOf);
    }

    /** Whether it is the down payment of an agreement (waiting for it, since it is unpaid). */
    public boolean isDownPayment() {
        return link instanceof InstallmentOf i && i.isDownPayment();
    }

    /**
     * The one rule for interest owed, shared with {@link Obligation#interestAsOf} and the portfolio's aging (which reads
     * only what it needs of an obligation).
     */
    public static Money owed(Money principal, PrincipalHistory history, Money interestPaid, LocalDate dueDate,
                      LocalDate asOf, InterestRateTable rates) {
        return ArrearsInterest.accrued(principal, history, dueDate, asOf, rates).minus(interestPaid).max(Money.ZERO);
    }
}
