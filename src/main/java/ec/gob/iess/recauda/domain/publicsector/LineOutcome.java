package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.Money;

import java.util.List;
import java.util.Objects;

/**
 * How a line was settled: its status, what of its amount was applied (and how: {@code allocations}) and what is
 * left unapplied, with the reason when there is one ({@code surplus} for an APPLIED line that paid more than was
 * due; the rejection's reason for a REJECTED line). Always {@code applied + unapplied = amount}.
 */
public record LineOutcome(LineStatus status, String reason, String detail, Money applied, Money unapplied,
                          List<Allocation> allocations) {

    /** The reason of the money an APPLIED line paid beyond the debt of its period. */
    public static final String SURPLUS = "surplus";

    public LineOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(unapplied, "unapplied");
        allocations = List.copyOf(allocations);
        if (!status.isSettled() || (status == LineStatus.REJECTED) != (reason != null && applied.isZero())
                || applied.isNegative() || unapplied.isNegative()
                || !allocations.stream().map(Allocation::total).reduce(Money.ZERO, Money::plus).equals(applied)) {
            throw new IllegalArgumentException("inconsistent outcome " + status + " " + applied + " " + unapplied);
        }
    }

    /** Nothing applied: all of {@code amount} is unapplied, for {@code reason}. */
    public static LineOutcome rejected(String reason, String detail, Money amount) {
        return new LineOutcome(LineStatus.REJECTED, Objects.requireNonNull(reason), detail, Money.ZERO, amount,
                List.of());
    }

    public Money amount() {
        return applied.plus(unapplied);
    }
}
