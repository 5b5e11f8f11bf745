package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import ec.gob.iess.recauda.domain.voucher.Voucher;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules by which a ministry's batch line is settled on the batch's value date. A line with a voucher reference
 * pays that voucher exactly as a bank would ({@link Voucher#collect}). A line with a period pays the employer's
 * pending CONTRIBUTION and RESERVE_FUND obligations of that period: interest to the value date first, then
 * principal, oldest due date first; a smaller amount leaves the rest pending (PARTIAL), a larger one leaves the
 * surplus unapplied. Obligations an unexpired voucher still protects (its expiry plus the grace days in which a
 * bank may post late) are left alone: the bank may be collecting them at this moment, and the same debt must never
 * be paid twice; their money stays unapplied ({@code held-by-voucher}) until staff resolve it.
 */
public final class LineSettlement {

    /** The types a line with a period pays. */
    public static final Set<ObligationType> PERIOD_TYPES = Set.of(ObligationType.CONTRIBUTION,
            ObligationType.RESERVE_FUND);

    public static final String UNKNOWN_EMPLOYER = "unknown-employer";
    public static final String NOTHING_PENDING = "nothing-pending";
    public static final String HELD_BY_VOUCHER = "held-by-voucher";
    public static final String PAID_AFTER_VALUE_DATE = "paid-after-value-date";
    public static final String VOUCHER_NOT_FOUND = "voucher-not-found";
    public static final String VOUCHER_OF_ANOTHER_EMPLOYER = "voucher-of-another-employer";
    public static final String VOUCHER_EXPIRED = "voucher-expired";
    public static final String VOUCHER_CANCELLED = "voucher-cancelled";
    /** The voucher is collected by a charge to the debtor's card (issue 12): nothing else may pay it. */
    public static final String VOUCHER_OF_CARD_CHARGE = "voucher-of-card-charge";
    public static final String VOUCHER_ALREADY_PAID = "voucher-already-paid";
    public static final String AMOUNT_MISMATCH = "amount-mismatch";
    public static final String INTEREST_RATE_UNAVAILABLE = "interest-rate-unavailable";
    /** A line the service failed to settle, alone, {@link BatchProcessingRules#MAX_FAILURES} times. */
    public static final String PROCESSING_FAILED = "processing-failed";
    /** Every reason a line can be rejected for, and {@link LineOutcome#SURPLUS}. */
    public static final List<String> REASONS = List.of(UNKNOWN_EMPLOYER, NOTHING_PENDING, HELD_BY_VOUCHER,
            PAID_AFTER_VALUE_DATE,
            VOUCHER_NOT_FOUND, VOUCHER_OF_ANOTHER_EMPLOYER, VOUCHER_EXPIRED, VOUCHER_CANCELLED, VOUCHER_ALREADY_PAID,
            VOUCHER_OF_CARD_CHARGE, AMOUNT_MISMATCH, INTEREST_RATE_UNAVAILABLE, PROCESSING_FAILED, LineOutcome.SURPLUS);

    private LineSettlement() {
    }

    /**
     * Whether a line paying {@code period} of {@code employer} may take a share of {@code o}, apart from voucher
     * holds (see {@link LumpSum#protectedByVoucher}): a CONTRIBUTION or RESERVE_FUND of that employer and period
     * that is open debt ({@link LumpSum#checkOpen}). The persistence adapter pre-filters with the same rule.
     */
    public static boolean ofPeriod(Obligation o, DebtorId employer, Period period) {
        return o.debtorId().value().equals(employer.value()) && PERIOD_TYPES.contains(o.type())
                && period.equals(o.period()) && LumpSum.checkOpen(o).isEmpty();
    }

    /**
     * Settles a line with a period on the obligations the chunk locked (any of the employer's may be among them;
     * those of the line are picked here). Applies the payment to them (source {@code paymentId}).
     *
     * @param employerKnown whether the institution knows the employer at all (has any obligation of it)
     */
    public static LineOutcome settlePeriod(BatchLine line, Collection<Obligation> locked, boolean employerKnown,
                                           LocalDate valueDate, InterestRateTable rates, int graceDays,
                                           String paymentId, Instant now) {
        if (line.period() == null) {
            throw new IllegalArgumentException("line " + line.lineNo() + " names a voucher");
        }
        if (!employerKnown) {
            return LineOutcome.rejected(UNKNOWN_EMPLOYER, "the institution has no obligation of employer "
                    + line.employerId(), line.amount());
        }
        List<Obligation> ofPeriod = locked.stream().filter(o -> ofPeriod(o, line.employerId(), line.period()))
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(o -> o.id().value())).toList();
        List<Obligation> unheld = ofPeriod.stream()
                .filter(o -> !LumpSum.protectedByVoucher(o, valueDate, graceDays)).toList();
        List<Obligation> payable = unheld.stream().filter(o -> !LumpSum.paidAfter(o, valueDate)).toList();
        if (payable.isEmpty()) {
            if (ofPeriod.isEmpty()) {
                return LineOutcome.rejected(NOTHING_PENDING, "employer " + line.employerId() + " owes nothing of"
                        + " period " + line.period() + " that a batch may pay", line.amount());
            }
            return unheld.isEmpty()
                    ? LineOutcome.rejected(HELD_BY_VOUCHER, "the debt of period " + line.period() + " is on voucher "
                    + ofPeriod.get(0).heldBy() + ", which a bank may still collect", line.amount())
                    : LineOutcome.rejected(PAID_AFTER_VALUE_DATE, "the debt of period " + line.period() + " had"
                    + " principal paid after the value date " + valueDate, line.amount());
        }
        LumpSum sum;
        try {
            sum = LumpSum.pay(line.amount(), payable, valueDate, rates, paymentId, now);
        } catch (BusinessRuleException e) {
            return LineOutcome.rejected(INTEREST_RATE_UNAVAILABLE, e.getMessage(), line.amount());
        }
        Money applied = sum.applied();
        Money due = sum.due();
        List<Allocation> allocations = sum.allocations();
        Money unapplied = line.amount().minus(applied);
        if (applied.equals(due)) {
            return new LineOutcome(LineStatus.APPLIED, unapplied.isPositive() ? LineOutcome.SURPLUS : null,
                    unapplied.isPositive() ? "the line paid " + unapplied + " more than employer "
                            + line.employerId() + " owed for period " + line.period() : null,
                    applied, unapplied, allocations);
        }
        return new LineOutcome(LineStatus.PARTIAL, null, "paid " + applied + " of the " + due + " due for period "
                + line.period() + " on " + valueDate, applied, Money.ZERO, allocations);
    }

    /**
     * Settles a line with a voucher reference: the voucher (row-locked, or null when there is none) and its
     * obligations, row-locked by the caller. Paid as at a bank, on the value date.
     */
    public static LineOutcome settleVoucher(BatchLine line, Voucher voucher, Map<ObligationId, Obligation> locked,
                                            LocalDate valueDate, String paymentId, Instant now) {
        if (line.reference() == null) {
            throw new IllegalArgumentException("line " + line.lineNo() + " names a period");
        }
        if (voucher == null) {
            return LineOutcome.rejected(VOUCHER_NOT_FOUND, "no voucher " + line.reference().value(), line.amount());
        }
        if (!voucher.debtorId().value().equals(line.employerId().value())) {
            return LineOutcome.rejected(VOUCHER_OF_ANOTHER_EMPLOYER, "voucher " + line.reference().value()
                    + " is not of employer " + line.employerId(), line.amount());
        }
        try {
            // Checked before anything changes: a refused line leaves the voucher and its obligations as they were.
            voucher.checkPayableOn(valueDate);
            voucher.checkStillHolds(locked.values());
            voucher.checkAmount(line.amount());
        } catch (ConflictException e) {
            return LineOutcome.rejected(VOUCHER_ALREADY_PAID, e.getMessage(), line.amount());
        } catch (BusinessRuleException e) {
            String reason = switch (e.kind()) {
                case "amount-mismatch" -> AMOUNT_MISMATCH;
                case "voucher-cancelled" -> VOUCHER_CANCELLED;
                case "voucher-of-card-charge" -> VOUCHER_OF_CARD_CHARGE;
                default -> VOUCHER_EXPIRED;
            };
            return LineOutcome.rejected(reason, e.getMessage(), line.amount());
        }
        List<Allocation> allocations = voucher.collect(line.amount(), locked, valueDate, paymentId, now);
        return new LineOutcome(LineStatus.APPLIED, null, null, line.amount(), Money.ZERO, allocations);
    }
}
