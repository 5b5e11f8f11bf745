package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The part of a payment applied to one obligation: first to its arrears interest, then to its principal (Ecuador's
 * civil code applies payments to interest before principal).
 */
public record Allocation(ObligationId obligationId, Money interest, Money principal) {

    public Allocation {
        Objects.requireNonNull(obligationId, "obligationId");
        Objects.requireNonNull(interest, "interest");
        Objects.requireNonNull(principal, "principal");
    }

    public Money total() {
        return interest.plus(principal);
    }

    /** What an obligation owes at the moment of payment, in the order payments reach it. */
    public record Due(ObligationId obligationId, LocalDate dueDate, Money interest, Money principal) {
    }

    /**
     * Distributes {@code amount} over {@code dues}: oldest due date first (then by id) and, within each obligation,
     * interest before principal. What cannot be placed is refused: the amount must not exceed the sum of the dues.
     * Obligations that receive nothing get no allocation.
     */
    public static List<Allocation> allocate(Money amount, List<Due> dues) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        Money left = amount;
        List<Allocation> result = new ArrayList<>();
        for (Due due : dues.stream().sorted(Comparator.comparing(Due::dueDate)
                .thenComparing(d -> d.obligationId().value())).toList()) {
            if (left.isZero()) {
                break;
            }
            Money interest = left.min(due.interest());
            left = left.minus(interest);
            Money principal = left.min(due.principal());
            left = left.minus(principal);
            if (interest.isPositive() || principal.isPositive()) {
                result.add(new Allocation(due.obligationId(), interest, principal));
            }
        }
        if (left.isPositive()) {
            throw new IllegalArgumentException("amount exceeds what is due by " + left);
        }
        return result;
    }
}
