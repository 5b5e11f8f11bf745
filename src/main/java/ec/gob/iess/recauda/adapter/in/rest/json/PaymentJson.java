package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentChannel;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A payment as the entity and the debtor see it: collected by a partner entity (channel BANK: its transaction id, its
 * code and the voucher paid), or paid by a line of a ministry's batch (MINISTRY_BATCH: the batch and line, and the
 * voucher when the line named one), or by a lump-sum settlement (SETTLEMENT: the settlement), or by a charge to the
 * debtor's registered card (CARD: the processor's entity code, the charge's id as transaction id, and its voucher). A
 * payment that applied
 * money first held unapplied names that fund too.
 */
@Schema(name = "Payment")
public record PaymentJson(
        @Schema(format = "uuid") String paymentId,
        @Schema(description = "BANK, MINISTRY_BATCH, SETTLEMENT or CARD") PaymentChannel channel,
        @Schema(description = "The entity's own transaction id (BANK); the card charge's id (CARD)")
        String bankTransactionId,
        @Schema(description = "The entity that collected it (BANK); the card processor's entity (CARD)")
        String entityCode,
        @Schema(description = "The voucher paid (absent when a batch line paid the debt of a period)")
        String reference,
        @Schema(description = "The ministry's batch (MINISTRY_BATCH)") String batchId,
        @Schema(description = "The line of the batch (MINISTRY_BATCH)") Integer lineNo,
        @Schema(format = "uuid", description = "The settlement (SETTLEMENT)") String settlementId,
        @Schema(format = "uuid", description = "The unapplied fund whose money staff applied with this payment"
                + " (absent for a payment applied when the money came)") String unappliedFundId,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
        Instant paidAt,
        @Schema(description = "The date of paidAt in Guayaquil, or the next day after the entity's cut-off")
        LocalDate businessDate,
        PaymentStatus status,
        List<AllocationJson> allocations,
        Instant reversedAt) {

    /** How much of the payment went to one obligation: interest first, then principal. */
    @Schema(name = "Allocation")
    public record AllocationJson(@Schema(format = "uuid") String obligationId,
                                 @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String interest,
                                 @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal) {
    }

    public static PaymentJson from(Payment p) {
        return new PaymentJson(p.id().toString(), p.channel(), p.bankTransactionId(), p.entityCode(),
                p.voucherReference(), p.batchLine() == null ? null : p.batchLine().batchId(),
                p.batchLine() == null ? null : p.batchLine().lineNo(),
                p.settlementId() == null ? null : p.settlementId().toString(),
                p.unappliedFundId() == null ? null : p.unappliedFundId().toString(),
                p.amount().toString(), p.paidAt(), p.businessDate(), p.status(),
                p.allocations().stream().map(a -> new AllocationJson(a.obligationId().toString(),
                        a.interest().toString(), a.principal().toString())).toList(),
                p.reversedAt());
    }
}
