package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An obligation as clients see it. Amounts are strings with two decimals. */
@Schema(name = "Obligation")
public record ObligationJson(
        @Schema(format = "uuid") String id,
        @Schema(example = "1710034065") String debtorId,
        String debtorName,
        ObligationType type,
        ObligationStage stage,
        ObligationStatus status,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, example = "1250.00") String principal,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, example = "0.00") String principalPaid,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, example = "0.00") String interestPaid,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, example = "1250.00",
                description = "principal - principalPaid") String principalBalance,
        LocalDate dueDate,
        @Schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2024-03") String period,
        String description,
        @Schema(description = "The system the external reference belongs to") String sourceSystem,
        @Schema(description = "Unique per source system") String externalReference,
        @Schema(description = "Accepted anomalies, e.g. RUC_CHECK_DIGIT_MISMATCH") List<String> warnings,
        String cancellationReason,
        @Schema(description = "Optimistic-lock version; the ETag is this number in quotes") long version,
        Instant createdAt,
        Instant updatedAt) {

    public static ObligationJson from(Obligation o) {
        return new ObligationJson(
                o.id().toString(),
                o.debtorId().value(),
                o.debtorName(),
                o.type(),
                o.stage(),
                o.status(),
                o.principal().toString(),
                o.principalPaid().toString(),
                o.interestPaid().toString(),
                o.principalBalance().toString(),
                o.dueDate(),
                o.period() == null ? null : o.period().toString(),
                o.description(),
                o.externalReference() == null ? null : o.externalReference().sourceSystem(),
                o.externalReference() == null ? null : o.externalReference().reference(),
                o.warnings(),
                o.cancellationReason(),
                o.version(),
                o.createdAt(),
                o.updatedAt());
    }
}
