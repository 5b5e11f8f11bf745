package ec.gob.iess.recauda.adapter.in.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem detail: the body of every error answer, with media type {@code application/problem+json}.
 *
 * @param type          a stable URI per kind of problem; clients branch on it
 * @param title         a short summary of the kind, the same for every occurrence
 * @param status        the HTTP status
 * @param detail        what went wrong this time, in words
 * @param instance      the path of the request
 * @param correlationId the request's {@code X-Request-Id}, to quote to support
 * @param errors        for validation problems, each invalid field and the rule it broke
 * @param results       for a refused atomic bulk request, the items that failed
 * @param obligations   for a refused agreement, each obligation that may not go into it and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details. `type` is stable per kind of problem.")
public record Problem(
        @Schema(required = true, example = "https://recauda.iess.gob.ec/problems/validation-error") String type,
        @Schema(required = true, example = "Invalid request") String title,
        @Schema(required = true, example = "400") int status,
        @Schema(example = "principal: has more than two decimals") String detail,
        @Schema(example = "/api/v1/obligations") String instance,
        @Schema(example = "4f1c2a9e-6b1d-4c55-9a51-1f0f3b1d2c3e") String correlationId,
        List<FieldError> errors,
        @Schema(description = "Failed items of a refused atomic bulk request") List<BulkError> results,
        @Schema(description = "Obligations refused for an agreement (obligation-not-eligible), each with its reason")
        List<IneligibleObligation> obligations) {

    /** The problem without per-obligation reasons. */
    public Problem(String type, String title, int status, String detail, String instance, String correlationId,
                   List<FieldError> errors, List<BulkError> results) {
        this(type, title, status, detail, instance, correlationId, errors, results, null);
    }

    /** An obligation that may not go into an agreement. */
    @Schema(name = "IneligibleObligation")
    public record IneligibleObligation(@Schema(format = "uuid") String obligationId,
                                       @Schema(enumeration = {"NOT_FOUND", "TYPE_NOT_ELIGIBLE", "NOT_PENDING",
                                               "NOT_OVERDUE", "HELD_BY_VOUCHER", "IN_AGREEMENT"})
                                       String reason,
                                       @Schema(example = "is not overdue yet") String detail) {
    }

    /** One field that broke a rule. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(example = "principal") String field,
                             @Schema(example = "has more than two decimals") String message) {
    }

    /** One failed item of a bulk request. */
    @Schema(name = "BulkError")
    public record BulkError(int index, Problem error) {
    }
}
