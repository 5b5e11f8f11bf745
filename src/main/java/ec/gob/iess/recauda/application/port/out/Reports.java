package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalHistory;
import ec.gob.iess.recauda.domain.report.AgingBucket;
import ec.gob.iess.recauda.domain.report.AgreementsReport;
import ec.gob.iess.recauda.domain.report.Amount;
import ec.gob.iess.recauda.domain.report.ChannelsReport;
import ec.gob.iess.recauda.domain.report.CollectionGrouping;
import ec.gob.iess.recauda.domain.report.CollectionRow;
import ec.gob.iess.recauda.domain.report.CountAmount;
import ec.gob.iess.recauda.domain.report.PortfolioAging;
import ec.gob.iess.recauda.domain.report.PublicSectorReport;
import ec.gob.iess.recauda.domain.report.ReportPeriod;
import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the reports read (ADR 0015): the collection summaries the database keeps in step with the payments, the open
 * portfolio, and the other channels' tables. Each figure is read by one statement (one snapshot of the data).
 */
public interface Reports {

    /**
     * The APPLIED payments of the period grouped as {@code by} says, in the order of their keys, handed to
     * {@code sink} one at a time as they are read (never all held at once).
     */
    void collections(ReportPeriod period, CollectionGrouping by, Consumer<CollectionRow> sink);

    /** The APPLIED payments of each month of {@code year}: index 0 is January. */
    Amount[] monthlyTotals(int year);

    /** What the APPLIED payments of the period paid, grouped by what was paid. */
    List<PaidGroup> paidGroups(ReportPeriod period);

    /** Allocations of one obligation type and stage when paid, overdue then or not. */
    record PaidGroup(ObligationType type, ObligationStage stage, boolean overdue, long count, Amount principal,
                     Amount interest) {
    }

    /**
     * Runs {@code work} over the open portfolio as one snapshot of the data shows it: a read-only transaction of its
     * own, whose reads, and those of every part {@link OpenPortfolio#inParts} hands out, see the same obligations
     * (one paid meanwhile is neither counted twice nor missed). One such read runs at a time in an instance; others
     * wait for it.
     */
    <T> T readOpenPortfolio(Function<OpenPortfolio, T> work);

    /** The open portfolio of one snapshot. */
    interface OpenPortfolio {

        /** The earliest due date of a PENDING obligation due before {@code asOf}, if any. */
        Optional<LocalDate> earliestDueDate(LocalDate asOf);

        /** The obligations IN_AGREEMENT, by type and stage: how many and their unpaid principal. */
        List<InAgreementGroup> inAgreement();

        /**
         * Runs {@code part} on every part of the PENDING obligations at once, each on a thread and in a transaction
         * of its own (not the caller's) that sees the same snapshot: every obligation is in exactly one part. Returns
         * what each part made, in no order, once every part has finished; when one fails, the others are stopped
         * and waited for, and its exception is thrown.
         */
        <T> List<T> inParts(Function<OpenPart, T> part);
    }

    /** A part of the PENDING obligations. */
    interface OpenPart {

        /**
         * The part's PENDING obligations due before {@code asOf} whose principal history is empty, grouped by type,
         * stage and bucket ({@link AgingBucket#firstDueDates}): their principal, and the interest they owe on
         * {@code asOf} given the rate-days of each due date ({@code rateDays[i]} for {@code firstDueDate + i}, from
         * {@code ArrearsInterest.rateDaysByDueDate}), each obligation's rounded to the cent on its own.
         */
        List<OpenGroup> withoutHistory(LocalDate asOf, LocalDate firstDueDate, BigDecimal[] rateDays);

        /** The part's PENDING obligations due before {@code asOf} that have a principal history, one at a time. */
        void forEachWithHistory(LocalDate asOf, Consumer<OpenWithHistory> sink);
    }

    /** Obligations of one type and stage in one bucket of the aging. */
    record OpenGroup(ObligationType type, ObligationStage stage, AgingBucket bucket, long count, Amount principal,
                     Amount interest) {
    }

    /** What the aging needs of an obligation with a principal history. */
    record OpenWithHistory(ObligationType type, ObligationStage stage, LocalDate dueDate, Money principal,
                           Money principalPaid, Money interestPaid, PrincipalHistory history) {
    }

    /** Obligations in agreements of one type and stage. */
    record InAgreementGroup(ObligationType type, ObligationStage stage, long count, Amount principal) {
    }

    /** The aging the daily close recorded for {@code asOf}. */
    Optional<PortfolioAging> agingRecorded(LocalDate asOf);

    /** Records the close of a day; false when it was recorded already (the first one stays). */
    boolean recordAging(PortfolioAging aging, Instant at);

    /** Every agreement signed on or before {@code asOf}. */
    void forEachAgreement(LocalDate asOf, Consumer<AgreementsReport.Facts> sink);

    /** The card charges of the period's dates by status. */
    Map<CardCharge.Status, CountAmount> cardCharges(ReportPeriod period);

    PublicSectorReport publicSector(ReportPeriod period);

    ChannelsReport channels(ReportPeriod period);

    /**
     * Runs {@code work}, whose reads must agree with each other (the annual report's several reads of the
     * collections), in one read-only transaction that sees one snapshot of the data throughout.
     */
    <T> T inOneSnapshot(Supplier<T> work);

    /** Folds the summaries' deltas into their day rows; the number folded (0 when another instance is folding). */
    long fold();
}
