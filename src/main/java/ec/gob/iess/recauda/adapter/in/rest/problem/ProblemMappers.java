package ec.gob.iess.recauda.adapter.in.rest.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.signature.SignatureRefusedException;
import ec.gob.iess.recauda.adapter.in.rest.strict.InvalidFieldsException;
import ec.gob.iess.recauda.adapter.in.rest.strict.StrictJsonModule;
import ec.gob.iess.recauda.domain.shared.DomainException;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place that turns failures into RFC 9457 {@code application/problem+json} answers: domain rejections,
 * protocol refusals, malformed JSON, Bean Validation failures, unknown paths, wrong methods and media types, and,
 * last, anything unexpected: a 503 with {@code Retry-After} when the database is unavailable, otherwise a 500 that
 * shows no internals (the log has the stack trace and the correlation id).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client is asked to wait after a 503 {@code service-unavailable}. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** What a refused signature is answered with: the signature the service asks for (RFC 9421 §5.1). */
    static final String ACCEPT_SIGNATURE = "sig1=(\"@method\" \"@path\" \"content-digest\");alg=\"ed25519\"";

    private final Instance<CallContext> context;

    public ProblemMappers(Instance<CallContext> context) {
        this.context = context;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return respond(ProblemFactory.from(e, path(uri), correlationId()));
    }

    /** A refused HTTP message signature (the ministry's batches): 401, saying which check failed. */
    @ServerExceptionMapper
    public Response signature(SignatureRefusedException e, UriInfo uri) {
        return builder(ProblemFactory.of(401, e.kind(), e.getMessage(), path(uri), correlationId()))
                .header("Accept-Signature", ACCEPT_SIGNATURE).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Problem p = new Problem(ProblemTypes.uri(e.kind()), ProblemTypes.title(e.kind()), e.status(), e.getMessage(),
                path(uri), correlationId(), null, e.results());
        Response.ResponseBuilder builder = builder(p);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(ProblemTypes.uri("validation-error"), ProblemTypes.title("validation-error"), 400,
                detail, path(uri), correlationId(), errors, null));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        ProblemException wrapped = wrappedProblem(e);
        if (wrapped != null) {
            return problem(wrapped, uri);
        }
        if (e instanceof InvalidFieldsException invalid) {
            return invalidFields(invalid.violations(), uri);
        }
        if (e instanceof JsonMappingException mapping) {
            return invalidFields(List.of(StrictJsonModule.describe(mapping)), uri);
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")";
        return respond(ProblemFactory.of(400, "malformed-request", "the body is not valid JSON" + where, path(uri),
                correlationId()));
    }

    private Response invalidFields(List<InvalidFieldsException.Violation> violations, UriInfo uri) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(ProblemTypes.uri("validation-error"), ProblemTypes.title("validation-error"), 400,
                detail, path(uri), correlationId(), errors, null));
    }

    /** More specific than Jackson's own mappers for these types, which would answer with a non-problem body. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response notFound(jakarta.ws.rs.NotFoundException e, UriInfo uri) {
        return respond(ProblemFactory.of(404, "not-found", "no resource at this path", path(uri), correlationId()));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        Response.ResponseBuilder builder = builder(ProblemFactory.of(405, "method-not-allowed",
                "this path does not accept that method" + (allow == null ? "" : "; it accepts " + allow), path(uri),
                correlationId()));
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        return respond(ProblemFactory.of(415, "unsupported-media-type",
                "send the body as application/json", path(uri), correlationId()));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return respond(ProblemFactory.of(406, "not-acceptable",
                "this resource answers application/json (errors as application/problem+json)", path(uri),
                correlationId()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        ProblemException wrapped = wrappedProblem(e);
        if (wrapped != null) {
            return problem(wrapped, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String kind = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "malformed-request";
        };
        return respond(ProblemFactory.of(status, kind, e.getMessage(), path(uri), correlationId()));
    }

    /**
     * Anything else: a 503 when the database is unreachable or did not answer within its bounds
     * ({@link DatabaseUnavailable}), logged as one WARN line with the reason and the correlation id only; otherwise
     * a 500 whose log has the stack trace.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String id = correlationId();
        Optional<String> unavailable = DatabaseUnavailable.reason(e);
        if (unavailable.isPresent()) {
            LOG.warnf("Database unavailable (%s): answered 503 (correlation id %s)", unavailable.get(), id);
            return builder(ProblemFactory.of(503, "service-unavailable", "the database is unavailable or did not"
                    + " answer in time; retry after " + RETRY_AFTER_SECONDS + " seconds (a write cut off while it"
                    + " committed may have been applied: retry it with the same idempotency key, such as the"
                    + " bankTransactionId, or read it back)", path(uri), id))
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).build();
        }
        LOG.errorf(e, "Unexpected failure of %s (correlation id %s)", path(uri), id);
        return respond(ProblemFactory.of(500, "internal-error",
                "the service failed unexpectedly; quote the correlation id to support", path(uri), id));
    }

    /** A refusal raised while the body was being read (its size) arrives wrapped by Jackson. */
    private static ProblemException wrappedProblem(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
        }
        return null;
    }

    /**
     * The field a violation is about, as the client named it: "create.body.principal" becomes "principal", a
     * query parameter "list.size" becomes "size", an item of a list "items[3].principal".
     */
    private static String field(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER && !last) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private String correlationId() {
        try {
            return context.get().correlationId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static Response respond(Problem p) {
        return builder(p).build();
    }

    private static Response.ResponseBuilder builder(Problem p) {
        return Response.status(p.status()).type(ProblemTypes.MEDIA_TYPE).entity(p);
    }
}
