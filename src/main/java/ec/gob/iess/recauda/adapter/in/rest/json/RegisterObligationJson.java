package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.strict.MultiLine;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** A new obligation as staff send it, alone or as an item of a bulk request. */
@Schema(name = "RegisterObligationRequest")
public record RegisterObligationJson(
        @NotNull @Schema(description = "Cédula or RUC; a passport only for MISC_CONCEPT", example = "1790012345001")
        String debtorId,
        @NotBlank @Size(max = 200) @Schema(example = "Comercial Andina S.A.") String debtorName,
        @NotNull ObligationType type,
        @Schema(description = "Defaults to REGULAR") ObligationStage stage,
        @NotNull @Schema(type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN, description = Amounts.INPUT_DESCRIPTION, example = "1250.00")
        String principal,
        @Schema(description = "Required, except for CONTRIBUTION and RESERVE_FUND with a period: then the 15th of"
                + " the month after the period") LocalDate dueDate,
        @Schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2024-03",
                description = "Required for CONTRIBUTION and RESERVE_FUND") String period,
        @MultiLine @Size(max = 500) String description,
        @Schema(description = "With externalReference: the source system, 1-32 of A-Z 0-9 _ -", example = "HOST")
        String sourceSystem,
        @Schema(description = "Unique per source system, 1-64 characters", example = "GL-1999-004512")
        String externalReference) {

    /** The domain data, or every format error of the fields at once. */
    public NewObligation toNewObligation() {
        Fields fields = new Fields();
        // Passports only for miscellaneous-concept payers; anyone else is told the cédula/RUC rule they broke.
        DebtorId debtor = fields.read("debtorId", () -> type == ObligationType.MISC_CONCEPT
                ? DebtorId.parsePayer(debtorId) : DebtorId.parse(debtorId));
        Money amount = fields.read("principal", () -> Money.parseAmount(principal));
        Period parsedPeriod = fields.readOptional("period", period, () -> Period.parse(period));
        ExternalReference reference = null;
        if (sourceSystem != null || externalReference != null) {
            if (sourceSystem == null || externalReference == null) {
                fields.reject(sourceSystem == null ? "sourceSystem" : "externalReference",
                        "invalid-external-reference", "sourceSystem and externalReference go together");
            } else {
                reference = fields.read("externalReference",
                        () -> new ExternalReference(sourceSystem, externalReference));
            }
        }
        fields.check();
        return new NewObligation(debtor, debtorName, type, stage, amount, dueDate, parsedPeriod, description,
                reference);
    }
}
