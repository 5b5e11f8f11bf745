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

    /** One field that broke a rule ({@code body} when the rule is about the body as a whole). */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(required = true, example = "principal",
                                     description = "The field in the API's words (items[3].debtorName), a query"
                                             + " parameter or header name, or `body` for the body as a whole")
                             String field,
                             @Schema(required = true, example = "has more than two decimals") String message) {
    }

    /** One failed item of a bulk request. */
    @Schema(name = "BulkError")
    public record BulkError(@Schema(required = true) int index, @Schema(required = true) ItemProblem error) {
    }

    /**
     * Why one item of a bulk request failed: a problem of its own, without {@code instance}, {@code correlationId}
     * (those of the request apply) or nested results, so that the schema is not recursive and every generator and
     * contract tool can read it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ItemProblem", description = "Why one item of a bulk request failed")
    public record ItemProblem(
            @Schema(required = true, example = "https://recauda.iess.gob.ec/problems/invalid-amount") String type,
            @Schema(required = true, example = "Invalid amount") String title,
            @Schema(required = true, example = "400") int status,
            @Schema(example = "principal: has more than two decimals") String detail,
            List<FieldError> errors,
            List<IneligibleObligation> obligations) {

        /** The item's part of {@code problem}. */
        public static ItemProblem of(Problem problem) {
            return new ItemProblem(problem.type(), problem.title(), problem.status(), problem.detail(),
                    problem.errors(), problem.obligations());
        }
    }
}
