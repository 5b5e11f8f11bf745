package ec.gob.iess.recauda.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks every request an HTTP test sends, and every answer it gets, against the committed contract
 * {@code api-spec/openapi.yaml}, so that no field or status can disagree with it.
 *
 * <ul>
 *   <li>Every answer of an operation in the contract must match it: status declared, media type, every field of
 *       the schema (types, formats, patterns, required fields, no null where null is not allowed).</li>
 *   <li>A request that breaks the contract must be refused by the service with a 4xx: what the contract says is
 *       invalid, the service enforces. A request the contract accepts may of course still be refused by a rule
 *       the contract cannot state.</li>
 * </ul>
 * Paths under {@code /q/} (health, metrics, the contract itself) are not part of the API and are not checked.
 */
public final class ContractFilter implements OrderedFilter {

    private static final Pattern ITEM = Pattern.compile("\\[Path '/items/(\\d+)[/']");
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("api-spec", "openapi.yaml").toUri().toString())
            .build();

    @Override
    public Response filter(FilterableRequestSpecification requestSpec, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        Response response = ctx.next(requestSpec, responseSpec);
        String path = requestSpec.getDerivedPath();
        if (path.startsWith("/q/") || path.equals("/q")) {
            return response;
        }
        Request request = RestAssuredRequest.of(requestSpec);
        ValidationReport requestReport = VALIDATOR.validateRequest(request);
        int status = response.statusCode();
        if (requestReport.hasErrors() && status == 200 && path.endsWith("/bulk")) {
            requestReport = failedItemsAllowed(requestReport, response);
        }
        if (requestReport.hasErrors() && (status < 400 || status >= 500)) {
            throw new AssertionError("The service answered " + status + " to a request the contract refuses: "
                    + request.getMethod() + " " + path + "\n" + describe(requestReport));
        }
        boolean unknownOperation = requestReport.getMessages().stream()
                .anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
        if (unknownOperation) {
            return response; // a 404/405 for a path or method the contract does not have: nothing to compare
        }
        ValidationReport responseReport = VALIDATOR.validateResponse(path, request.getMethod(),
                RestAssuredResponse.of(response));
        if (responseReport.hasErrors()) {
            throw new AssertionError("The answer " + status + " to " + request.getMethod() + " " + path
                    + " breaks the contract:\n" + describe(responseReport) + "\nbody: " + abbreviate(response));
        }
        return response;
    }

    /**
     * A bulk request stores its valid items and reports each invalid one: an item the contract refuses is allowed
     * when the answer reports that item as failed, and only then.
     */
    private static ValidationReport failedItemsAllowed(ValidationReport report, Response response) {
        List<ValidationReport.Message> kept = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            Matcher item = ITEM.matcher(m.getMessage());
            boolean reportedFailed = item.find()
                    && response.jsonPath().get("results[" + item.group(1) + "].error") != null;
            if (!reportedFailed) {
                kept.add(m);
            }
        }
        return ValidationReport.from(kept);
    }

    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> "  - [" + m.getKey() + "] " + abbreviate(m.getMessage(), 300))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(Response response) {
        return abbreviate(response.asString(), 2000);
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }
}
