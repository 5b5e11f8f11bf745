package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.IneligibleObligationsException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Money received that paid no debt yet: a rejected batch line's amount, what a line or a settlement paid beyond the
 * debt it named. Staff resolve it once and whole: they apply it to obligations (as of its value date, the day the
 * money arrived, interest first, oldest due first, as any lump sum) or refund it. Applied to less debt than it holds,
 * the rest becomes a new OPEN fund of the same source ({@code originFundId} = this one), so a fund's amount never
 * changes and its history is the chain of funds.
 */
public record UnappliedFund(UUID id, Source source, String payerId, DebtorId employerId, Money amount, String reason,
                            LocalDate valueDate, Status status, Instant createdAt, UUID originFundId,
                            Resolution resolution, long version) {

    /** The longest refund reason, in characters. */
    public static final int MAX_REFUND_REASON_LENGTH = 300;
    /** The reason of the fund that holds what an application did not use. */
    public static final String REMAINDER = "remainder";

    public enum Status {
        OPEN, APPLIED, REFUNDED
    }

    /** Where the money came from: a line of a ministry's batch, or a settlement. */
    public record Source(String batchId, Integer lineNo, UUID settlementId) {
        public Source {
            if ((batchId != null && lineNo != null) == (settlementId != null)
                    || (batchId == null) != (lineNo == null)) {
                throw new IllegalArgumentException("a fund comes from a batch line or from a settlement");
            }
        }

        public static Source ofLine(String batchId, int lineNo) {
            return new Source(batchId, lineNo, null);
        }

        public static Source ofSettlement(UUID settlementId) {
            return new Source(null, null, settlementId);
        }
    }

    /**
     * How it was resolved, by whom and when: applied (the payment, the amount it applied and the fund holding the
     * rest, if any) or refunded (the reason).
     */
    public record Resolution(Instant at, String by, UUID paymentId, Money applied, UUID remainderFundId,
                             String refundReason) {
        public Resolution {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
        }
    }

    /** What an application did: the lump sum paid, and the new OPEN fund with what it did not use (or null). */
    public record Application(UnappliedFund fund, LumpSum sum, UnappliedFund remainder) {
    }

    public UnappliedFund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payerId, "payerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!amount.isPositive() || (status == Status.OPEN) != (resolution == null)) {
            throw new IllegalArgumentException("inconsistent unapplied fund " + id);
        }
    }

    /** A new OPEN fund. */
    public static UnappliedFund open(UUID id, Source source, String payerId, DebtorId employerId, Money amount,
                                     String reason, LocalDate valueDate, UUID originFundId, Instant now) {
        return new UnappliedFund(id, source, payerId, employerId, amount, reason, valueDate, Status.OPEN, now,
                originFundId, null, 0);
    }

    /**
     * Applies the fund to the obligations {@code ids} (among {@code locked}, row-locked by the caller), each payable
     * on {@code today}, as of the fund's value date, through payment {@code paymentId}. What they do not owe becomes
     * fund {@code remainderId}.
     *
     * @throws ConflictException     {@code fund-resolved} when it is no longer OPEN
     * @throws IneligibleObligationsException an obligation named that does not exist or may not be paid now
     * @throws BusinessRuleException {@code interest-rate-unavailable} when a day has no rate (nothing changes)
     */
    public Application apply(Collection<Obligation> locked, List<ObligationId> ids, LocalDate today, int graceDays,
                             InterestRateTable rates, UUID paymentId, UUID remainderId, String actor, Instant now) {
        requireOpen();
        List<Obligation> chosen = LumpSum.chosen(locked, ids, today, graceDays, valueDate);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("an application names obligations");
        }
        LumpSum sum = LumpSum.pay(amount, chosen, valueDate, rates, paymentId.toString(), now);
        UnappliedFund remainder = sum.unapplied().isPositive()
                ? open(remainderId, source, payerId, employerId, sum.unapplied(), REMAINDER, valueDate, id, now)
                : null;
        UnappliedFund applied = resolved(Status.APPLIED, new Resolution(now, actor, paymentId, sum.applied(),
                remainder == null ? null : remainder.id(), null));
        return new Application(applied, sum, remainder);
    }

    /**
     * The payment by which {@code sum}, an application of this fund, pays: of the channel and source the money came
     * by (a SETTLEMENT payment of its settlement, or a MINISTRY_BATCH payment of its batch line), naming this fund,
     * paid at {@code paidAt} (the start of the value date) on the value date.
     */
    public Payment paymentOf(LumpSum sum, UUID paymentId, Instant paidAt, Instant now) {
        return source.settlementId() != null
                ? Payment.appliedBySettlement(paymentId, source.settlementId(), id, sum.applied(), paidAt, valueDate,
                sum.allocations(), now)
                : Payment.appliedByBatchLine(paymentId, new Payment.BatchLineRef(source.batchId(), source.lineNo()),
                id, null, sum.applied(), paidAt, valueDate, sum.allocations(), now);
    }

    /** Refunds it whole to its payer, for {@code why} (1 to {@value #MAX_REFUND_REASON_LENGTH} characters). */
    public UnappliedFund refund(String why, String actor, Instant now) {
        if (why == null || why.isBlank() || why.codePointCount(0, why.length()) > MAX_REFUND_REASON_LENGTH) {
            throw new InvalidValueException("validation-error", "must say why, in 1 to " + MAX_REFUND_REASON_LENGTH
                    + " characters").atField("reason");
        }
        requireOpen();
        return resolved(Status.REFUNDED, new Resolution(now, actor, null, null, null, why));
    }

    private UnappliedFund resolved(Status to, Resolution how) {
        return new UnappliedFund(id, source, payerId, employerId, amount, reason, valueDate, to, createdAt,
                originFundId, how, version);
    }

    private void requireOpen() {
        if (status != Status.OPEN) {
            throw new ConflictException("fund-resolved", "unapplied fund " + id + " is already " + status
                    + (resolution.remainderFundId() == null ? "" : "; what it did not use is fund "
                    + resolution.remainderFundId()));
        }
    }
}
