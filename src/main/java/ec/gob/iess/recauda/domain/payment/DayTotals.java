package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.shared.Money;

import java.util.Objects;

/**
 * What an entity's business date adds up to: how many payments it has in all, and the count and total of the
 * APPLIED ones (a REVERSED payment is listed but counts for nothing). These are what a bank's reconciliation must
 * match.
 */
public record DayTotals(long payments, int appliedCount, Money appliedTotal) {

    public static final DayTotals NONE = new DayTotals(0, 0, Money.ZERO);

    public DayTotals {
        Objects.requireNonNull(appliedTotal);
        if (payments < 0 || appliedCount < 0 || appliedCount > payments) {
            throw new IllegalArgumentException("inconsistent totals: " + payments + " payments, " + appliedCount
                    + " applied");
        }
    }

    /** These totals with one more payment of the day. */
    public DayTotals plus(PaymentOfDay payment) {
        boolean applied = payment.status() == PaymentStatus.APPLIED;
        return new DayTotals(payments + 1, applied ? appliedCount + 1 : appliedCount,
                applied ? appliedTotal.plus(payment.amount()) : appliedTotal);
    }
}
