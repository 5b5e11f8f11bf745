package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Principal paid through a payment agreement that counts from a date: the days up to {@code on} accrued arrears
 * interest on the balance before it, the days after on the balance without it. A defaulted agreement leaves it on
 * the obligations it had paid in part, so that their interest, computed again from the original due date, stays
 * exact (docs/agreements.md).
 *
 * @param amount the principal paid (positive; already counted in the obligation's principal paid)
 * @param on     the last day on which it was still owed (the agreement's signing day)
 */
public record PrincipalReduction(Money amount, LocalDate on) {

    public PrincipalReduction {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(on, "on");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a principal reduction must be positive: " + amount);
        }
    }
}
