package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationSelection;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which obligations a payment agreement may cover (domain brief: overdue contributions, reserve funds and employer
 * liabilities, also in glosa or credit-title stage; fines, glosas and credit titles by our rule): PENDING, with a
 * principal balance, overdue on the signing day, of an eligible type, held by no unexpired voucher and in no other
 * agreement. Any collection stage is eligible, ENFORCEMENT (coactiva, run by the institution itself) included: an
 * agreement is how enforcement usually ends.
 */
public final class Eligibility {

    /** The types an agreement may cover. */
    public static final Set<ObligationType> TYPES = EnumSet.of(ObligationType.CONTRIBUTION,
            ObligationType.RESERVE_FUND, ObligationType.EMPLOYER_LIABILITY, ObligationType.FINE, ObligationType.GLOSA,
            ObligationType.CREDIT_TITLE);

    /** Why an obligation cannot go into an agreement; the names travel in the 422 answer. */
    public enum Reason implements ObligationSelection.Refusal {
        NOT_FOUND("is not an obligation of this debtor"),
        TYPE_NOT_ELIGIBLE("is of a type that agreements do not cover"),
        NOT_PENDING("is not pending"),
        NOT_OVERDUE("is not overdue yet"),
        HELD_BY_VOUCHER("is held by an unexpired voucher"),
        IN_AGREEMENT("is already in a payment agreement");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }

    private Eligibility() {
    }

    /**
     * The first rule {@code o} breaks on {@code today}, or empty when an agreement may cover it. A voucher holds it
     * through its expiry plus {@code graceDays}: a bank may still post a payment of its last day.
     */
    public static Optional<Reason> check(Obligation o, LocalDate today, int graceDays) {
        if (!TYPES.contains(o.type())) {
            return Optional.of(Reason.TYPE_NOT_ELIGIBLE);
        }
        if (o.status() != ObligationStatus.PENDING || !o.principalBalance().isPositive()) {
            return Optional.of(o.status() == ObligationStatus.IN_AGREEMENT ? Reason.IN_AGREEMENT : Reason.NOT_PENDING);
        }
        if (!o.dueDate().isBefore(today)) {
            return Optional.of(Reason.NOT_OVERDUE);
        }
        if (o.isCovered()) {
            return Optional.of(Reason.IN_AGREEMENT);
        }
        if (o.hold() != null && o.hold().protectsOn(today, graceDays)) {
            return Optional.of(Reason.HELD_BY_VOUCHER);
        }
        return Optional.empty();
    }
}
