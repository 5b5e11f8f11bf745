package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a statement needs of a PENDING obligation with a principal balance, and no more: a narrow read of the
 * obligation so that a debtor with hundreds of obligations is stated quickly.
 *
 * @param principalBalance principal still unpaid (positive)
 * @param interestPaid     arrears interest already paid on it
 * @param reduction        principal paid through a defaulted agreement that counts from a date, or null
 */
public record UnpaidObligation(ObligationId id, ObligationType type, LocalDate dueDate, Money principalBalance,
                               Money interestPaid, PrincipalReduction reduction) {

    /** One with no principal reduction (the usual case). */
    public UnpaidObligation(ObligationId id, ObligationType type, LocalDate dueDate, Money principalBalance,
                            Money interestPaid) {
        this(id, type, dueDate, principalBalance, interestPaid, null);
    }

    public UnpaidObligation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(principalBalance, "principalBalance");
        Objects.requireNonNull(interestPaid, "interestPaid");
    }

    /** Arrears interest owed on {@code asOf}: accrued since the due date less what was paid, never below zero. */
    public Money interestOwedAsOf(LocalDate asOf, InterestRateTable rates) {
        return owed(principalBalance, interestPaid, dueDate, asOf, rates, reduction);
    }

    public long daysOverdue(LocalDate asOf) {
        return ArrearsInterest.daysOverdue(dueDate, asOf);
    }

    /** The one rule for interest owed, shared with {@link Obligation#interestAsOf}. */
    static Money owed(Money principalBalance, Money interestPaid, LocalDate dueDate, LocalDate asOf,
                      InterestRateTable rates, PrincipalReduction reduction) {
        Money accrued = reduction == null
                ? ArrearsInterest.accrued(principalBalance, dueDate, asOf, rates)
                : ArrearsInterest.accrued(principalBalance, reduction, dueDate, asOf, rates);
        return accrued.minus(interestPaid).max(Money.ZERO);
    }
}
