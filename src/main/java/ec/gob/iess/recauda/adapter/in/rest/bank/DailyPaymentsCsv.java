package ec.gob.iess.recauda.adapter.in.rest.bank;

import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import ec.gob.iess.recauda.adapter.in.rest.CsvStream;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * An entity's payments of a business date as CSV (RFC 4180), written row by row as the payments are read: a header
 * line, then one line per payment in posting order, lines ended by CRLF, UTF-8 without a byte-order mark. A field
 * holding a comma, a double quote or a line break is quoted, with its double quotes doubled (only a bank's
 * transaction id can hold such characters; it never holds a control character). Values are written as they are:
 * nothing is prefixed to keep a spreadsheet from reading a transaction id that starts with {@code =} as a formula.
 */
final class DailyPaymentsCsv {

    static final String MEDIA_TYPE = "text/csv";
    /** What the answer says it is: RFC 4180's media type with its charset and header parameters. */
    static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=UTF-8; header=present";
    static final String COLUMNS = "paymentId, bankTransactionId, reference, amount (a plain decimal with two places,"
            + " e.g. 1591.78), status (APPLIED or REVERSED), paidAt (UTC, RFC 3339, e.g. 2024-06-10T15:30:00Z)";

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("paymentId")
            .addColumn("bankTransactionId")
            .addColumn("reference")
            .addColumn("amount")
            .addColumn("status")
            .addColumn("paidAt")
            .setUseHeader(true)
            .setLineSeparator("\r\n")
            .build();

    /** One line: the columns of {@link #SCHEMA}, by name. */
    record Row(String paymentId, String bankTransactionId, String reference, String amount, String status,
               String paidAt) {

        static Row of(PaymentOfDay p) {
            return new Row(p.id().toString(), p.bankTransactionId(), p.voucherReference(), p.amount().toString(),
                    p.status().name(), p.paidAt().toString());
        }
    }

    private DailyPaymentsCsv() {
    }

    /**
     * Writes the header and then each payment {@code payments} hands over, as it comes: the writer holds one line
     * at a time and passes its buffer on to {@code out} whenever it fills. It is flushed only when every payment was
     * written: when reading them fails half-way, the exception leaves {@code out} as it is, and the server breaks the
     * connection instead of ending the answer, so that a cut CSV is never taken for a whole day.
     */
    static void write(Consumer<Consumer<PaymentOfDay>> payments, OutputStream out) throws IOException {
        CsvStream.write(SCHEMA, payments, Row::of, out);
    }
}
