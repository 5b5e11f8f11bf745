package ec.gob.iess.recauda.adapter.in.rest.problem;

import java.util.List;
import java.util.Map;

/**
 * A protocol-level refusal raised by the REST adapter itself (no or bad credentials, wrong role, a body too large,
 * a missing precondition header, an atomic bulk request refused). Mapped by {@link ProblemMappers}.
 */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final Map<String, String> headers;
    private final List<Problem.BulkError> results;

    public ProblemException(int status, String kind, String detail) {
        this(status, kind, detail, Map.of(), null);
    }

    public ProblemException(int status, String kind, String detail, Map<String, String> headers,
                            List<Problem.BulkError> results) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.headers = Map.copyOf(headers);
        this.results = results;
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", detail,
                Map.of("WWW-Authenticate", "Bearer realm=\"recauda\""), null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<Problem.BulkError> results() {
        return results;
    }
}
