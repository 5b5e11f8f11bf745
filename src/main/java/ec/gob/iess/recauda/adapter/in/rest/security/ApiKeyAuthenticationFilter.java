package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemException;
import ec.gob.iess.recauda.application.port.in.AuthenticateCallerUseCase.AuthenticatedClient;
import ec.gob.iess.recauda.application.port.in.AuthenticateCallerUseCase;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.domain.access.Role;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <apiKey>} and checks the caller's role against the endpoint's
 * {@link Allowed} roles: no key, or an unknown or revoked one, is a 401; a known key of the wrong role a 403.
 * An endpoint that declares neither {@link Allowed} nor {@link PublicEndpoint} is refused to everyone. A refused key
 * counts against the client address's {@code invalid-key} rate limit ({@link RateLimits}): once that is used up the
 * answer is 429 instead of 401.
 */
public class ApiKeyAuthenticationFilter {

    private static final Logger LOG = Logger.getLogger(ApiKeyAuthenticationFilter.class);
    private static final String BEARER = "bearer ";
    private static final String AUTHENTICATED = "recauda.authenticated-client";

    private final AuthenticateCallerUseCase authentication;
    private final CallContext context;
    private final RateLimits rateLimits;

    public ApiKeyAuthenticationFilter(AuthenticateCallerUseCase authentication, CallContext context,
                                      RateLimits rateLimits) {
        this.authentication = authentication;
        this.context = context;
        this.rateLimits = rateLimits;
    }

    /**
     * A key that is sent is checked before the request is matched to an operation, so that a wrong key is a 401
     * before any 404, 405 or 406 could tell the caller something about the API. The result is kept for
     * {@link #authenticate}.
     *
     * <p>A pre-matching filter runs on the event loop, and checking a key reads the database (and, for a refused
     * key, the rate-limit buckets): that read is moved to a worker thread, so that a slow or exhausted database
     * never blocks the event loop that serves every other request.
     */
    @ServerRequestFilter(preMatching = true, priority = 300)
    public Uni<Void> authenticateSentKey(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Void>item(() -> {
            request.setProperty(AUTHENTICATED, authenticated(request, bearerKey(header)));
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @ServerRequestFilter(priority = 1000)
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || isPublic(method)) {
            return;
        }
        Allowed allowed = Optional.ofNullable(method.getAnnotation(Allowed.class))
                .orElse(method.getDeclaringClass().getAnnotation(Allowed.class));
        if (allowed == null) {
            LOG.errorf("Endpoint %s declares no @Allowed roles nor @PublicEndpoint: refused", method);
            throw ProblemException.forbidden("this endpoint is not open to any client");
        }
        Object sent = request.getProperty(AUTHENTICATED);
        AuthenticatedClient client = sent instanceof AuthenticatedClient known ? known
                : authenticated(request, bearerKey(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        if (Arrays.stream(allowed.value()).noneMatch(r -> r == client.role())) {
            // A refusal is still a request of a known client: it counts against its key's quota (429 once used up),
            // so a key cannot probe the operations of other roles without limit.
            rateLimits.limitClient(request, client.clientId());
            throw ProblemException.forbidden("a " + client.role() + " client may not call this operation; it is"
                    + " for " + describe(allowed.value()));
        }
        context.caller(new Caller(client.clientId(), client.role(), client.scope(), context.correlationId(),
                client.entity()));
    }

    private AuthenticatedClient authenticated(ContainerRequestContext request, String key) {
        return authentication.authenticate(key)
                .orElseThrow(() -> rateLimits.refuseInvalidKey(request, ProblemException.unauthorized(key == null
                        ? "send the API key as 'Authorization: Bearer <apiKey>'"
                        : "the API key is unknown or revoked")));
    }

    static boolean isPublic(Method method) {
        return method.isAnnotationPresent(PublicEndpoint.class)
                || method.getDeclaringClass().isAnnotationPresent(PublicEndpoint.class);
    }

    private static String bearerKey(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String key = header.substring(BEARER.length()).strip();
        return key.isEmpty() ? null : key;
    }

    private static String describe(Role[] roles) {
        return String.join(" or ", Arrays.stream(roles).map(Role::name).toList());
    }
}
