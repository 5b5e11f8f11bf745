package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.agreement.AgreementStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Payment agreements as they stood at the end of a day: how many in each status, and what they came to (the debt
 * each covered when signed, its down payment and the amount financed). The status on a past day is told from the
 * agreement's dates: signed on or before the day; closed (COMPLETED, DEFAULTED, REJECTED, LAPSED, CANCELLED) on or
 * before it; otherwise ACTIVE once activated, and before that awaiting its down payment, or approval when the
 * decision came later. {@code defaultRate}: the DEFAULTED as a percentage of the agreements that ever became active
 * (ACTIVE, COMPLETED and DEFAULTED), null when none did.
 */
public record AgreementsReport(LocalDate asOf, long count, List<StatusLine> byStatus, BigDecimal defaultRate) {

    /** One status: how many, their debt, down payments and financed amounts. */
    public record StatusLine(AgreementStatus status, long count, Amount debt, Amount downPayment,
                             Amount financedAmount) {

        StatusLine plus(Amount moreDebt, Amount moreDown, Amount moreFinanced) {
            return new StatusLine(status, count + 1, debt.plus(moreDebt), downPayment.plus(moreDown),
                    financedAmount.plus(moreFinanced));
        }
    }

    /** What the report needs of one agreement. */
    public record Facts(AgreementStatus status, LocalDate signedOn, LocalDate activatedOn, LocalDate closedOn,
                        boolean requiresApproval, LocalDate decidedOn, Amount debt, Amount downPayment,
                        Amount financedAmount) {
    }

    public AgreementsReport {
        byStatus = List.copyOf(byStatus);
    }

    /**
     * The status of an agreement at the end of {@code asOf}, or null when it was not signed yet.
     */
    public static AgreementStatus statusOn(Facts a, LocalDate asOf) {
        if (a.signedOn().isAfter(asOf)) {
            return null;
        }
        if (a.closedOn() != null && !a.closedOn().isAfter(asOf)) {
            return a.status();
        }
        if (a.activatedOn() != null && !a.activatedOn().isAfter(asOf)) {
            return AgreementStatus.ACTIVE;
        }
        boolean decided = !a.requiresApproval() || a.decidedOn() != null && !a.decidedOn().isAfter(asOf);
        return decided ? AgreementStatus.AWAITING_DOWN_PAYMENT : AgreementStatus.PENDING_APPROVAL;
    }

    /** Gathers the agreements one at a time. */
    public static final class Builder {
        private final LocalDate asOf;
        private final Map<AgreementStatus, StatusLine> lines = new EnumMap<>(AgreementStatus.class);

        public Builder(LocalDate asOf) {
            this.asOf = asOf;
            for (AgreementStatus s : AgreementStatus.values()) {
                lines.put(s, new StatusLine(s, 0, Amount.ZERO, Amount.ZERO, Amount.ZERO));
            }
        }

        public Builder add(Facts agreement) {
            AgreementStatus status = statusOn(agreement, asOf);
            if (status != null) {
                lines.computeIfPresent(status, (s, line) -> line.plus(agreement.debt(), agreement.downPayment(),
                        agreement.financedAmount()));
            }
            return this;
        }

        public AgreementsReport build() {
            long count = lines.values().stream().mapToLong(StatusLine::count).sum();
            long defaulted = lines.get(AgreementStatus.DEFAULTED).count();
            long everActive = lines.get(AgreementStatus.ACTIVE).count()
                    + lines.get(AgreementStatus.COMPLETED).count() + defaulted;
            return new AgreementsReport(asOf, count, new ArrayList<>(lines.values()),
                    Ratio.percent(defaulted, everActive));
        }
    }
}
