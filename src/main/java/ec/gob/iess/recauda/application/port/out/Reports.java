package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalHistory;
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

    /** The earliest due date of a PENDING obligation due before {@code asOf}, if any. */
    Optional<LocalDate> earliestOpenDueDate(LocalDate asOf);

    /**
     * The PENDING obligations due before {@code asOf} whose principal history is empty, grouped by type, stage and
     * due date: their principal, and the interest they owe on {@code asOf} given the rate-days of each due date
     * ({@code rateDays[i]} for {@code firstDueDate + i}, from {@code ArrearsInterest.rateDaysByDueDate}).
     */
    List<OpenGroup> openWithoutHistory(LocalDate asOf, LocalDate firstDueDate, BigDecimal[] rateDays);

    /** Obligations of one type and stage due on one date. */
    record OpenGroup(ObligationType type, ObligationStage stage, LocalDate dueDate, long count, Amount principal,
                     Amount interest) {
    }

    /** The PENDING obligations due before {@code asOf} that have a principal history, one at a time. */
    void forEachOpenWithHistory(LocalDate asOf, Consumer<OpenWithHistory> sink);

    /** What the aging needs of an obligation with a principal history. */
    record OpenWithHistory(ObligationType type, ObligationStage stage, LocalDate dueDate, Money principal,
                           Money principalPaid, Money interestPaid, PrincipalHistory history) {
    }

    /** The obligations IN_AGREEMENT, by type and stage: how many and their unpaid principal. */
    List<InAgreementGroup> inAgreement();

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
     * Runs {@code work}, whose reads must agree with each other (the aging's several reads of the portfolio), in one
     * read-only transaction that sees one snapshot of the data throughout.
     */
    <T> T inOneSnapshot(Supplier<T> work);

    /** Folds the summaries' deltas into their day rows; the number folded (0 when another instance is folding). */
    long fold();
}
