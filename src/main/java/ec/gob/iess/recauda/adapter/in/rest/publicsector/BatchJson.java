package ec.gob.iess.recauda.adapter.in.rest.publicsector;

import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.PaymentJson;
import ec.gob.iess.recauda.application.port.in.PublicSectorBatchesUseCase;
import ec.gob.iess.recauda.application.port.out.Batches;
import ec.gob.iess.recauda.domain.publicsector.BatchLine;
import ec.gob.iess.recauda.domain.publicsector.BatchStatus;
import ec.gob.iess.recauda.domain.publicsector.BatchSubmission;
import ec.gob.iess.recauda.domain.publicsector.LineStatus;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON of the ministry's batches: what the ministry sends, and what it reads back. */
public final class BatchJson {

    private BatchJson() {
    }

    /** The batch the ministry sends (signed). */
    @Schema(name = "BatchRequest")
    public record Request(
            @Schema(required = true, description = "The ministry's own id of the batch, unique: 1 to 40 letters,"
                    + " digits or . _ -", pattern = BatchSubmission.BATCH_ID_RULE,
                    maxLength = BatchSubmission.MAX_BATCH_ID_LENGTH, example = "MEF-2026-000001") String batchId,
            @Schema(required = true, description = "The reference of the transfer that carried the money",
                    pattern = BatchSubmission.TRANSFER_REFERENCE_RULE,
                    maxLength = BatchSubmission.MAX_TRANSFER_REFERENCE_LENGTH, example = "BCE-20261204-88412")
            String transferReference,
            @Schema(required = true, description = "The day the money arrived: not after today, at most "
                    + BatchSubmission.MAX_VALUE_DATE_AGE_DAYS + " days before it. Interest is computed to it.")
            LocalDate valueDate,
            @Schema(required = true, type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN,
                    description = "The sum of the lines' amounts", example = "1591.78") String controlTotal,
            @Schema(required = true, description = "The number of lines", minimum = "1",
                    maximum = "" + BatchSubmission.MAX_LINES) Integer lineCount,
            @Schema(required = true, minItems = 1, maxItems = BatchSubmission.MAX_LINES) List<Line> lines) {

        BatchSubmission.Raw raw() {
            return new BatchSubmission.Raw(batchId, transferReference, valueDate, controlTotal, lineCount,
                    lines == null ? null : lines.stream().map(l -> l == null ? null : new BatchSubmission.RawLine(
                            l.lineNo(), l.employerId(), l.reference(), l.period(), l.amount())).toList());
        }
    }

    /** One line: a voucher to pay (reference) or a period whose contributions to pay (period), never both. */
    @Schema(name = "BatchRequestLine")
    public record Line(
            @Schema(required = true, minimum = "1", maximum = "" + BatchLine.MAX_LINE_NO, example = "1")
            Integer lineNo,
            @Schema(required = true, description = "The RUC of the employer (the public-sector entity) paid for",
                    example = "1760001550001") String employerId,
            @Schema(description = "A voucher to pay, for exactly its amount; or give period",
                    example = "9100000000000011") String reference,
            @Schema(description = "YYYY-MM: pay the employer's CONTRIBUTION and RESERVE_FUND of that month; or give"
                    + " reference", example = "2026-10") String period,
            @Schema(required = true, type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN, example = "1591.78")
            String amount) {
    }

    /** A batch as it stands. */
    @Schema(name = "Batch")
    public record View(String batchId,
                @Schema(description = "RECEIVED until a line is settled, PROCESSING, COMPLETED when all are")
                BatchStatus status,
                String transferReference, LocalDate valueDate,
                @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String controlTotal,
                int lineCount, int linesProcessed, int appliedCount,
                @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                        description = "What the APPLIED and PARTIAL lines paid") String appliedTotal,
                int partialCount, int rejectedCount,
                @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                        description = "Held as unapplied funds: rejected lines, and what lines paid beyond the debt"
                                + " of their period. appliedTotal + unappliedTotal = controlTotal once COMPLETED")
                String unappliedTotal,
                Instant receivedAt,
                @Schema(description = "When the last line was settled; absent until COMPLETED") Instant completedAt) {

        static View of(PublicSectorBatchesUseCase.BatchView b) {
            Batches.Header h = b.header();
            Batches.Summary s = b.summary();
            return new View(h.batchId(), b.status(), h.transferReference(), h.valueDate(),
                    h.controlTotal().toString(), h.lineCount(), s.processed(), s.applied(), s.appliedTotal().toString(),
                    s.partial(), s.rejected(), s.unappliedTotal().toString(), h.receivedAt(), b.completedAt());
        }
    }

    /** A line's outcome. */
    @Schema(name = "BatchLine")
    public record LineView(int lineNo, String employerId,
                    @Schema(description = "Present when the line named a voucher") String reference,
                    @Schema(description = "Present when the line named a period") String period,
                    @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
                    LineStatus status,
                    @Schema(description = "Why a REJECTED line paid nothing (unknown-employer, nothing-pending,"
                            + " held-by-voucher, paid-after-value-date, voucher-not-found, voucher-of-another-employer,"
                            + " voucher-expired, voucher-cancelled, voucher-already-paid, voucher-of-card-charge,"
                            + " amount-mismatch,"
                            + " interest-rate-unavailable, processing-failed),"
                            + " or surplus for an APPLIED line that paid more than was due",
                            example = "nothing-pending")
                    String reason,
                    @Schema(description = "The reason in words") String detail,
                    @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                            description = "Absent while PENDING") String appliedAmount,
                    @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                            description = "Absent while PENDING") String unappliedAmount,
                    @Schema(format = "uuid", description = "The payment the line made, when it applied money")
                    String paymentId,
                    Instant processedAt,
                    List<PaymentJson.AllocationJson> allocations) {

        static LineView of(Batches.LineView l) {
            BatchLine line = l.line();
            return new LineView(line.lineNo(), line.employerId().value(),
                    line.reference() == null ? null : line.reference().value(),
                    line.period() == null ? null : line.period().toString(), line.amount().toString(), l.status(),
                    l.reason(), l.detail(), l.applied() == null ? null : l.applied().toString(),
                    l.unapplied() == null ? null : l.unapplied().toString(),
                    l.paymentId() == null ? null : l.paymentId().toString(), l.processedAt(),
                    l.allocations().stream().map(a -> new PaymentJson.AllocationJson(a.obligationId().toString(),
                            a.interest().toString(), a.principal().toString())).toList());
        }
    }
}
