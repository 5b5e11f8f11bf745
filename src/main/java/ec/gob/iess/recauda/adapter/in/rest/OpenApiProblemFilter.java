package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemTypes;
import ec.gob.iess.recauda.adapter.in.rest.security.CorrelationIdFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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
 * operation can give (400, 406, 413, 414, 429, 431, 500 and 503 with Retry-After; 401 and 403 when it needs a credential;
 * 415 when it takes a body), problem+json content on every error answer, the optional {@code X-Request-Id} header,
 * and the rate-limit headers ({@code RateLimit-Policy} and {@code RateLimit} on every answer, {@code Retry-After} on
 * a 429).
 */
public class OpenApiProblemFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    private static final String RATE_LIMIT = "RateLimit";
    private static final String RETRY_AFTER = "Retry-After";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        boundTermMonths(openAPI);
        declareAudiences(openAPI);
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            for (Schema schema : openAPI.getComponents().getSchemas().values()) {
                ValueBounds.bound(null, schema);
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach(ValueBounds::bound);
                }
            }
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        AnswerFields.require(openAPI);
        declareRateLimitHeaders(openAPI);
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                complete(entry.getValue());
                if (entry.getValue().getParameters() != null) {
                    entry.getValue().getParameters().forEach(p -> ValueBounds.bound(p.getName(), p.getSchema()));
                }
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
            addIfMissing(responses, "401", "No credential, an unknown or revoked API key, or a staff token that is not"
                    + " valid here (expired, foreign issuer or audience, unsigned, not signed by the provider's keys)");
            addIfMissing(responses, "403", "The caller's role (the key's, or the staff person's) may not call this"
                    + " operation");
        }
        addIfMissing(responses, "406", "The Accept header allows neither application/json nor the answer's own"
                + " media type");
        addIfMissing(responses, "413", "The body is larger than the endpoint's limit");
        addIfMissing(responses, "414", "The URL is longer than the service accepts (uri-too-long)");
        addIfMissing(responses, "431", "The request headers are larger than the service accepts"
                + " (headers-too-large)");
        if (hasBody) {
            addIfMissing(responses, "415", "The body is not application/json");
        }
        addIfMissing(responses, "429", "Too many requests: a rate limit is used up (rate-limited); retry after the"
                + " seconds of Retry-After");
        addIfMissing(responses, "500", "Unexpected failure; quote the correlation id to support");
        addIfMissing(responses, "503", "The database is unavailable or did not answer in time, or the OpenID"
                + " Connect provider could not be reached to verify a staff token (service-unavailable); retry after"
                + " the seconds in Retry-After");
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(problemContent());
            }
            response.getValue().addHeader("X-Request-Id", OASFactory.createHeader()
                    .description("The request's correlation id")
                    .schema(requestIdSchema()));
            response.getValue().addHeader(RATE_LIMIT_POLICY, OASFactory.createHeader().ref(RATE_LIMIT_POLICY));
            response.getValue().addHeader(RATE_LIMIT, OASFactory.createHeader().ref(RATE_LIMIT));
            if ("429".equals(response.getKey())) {
                response.getValue().addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
            }
        }
        responses.getAPIResponse("503").addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
        boolean declaresRequestId = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "X-Request-Id".equals(p.getName()));
        if (!declaresRequestId) {
            operation.addParameter(OASFactory.createParameter()
                    .name("X-Request-Id")
                    .in(Parameter.In.HEADER)
                    .description("Correlation id (1-128 of A-Z a-z 0-9 . _ : -); generated when absent, a 400"
                            + " when it breaks the rule")
                    .schema(requestIdSchema()));
        }
    }

    /**
     * Every {@code termMonths} of a request states the bounds the service enforces, taken from the same settings
     * ({@code recauda.agreement.min-term-months} / {@code .max-term-months}) as the rule itself.
     */
    private static void boundTermMonths(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        int min = config.getOptionalValue("recauda.agreement.min-term-months", Integer.class).orElse(2);
        int max = config.getOptionalValue("recauda.agreement.max-term-months", Integer.class).orElse(36);
        for (Map.Entry<String, Schema> schema : openAPI.getComponents().getSchemas().entrySet()) {
            Map<String, Schema> properties = schema.getValue().getProperties();
            Schema term = properties == null ? null : properties.get("termMonths");
            if (term != null && schema.getKey().endsWith("Request")) {
                term.minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max))
                        .description("From " + min + " to " + max + " months (recauda.agreement.min-term-months /"
                                + " .max-term-months)");
            }
        }
    }

    /**
     * Who each server is for (OWASP API9, inventory): the production server is for partners outside the institution,
     * a local instance only for its developer.
     */
    private static void declareAudiences(OpenAPI openAPI) {
        if (openAPI.getServers() != null) {
            openAPI.getServers().forEach(server -> server.addExtension("x-internal",
                    server.getUrl() != null && server.getUrl().contains("://localhost")));
        }
    }

    private static Schema requestIdSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(128)
                .pattern(CorrelationIdFilter.RULE);
    }

    /** The rate-limit headers (draft-ietf-httpapi-ratelimit-headers-11), declared once and referenced. */
    private static void declareRateLimitHeaders(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addHeader(RATE_LIMIT_POLICY, OASFactory.createHeader()
                        .description("The rate limit the request counted against (draft-ietf-httpapi-ratelimit-headers"
                                + "-11): `\"public\";q=60;w=60` is 60 requests per 60 seconds. Policies: `public`"
                                + " (endpoints without a key, per client address), `api-key` (per API client),"
                                + " `invalid-key` (missing, unknown or revoked keys, per client address). Absent when"
                                + " rate limits are off")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                .addHeader(RATE_LIMIT, OASFactory.createHeader()
                        .description("What is left of that limit: `\"public\";r=0;t=12` is 0 more requests within the"
                                + " next 12 seconds, when the window ends and the quota is whole again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                .addHeader(RETRY_AFTER, OASFactory.createHeader()
                        .description("Seconds to wait before a request can be served")
                        .required(true)
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                                .minimum(BigDecimal.ONE)));
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
