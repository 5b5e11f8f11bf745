package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Recovered debt: what the APPLIED payments of a period paid of obligations that were overdue when paid (the
 * payment's business date after the due date), by the obligation's collection stage when paid; and apart, what they
 * paid of agreement installments (the down payment included), overdue or not: an agreement is itself the recovery of
 * overdue debt. Principal and arrears interest apart. What was paid on time of any other obligation is collection,
 * not recovery, and is not here.
 */
public record Recovery(ReportPeriod period, Line total, List<StageLine> byStage, Line agreementInstallments) {

    /** How many obligations were paid (one payment may pay several), the principal and the interest paid. */
    public record Line(long count, Amount principal, Amount interest) {

        static final Line NONE = new Line(0, Amount.ZERO, Amount.ZERO);

        public Amount amount() {
            return principal.plus(interest);
        }

        Line plus(long moreCount, Amount morePrincipal, Amount moreInterest) {
            return new Line(count + moreCount, principal.plus(morePrincipal), interest.plus(moreInterest));
        }

        Line plus(Line other) {
            return plus(other.count, other.principal, other.interest);
        }
    }

    /** One stage's recovered debt. */
    public record StageLine(ObligationStage stage, Line line) {
    }

    public Recovery {
        byStage = List.copyOf(byStage);
    }

    /** True when a payment of an obligation of {@code type} counts as recovery. */
    public static boolean isRecovery(ObligationType type, boolean overdueWhenPaid) {
        return overdueWhenPaid || type == ObligationType.AGREEMENT_INSTALLMENT;
    }

    /** Gathers what was paid, a group of allocations at a time; what is not recovery is left out. */
    public static final class Builder {
        private final ReportPeriod period;
        private final Map<ObligationStage, Line> stages = new EnumMap<>(ObligationStage.class);
        private Line installments = Line.NONE;

        public Builder(ReportPeriod period) {
            this.period = period;
        }

        public Builder add(ObligationType type, ObligationStage stage, boolean overdueWhenPaid, long count,
                           Amount principal, Amount interest) {
            if (!isRecovery(type, overdueWhenPaid)) {
                return this;
            }
            if (type == ObligationType.AGREEMENT_INSTALLMENT) {
                installments = installments.plus(count, principal, interest);
            } else {
                stages.merge(stage, new Line(count, principal, interest), Line::plus);
            }
            return this;
        }

        public Recovery build() {
            List<StageLine> lines = new ArrayList<>();
            Line total = installments;
            for (ObligationStage s : ObligationStage.values()) {
                Line line = stages.getOrDefault(s, Line.NONE);
                lines.add(new StageLine(s, line));
                total = total.plus(line);
            }
            return new Recovery(period, total, lines, installments);
        }
    }
}
