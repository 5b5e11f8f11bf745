package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A payment collected by a partner entity, as the entity and the debtor see it. */
@Schema(name = "Payment")
public record PaymentJson(
        @Schema(format = "uuid") String paymentId,
        String bankTransactionId,
        String entityCode,
        String reference,
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
        return new PaymentJson(p.id().toString(), p.bankTransactionId(), p.entityCode(), p.voucherReference(),
                p.amount().toString(), p.paidAt(), p.businessDate(), p.status(),
                p.allocations().stream().map(a -> new AllocationJson(a.obligationId().toString(),
                        a.interest().toString(), a.principal().toString())).toList(),
                p.reversedAt());
    }
}
