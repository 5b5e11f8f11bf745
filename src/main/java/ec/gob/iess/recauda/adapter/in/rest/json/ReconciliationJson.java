package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.domain.payment.Reconciliation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The answer to a bank's reconciliation: what matches and every difference, line by line. */
@Schema(name = "ReconciliationResult")
public record ReconciliationJson(
        String entityCode,
        LocalDate businessDate,
        int matchedCount,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String matchedTotal,
        @Schema(description = "Listed by the bank, not APPLIED here") List<ItemJson> missingHere,
        @Schema(description = "APPLIED here, not listed by the bank") List<ItemJson> missingAtBank,
        List<MismatchJson> amountMismatches,
        boolean balanced) {

    /** One payment of either side. */
    @Schema(name = "ReconciliationItem")
    public record ItemJson(String bankTransactionId,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount) {
    }

    /** A payment both sides have with different amounts. */
    @Schema(name = "ReconciliationMismatch")
    public record MismatchJson(String bankTransactionId,
                               @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String bankAmount,
                               @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String ourAmount) {
    }

    public static ReconciliationJson from(Reconciliation r) {
        return new ReconciliationJson(r.entityCode(), r.businessDate(), r.matchedCount(), r.matchedTotal().toString(),
                r.missingHere().stream().map(i -> new ItemJson(i.bankTransactionId(), i.amount().toString())).toList(),
                r.missingAtBank().stream().map(i -> new ItemJson(i.bankTransactionId(), i.amount().toString())).toList(),
                r.amountMismatches().stream().map(m -> new MismatchJson(m.bankTransactionId(),
                        m.bankAmount().toString(), m.ourAmount().toString())).toList(),
                r.balanced());
    }
}
