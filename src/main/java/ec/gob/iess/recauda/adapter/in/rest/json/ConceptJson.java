package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.domain.concept.Concept;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A miscellaneous concept as everyone sees it. */
@Schema(name = "Concept")
public record ConceptJson(@Schema(example = "RENT") String code,
                          @Schema(example = "Arriendo de locales comerciales") String name,
                          @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                                  description = "Absent when the payer states the amount") String fixedAmount) {

    public static ConceptJson from(Concept c) {
        return new ConceptJson(c.code(), c.name(), c.fixedAmount() == null ? null : c.fixedAmount().toString());
    }
}
