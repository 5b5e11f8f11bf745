package ec.gob.iess.recauda.adapter.in.rest.publicsector;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import ec.gob.iess.recauda.adapter.in.rest.CsvStream;
import ec.gob.iess.recauda.application.port.out.Batches;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A batch's result file for the ministry's own books: RFC 4180 CSV (UTF-8, CRLF, a header line), one line per batch
 * line in line order, written as the lines are read (never whole in memory). Amounts are plain decimals with two
 * places and a dot.
 */
final class BatchLinesCsv {

    static final String MEDIA_TYPE = "text/csv";
    static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=UTF-8; header=present";
    static final String COLUMNS = "lineNo, employerId, reference, period, amount, status (PENDING, APPLIED, PARTIAL or"
            + " REJECTED), reason, appliedAmount, unappliedAmount, paymentId, processedAt (UTC, RFC 3339),"
            + " allocations (obligationId:interest:principal, separated by semicolons)";

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("lineNo")
            .addColumn("employerId")
            .addColumn("reference")
            .addColumn("period")
            .addColumn("amount")
            .addColumn("status")
            .addColumn("reason")
            .addColumn("appliedAmount")
            .addColumn("unappliedAmount")
            .addColumn("paymentId")
            .addColumn("processedAt")
            .addColumn("allocations")
            .setUseHeader(true)
            .setLineSeparator("\r\n")
            .build();

    /** One CSV line: the columns of {@link #SCHEMA}, by name. */
    record Row(int lineNo, String employerId, String reference, String period, String amount, String status,
               String reason, String appliedAmount, String unappliedAmount, String paymentId, String processedAt,
               String allocations) {

        static Row of(Batches.LineView l) {
            BatchJson.LineView j = BatchJson.LineView.of(l);
            return new Row(j.lineNo(), j.employerId(), j.reference(), j.period(), j.amount(), j.status().name(),
                    j.reason(), j.appliedAmount(), j.unappliedAmount(), j.paymentId(),
                    j.processedAt() == null ? null : j.processedAt().toString(),
                    j.allocations().stream().map(a -> a.obligationId() + ":" + a.interest() + ":" + a.principal())
                            .collect(Collectors.joining(";")));
        }
    }

    private BatchLinesCsv() {
    }

    /**
     * Writes the header and each line {@code lines} hands over; flushed only when all were written, so that a
     * failure half-way breaks the connection instead of ending a cut file (StreamedAnswer).
     */
    static void write(Consumer<Consumer<Batches.LineView>> lines, OutputStream out) throws IOException {
        CsvStream.write(SCHEMA, lines, Row::of, out);
    }
}
