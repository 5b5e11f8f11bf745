package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ReportsUseCase;
import ec.gob.iess.recauda.application.port.out.AnnualReportDocuments;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Reports;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.ArrearsInterest;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.UnpaidObligation;
import ec.gob.iess.recauda.domain.report.AgreementsReport;
import ec.gob.iess.recauda.domain.report.Amount;
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
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The collection reports (issue 13, ADR 0015), for staff from READER up. They only read: what was collected comes
 * from the summaries the database keeps in step with the payments; the aging of the portfolio is computed by the
 * domain's interest rule; the statuses of agreements on a past day by the domain's reading of their dates.
 */
@ApplicationScoped
public class ReportService implements ReportsUseCase {

    private static final System.Logger LOG = System.getLogger(ReportService.class.getName());

    private final Reports reports;
    private final InterestRates rates;
    private final AnnualReportDocuments documents;
    private final Clock clock;

    public ReportService(Reports reports, InterestRates rates, AnnualReportDocuments documents, Clock clock) {
        this.reports = reports;
        this.rates = rates;
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public Consumer<Consumer<CollectionRow>> collections(Caller caller, ReportPeriod period, CollectionGrouping by) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return sink -> reports.collections(period, by, sink);
    }

    @Override
    public YearOverYear yearOverYear(Caller caller, int year) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return YearOverYear.of(year, reports.monthlyTotals(year), reports.monthlyTotals(year - 1));
    }

    @Override
    public Recovery recovery(Caller caller, ReportPeriod period) {
        Authorization.requireStaff(caller, StaffRole.READER);
        Recovery.Builder recovery = new Recovery.Builder(period);
        for (Reports.PaidGroup g : reports.paidGroups(period)) {
            recovery.add(g.type(), g.stage(), g.overdue(), g.count(), g.principal(), g.interest());
        }
        return recovery.build();
    }

    @Override
    public PortfolioAging portfolioAging(Caller caller, LocalDate asOf) {
        Authorization.requireStaff(caller, StaffRole.READER);
        LocalDate today = LocalDate.now(clock);
        if (asOf.isAfter(today.plusYears(1))) {
            throw new InvalidValueException("validation-error", "must not be more than a year after today ("
                    + today.plusYears(1) + "): a projection of the portfolio as it is now").atField("asOf");
        }
        if (asOf.isBefore(today)) {
            return reports.agingRecorded(asOf).orElseThrow(() -> new NotFoundException(
                    "portfolio-aging-not-recorded", "the portfolio's aging as of " + asOf + " was not recorded: a"
                    + " past day's aging comes from the daily close of that day, and no close recorded it"));
        }
        return agingNow(asOf);
    }

    /**
     * The aging of the portfolio as it is now, with days overdue and interest counted to {@code asOf}: its reads in
     * one snapshot, so that an obligation paid meanwhile is neither counted twice nor missed.
     */
    private PortfolioAging agingNow(LocalDate asOf) {
        return reports.readOpenPortfolio(portfolio -> readAging(asOf, portfolio));
    }

    private PortfolioAging readAging(LocalDate asOf, Reports.OpenPortfolio portfolio) {
        PortfolioAging.Builder aging = new PortfolioAging.Builder(asOf);
        InterestRateTable table = rates.table();
        Optional<LocalDate> first = portfolio.earliestDueDate(asOf);
        if (first.isPresent()) {
            BigDecimal[] rateDays = ArrearsInterest.rateDaysByDueDate(first.get(), asOf, table);
            for (PortfolioAging.Builder part : portfolio.inParts(part -> readPart(part, asOf, first.get(), rateDays,
                    table))) {
                aging.addAll(part);
            }
        }
        for (Reports.InAgreementGroup g : portfolio.inAgreement()) {
            aging.addInAgreement(g.type(), g.stage(), g.count(), g.principal());
        }
        return aging.build();
    }

    /** One part of the open portfolio, read and computed on its own (the parts at once). */
    private static PortfolioAging.Builder readPart(Reports.OpenPart part, LocalDate asOf, LocalDate firstDueDate,
                                                   BigDecimal[] rateDays, InterestRateTable table) {
        PortfolioAging.Builder aging = new PortfolioAging.Builder(asOf);
        for (Reports.OpenGroup g : part.withoutHistory(asOf, firstDueDate, rateDays)) {
            aging.add(g.type(), g.stage(), g.bucket(), g.count(), g.principal(), g.interest());
        }
        part.forEachWithHistory(asOf, o -> aging.add(o.type(), o.stage(), o.dueDate(), 1,
                Amount.of(o.principal().minus(o.principalPaid())), Amount.of(UnpaidObligation.owed(o.principal(),
                        o.history(), o.interestPaid(), o.dueDate(), asOf, table))));
        return aging;
    }

    @Override
    public AgreementsReport agreements(Caller caller, LocalDate asOf) {
        Authorization.requireStaff(caller, StaffRole.READER);
        AgreementsReport.Builder report = new AgreementsReport.Builder(asOf);
        reports.forEachAgreement(asOf, report::add);
        return report.build();
    }

    @Override
    public CardDebitReport cardDebit(Caller caller, ReportPeriod period) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return CardDebitReport.of(period, reports.cardCharges(period));
    }

    @Override
    public PublicSectorReport publicSector(Caller caller, ReportPeriod period) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return reports.publicSector(period);
    }

    @Override
    public ChannelsReport channels(Caller caller, ReportPeriod period) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return reports.channels(period);
    }

    @Override
    public AnnualReport annual(Caller caller, int year) {
        Authorization.requireStaff(caller, StaffRole.READER);
        ReportPeriod period = ReportPeriod.year(year);
        LocalDate today = LocalDate.now(clock);
        LocalDate agingAsOf = period.to().isBefore(today) ? period.to() : today;
        PortfolioAging aging = agingAsOf.isBefore(today) ? reports.agingRecorded(agingAsOf).orElse(null)
                : agingNow(agingAsOf);
        // The collection figures in one snapshot: a payment posted meanwhile cannot make the rows of one table
        // disagree with the total of another.
        return reports.inOneSnapshot(() -> {
            List<CollectionRow> channels = rows(period, CollectionGrouping.CHANNEL);
            List<CollectionRow> before = rows(ReportPeriod.year(year - 1), CollectionGrouping.CHANNEL);
            return new AnnualReport(year, yearOverYear(caller, year), channels,
                    AnnualReport.newChannels(channels, before), rows(period, CollectionGrouping.ENTITY),
                    recovery(caller, period), agingAsOf, aging);
        });
    }

    @Override
    public byte[] annualDocument(Caller caller, int year) {
        return documents.render(annual(caller, year));
    }

    private List<CollectionRow> rows(ReportPeriod period, CollectionGrouping by) {
        List<CollectionRow> rows = new ArrayList<>();
        reports.collections(period, by, rows::add);
        return rows;
    }

    @Override
    public void closeDay() {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        if (reports.agingRecorded(yesterday).isPresent()) {
            return;
        }
        boolean recorded = reports.recordAging(agingNow(yesterday), clock.instant());
        if (recorded) {
            LOG.log(System.Logger.Level.INFO, "Recorded the portfolio aging as of {0}", yesterday);
        }
    }

    @Override
    public long fold() {
        return reports.fold();
    }
}
