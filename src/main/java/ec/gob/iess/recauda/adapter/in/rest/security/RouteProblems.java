package ec.gob.iess.recauda.adapter.in.rest.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.adapter.in.rest.problem.Problem;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemFactory;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemTypes;
import ec.gob.iess.recauda.domain.shared.DomainException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a problem+json from a filter in front of every route, before JAX-RS sees the request (its size, its
 * line, its headers), and closes the connection: what the client was sending may not be worth reading.
 */
final class RouteProblems {

    private RouteProblems() {
    }

    static void send(RoutingContext rc, ObjectMapper json, int status, String kind, String detail) {
        String correlationId = CorrelationIdFilter.accepted(rc.request().getHeader(CorrelationIdFilter.HEADER));
        send(rc, json, ProblemFactory.of(status, kind, detail, rc.normalizedPath(), correlationId), correlationId);
    }

    /** A request value that breaks a rule, answered as the exception mappers answer it. */
    static void sendInvalid(RoutingContext rc, ObjectMapper json, DomainException e) {
        String correlationId = CorrelationIdFilter.accepted(rc.request().getHeader(CorrelationIdFilter.HEADER));
        send(rc, json, ProblemFactory.from(e, rc.normalizedPath(), correlationId), correlationId);
    }

    private static void send(RoutingContext rc, ObjectMapper json, Problem problem, String correlationId) {
        int status = problem.status();
        try {
            String body = json.writeValueAsString(problem);
            rc.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemTypes.MEDIA_TYPE)
                    .putHeader(CorrelationIdFilter.HEADER, correlationId)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(body);
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
