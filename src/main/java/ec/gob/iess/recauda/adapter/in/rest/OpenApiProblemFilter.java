package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemTypes;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Completes every operation of the contract the same way, so no resource has to repeat it: the error answers every
 * operation can give (400, 500 and 503 with Retry-After; 401 and 403 when it needs a key; 413 and 415 when it takes a
 * body), problem+json content on every error answer, and the optional {@code X-Request-Id} header.
 */
public class OpenApiProblemFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                complete(entry.getValue());
            }
        }
    }

    private static void complete(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean hasBody = operation.getRequestBody() != null;
        addIfMissing(responses, "400", "Invalid request: the detail names the rule; `errors` lists each field");
        if (secured) {
            addIfMissing(responses, "401", "No API key, or an unknown or revoked one");
            addIfMissing(responses, "403", "The key's role may not call this operation");
        }
        if (hasBody) {
            addIfMissing(responses, "413", "The body is larger than the endpoint's limit");
            addIfMissing(responses, "415", "The body is not application/json");
        }
        addIfMissing(responses, "500", "Unexpected failure; quote the correlation id to support");
        addIfMissing(responses, "503", "The database is unavailable or did not answer in time"
                + " (service-unavailable); retry after the seconds in Retry-After");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(problemContent());
            }
            response.getValue().addHeader("X-Request-Id", OASFactory.createHeader()
                    .description("The request's correlation id")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        responses.getAPIResponse("503").addHeader("Retry-After", OASFactory.createHeader()
                .description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        boolean declaresRequestId = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "X-Request-Id".equals(p.getName()));
        if (!declaresRequestId) {
            operation.addParameter(OASFactory.createParameter()
                    .name("X-Request-Id")
                    .in(Parameter.In.HEADER)
                    .description("Correlation id (1-128 of A-Z a-z 0-9 . _ : -); generated when absent")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    private static void addIfMissing(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(ProblemTypes.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }
}
