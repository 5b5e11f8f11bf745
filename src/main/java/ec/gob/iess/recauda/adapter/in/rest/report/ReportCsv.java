package ec.gob.iess.recauda.adapter.in.rest.report;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import ec.gob.iess.recauda.adapter.in.rest.CsvStream;
import ec.gob.iess.recauda.domain.report.AgingBucket;
import ec.gob.iess.recauda.domain.report.AgreementsReport;
import ec.gob.iess.recauda.domain.report.Amount;
import ec.gob.iess.recauda.domain.report.CardDebitReport;
import ec.gob.iess.recauda.domain.report.ChannelsReport;
import ec.gob.iess.recauda.domain.report.CountAmount;
import ec.gob.iess.recauda.domain.report.PortfolioAging;
import ec.gob.iess.recauda.domain.report.PublicSectorReport;
import ec.gob.iess.recauda.domain.report.Recovery;
import ec.gob.iess.recauda.domain.report.YearOverYear;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reports as CSV (RFC 4180, by Jackson's CSV writer): a header line, then one line per row, CRLF line ends, UTF-8
 * without a byte-order mark, amounts as plain decimals with a dot and two places. Rows are written as they come: the
 * collections report hands them over as the database's cursor reads them.
 */
final class ReportCsv {

    static final String MEDIA_TYPE = "text/csv";
    static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=UTF-8; header=present";

    static final String COLLECTIONS = "key, count, amount";
    static final String YEAR_OVER_YEAR = "month, total, previousYearTotal";
    static final String RECOVERY = "line, count, principal, interest, amount";
    static final String AGING = "section, key, bucket, count, principal, interest";
    static final String AGREEMENTS = "status, count, debt, downPayment, financedAmount";
    static final String CARD_DEBIT = "status, count, amount";
    static final String PUBLIC_SECTOR = "section, item, count, amount";
    static final String CHANNELS = "entityCode, payments, amount, reversals, reversedAmount,"
            + " reconciliationSubmissions, reconciledDates, unbalancedDates, missingHereCount, missingHereAmount,"
            + " missingAtBankCount, missingAtBankAmount, amountMismatches";

    private ReportCsv() {
    }

    /** Writes the header line {@code columns} ("a, b, c") and then each row as it comes. */
    static void write(String columns, Consumer<Consumer<Object[]>> rows, OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (String column : columns.split(", ")) {
            schema.addColumn(column);
        }
        CsvStream.write(schema.build(), rows, ReportCsv::cells, out);
    }

    /** A row's cells as the CSV writer takes them: amounts as their plain decimal text. */
    private static Object[] cells(Object[] row) {
        Object[] cells = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            cells[i] = row[i] instanceof Amount m ? m.toString() : row[i];
        }
        return cells;
    }

    static void write(String columns, List<Object[]> rows, OutputStream out) throws IOException {
        write(columns, rows::forEach, out);
    }

    static List<Object[]> yearOverYear(YearOverYear y) {
        return y.months().stream().map(m -> new Object[]{m.month(), m.total(), m.previousYearTotal()}).toList();
    }

    static List<Object[]> recovery(Recovery r) {
        List<Object[]> rows = new ArrayList<>();
        r.byStage().forEach(s -> rows.add(line(s.stage().name(), s.line())));
        rows.add(line("AGREEMENT_INSTALLMENTS", r.agreementInstallments()));
        rows.add(line("TOTAL", r.total()));
        return rows;
    }

    private static Object[] line(String name, Recovery.Line l) {
        return new Object[]{name, l.count(), l.principal(), l.interest(), l.amount()};
    }

    static List<Object[]> aging(PortfolioAging a) {
        List<Object[]> rows = new ArrayList<>();
        a.buckets().forEach(b -> rows.add(bucket("total", "", b)));
        a.byType().forEach(g -> g.buckets().forEach(b -> rows.add(bucket("type", g.key(), b))));
        a.byStage().forEach(g -> g.buckets().forEach(b -> rows.add(bucket("stage", g.key(), b))));
        PortfolioAging.InAgreement in = a.inAgreement();
        in.countByType().forEach((k, n) -> rows.add(new Object[]{"inAgreementType", k, "", n,
                in.principalByType().get(k), ""}));
        in.countByStage().forEach((k, n) -> rows.add(new Object[]{"inAgreementStage", k, "", n,
                in.principalByStage().get(k), ""}));
        return rows;
    }

    private static Object[] bucket(String section, String key, PortfolioAging.Bucket b) {
        AgingBucket bucket = b.bucket();
        return new Object[]{section, key, bucket.label(), b.figures().count(), b.figures().principal(),
                b.figures().interest()};
    }

    static List<Object[]> agreements(AgreementsReport r) {
        return r.byStatus().stream().map(s -> new Object[]{s.status().name(), s.count(), s.debt(), s.downPayment(),
                s.financedAmount()}).toList();
    }

    static List<Object[]> cardDebit(CardDebitReport r) {
        return r.byStatus().stream().map(s -> new Object[]{s.status().name(), s.count(), s.amount()}).toList();
    }

    static List<Object[]> publicSector(PublicSectorReport r) {
        List<Object[]> rows = new ArrayList<>();
        var b = r.batches();
        rows.add(new Object[]{"batches", "batches", b.count(), ""});
        rows.add(countAmount("batches", "lines", b.lines()));
        rows.add(countAmount("batches", "APPLIED", b.applied()));
        rows.add(countAmount("batches", "PARTIAL", b.partial()));
        rows.add(countAmount("batches", "REJECTED", b.rejected()));
        rows.add(countAmount("batches", "PENDING", b.pending()));
        rows.add(new Object[]{"batches", "appliedAmount", "", b.appliedAmount()});
        rows.add(new Object[]{"batches", "unappliedAmount", "", b.unappliedAmount()});
        var s = r.settlements();
        rows.add(new Object[]{"settlements", "settlements", s.count(), s.amount()});
        rows.add(new Object[]{"settlements", "appliedAmount", "", s.appliedAmount()});
        rows.add(new Object[]{"settlements", "unappliedAmount", "", s.unappliedAmount()});
        var f = r.unappliedFunds();
        rows.add(countAmount("unappliedFunds", "received", f.received()));
        rows.add(countAmount("unappliedFunds", "open", f.open()));
        rows.add(countAmount("unappliedFunds", "refunded", f.refunded()));
        rows.add(new Object[]{"unappliedFunds", "applied", "", f.applied()});
        return rows;
    }

    private static Object[] countAmount(String section, String item, CountAmount c) {
        return new Object[]{section, item, c.count(), c.amount()};
    }

    static List<Object[]> channels(ChannelsReport r) {
        return r.entities().stream().map(e -> {
            var c = e.reconciliations();
            return new Object[]{e.entityCode(), e.payments().count(), e.payments().amount(), e.reversals().count(),
                    e.reversals().amount(), c.submissions(), c.dates(), c.unbalancedDates(), c.missingHere().count(),
                    c.missingHere().amount(), c.missingAtBank().count(), c.missingAtBank().amount(),
                    c.amountMismatches()};
        }).toList();
    }
}
