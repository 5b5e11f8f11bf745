package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.report.AgreementsReport;
import ec.gob.iess.recauda.domain.report.AnnualReport;
import ec.gob.iess.recauda.domain.report.CardDebitReport;
import ec.gob.iess.recauda.domain.report.ChannelsReport;
import ec.gob.iess.recauda.domain.report.CollectionGrouping;
import ec.gob.iess.recauda.domain.report.CollectionRow;
import ec.gob.iess.recauda.domain.report.PortfolioAging;
import ec.gob.iess.recauda.domain.report.PublicSectorReport;
import ec.gob.iess.recauda.domain.report.Recovery;
import ec.gob.iess.recauda.domain.report.ReportPeriod;
import ec.gob.iess.recauda.domain.report.YearOverYear;

import java.time.LocalDate;
import java.util.function.Consumer;

/** The collection reports (issue 13): staff only, from READER up. */
public interface ReportsUseCase {

    /**
     * What was collected in the period, grouped: the rows are handed to the consumer given to the answer, one at a
     * time, in the order of their keys, as they are read. The caller is checked now, before anything is read.
     */
    Consumer<Consumer<CollectionRow>> collections(Caller caller, ReportPeriod period, CollectionGrouping by);

    YearOverYear yearOverYear(Caller caller, int year);

    Recovery recovery(Caller caller, ReportPeriod period);

    /**
     * The open portfolio's aging as of a day: computed now from the portfolio when the day is today or later, read
     * from the daily close that recorded it when the day is past ({@code portfolio-aging-not-recorded}, a 404, when
     * none did).
     */
    PortfolioAging portfolioAging(Caller caller, LocalDate asOf);

    AgreementsReport agreements(Caller caller, LocalDate asOf);

    CardDebitReport cardDebit(Caller caller, ReportPeriod period);

    PublicSectorReport publicSector(Caller caller, ReportPeriod period);

    ChannelsReport channels(Caller caller, ReportPeriod period);

    /**
     * The collection section of the year's accountability report ({@link AnnualReport}), as a PDF: the same figures as
     * the JSON reports of the year.
     */
    byte[] annualDocument(Caller caller, int year);

    /** The figures of that document. */
    AnnualReport annual(Caller caller, int year);

    /** The daily close: records yesterday's aging (once; a later call for the same day changes nothing). */
    void closeDay();

    /** Folds the summaries' pending deltas (a job, every few seconds). */
    long fold();
}
