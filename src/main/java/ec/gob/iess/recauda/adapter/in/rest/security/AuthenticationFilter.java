package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemException;
import ec.gob.iess.recauda.application.port.in.AuthenticateCallerUseCase.AuthenticatedClient;
import ec.gob.iess.recauda.application.port.in.AuthenticateCallerUseCase;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <credential>} and checks the caller against the endpoint's
 * {@link Allowed}. The credential is either an API key (a machine) or, when it has the shape of a JWT (three base64url
 * parts), a staff person's token of the OpenID Connect provider ({@link StaffTokens}). No credential, an unknown or
 * revoked key, or a token that is not valid here is a 401; a known caller that the endpoint does not allow a 403.
 * An endpoint that declares neither {@link Allowed} nor {@link PublicEndpoint} is refused to everyone. A refused
 * credential counts against the client address's {@code invalid-key} rate limit ({@link RateLimits}): once that is
 * used up the answer is 429 instead of 401.
 */
public class AuthenticationFilter {

    private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);
    private static final String BEARER = "bearer ";
    private static final String AUTHENTICATED = "recauda.authenticated-client";
    private static final int PROVIDER_RETRY_AFTER_SECONDS = 5;

    private final AuthenticateCallerUseCase authentication;
    private final StaffTokens tokens;
    private final CallContext context;
    private final RateLimits rateLimits;

    public AuthenticationFilter(AuthenticateCallerUseCase authentication, StaffTokens tokens, CallContext context,
                                RateLimits rateLimits) {
        this.authentication = authentication;
        this.tokens = tokens;
        this.context = context;
        this.rateLimits = rateLimits;
    }

    /**
     * A credential that is sent is checked before the request is matched to an operation, so that a wrong one is a
     * 401 before any 404, 405 or 406 could tell the caller something about the API. The result is kept for
     * {@link #authenticate}.
     *
     * <p>A pre-matching filter runs on the event loop, and checking a key reads the database (and, for a refused
     * credential, the rate-limit buckets): that work is moved to a worker thread, so that a slow or exhausted
     * database never blocks the event loop that serves every other request. A token is verified without blocking
     * (its signing keys are cached; fetching them again is asynchronous).
     */
    @ServerRequestFilter(preMatching = true, priority = 300)
    public Uni<Void> authenticateSentCredential(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return Uni.createFrom().voidItem();
        }
        String credential = bearerCredential(header);
        if (credential != null && StaffTokens.looksLikeJwt(credential)) {
            return tokens.verify(credential)
                    .onItem().invoke(verified -> request.setProperty(AUTHENTICATED, verified))
                    .replaceWithVoid()
                    .onFailure(StaffTokens.Refused.class).recoverWithUni(refused -> onWorker(() -> {
                        throw rateLimits.refuseInvalidKey(request, ProblemException.unauthorized(refused.getMessage()));
                    }))
                    .onFailure(StaffTokens.ProviderUnavailable.class).transform(unavailable -> new ProblemException(
                            503, "service-unavailable", unavailable.getMessage() + "; retry after "
                            + PROVIDER_RETRY_AFTER_SECONDS + " seconds",
                            Map.of(HttpHeaders.RETRY_AFTER, Integer.toString(PROVIDER_RETRY_AFTER_SECONDS)), null));
        }
        return onWorker(() -> request.setProperty(AUTHENTICATED, authenticated(request, credential)));
    }

    @ServerRequestFilter(priority = 1000)
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || isPublic(method)) {
            return;
        }
        Allowed allowed = Optional.ofNullable(method.getAnnotation(Allowed.class))
                .orElse(method.getDeclaringClass().getAnnotation(Allowed.class));
        if (allowed == null || allowed.staff().length > 1) {
            LOG.errorf("Endpoint %s declares no @Allowed (or more than one least staff role) nor @PublicEndpoint:"
                    + " refused", method);
            throw ProblemException.forbidden("this endpoint is not open to any client");
        }
        Object sent = request.getProperty(AUTHENTICATED);
        if (sent instanceof StaffTokens.Verified person) {
            context.caller(staff(request, person, allowed));
            return;
        }
        AuthenticatedClient client = sent instanceof AuthenticatedClient known ? known
                : authenticated(request, bearerCredential(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        if (Arrays.stream(allowed.value()).noneMatch(r -> r == client.role())) {
            throw refused(request, client.clientId(), "a " + client.role() + " client may not call this operation;"
                    + " it is for " + describe(allowed));
        }
        context.caller(new Caller(client.clientId(), client.role(), client.scope(), context.correlationId(),
                client.entity()));
    }

    /** The caller for a staff person whose staff role the endpoint allows; a 403 otherwise. */
    private Caller staff(ContainerRequestContext request, StaffTokens.Verified person, Allowed allowed) {
        if (person.role() == null) {
            throw refused(request, person.user().actorId(), "the token grants no staff role of this service (READER,"
                    + " OPERATOR or DIRECTOR)");
        }
        if (allowed.staff().length == 0 || !person.role().includes(allowed.staff()[0])) {
            throw refused(request, person.user().actorId(), "a staff " + person.role() + " may not call this"
                    + " operation; it is for " + describe(allowed));
        }
        return Caller.staff(person.user(), person.role(), context.correlationId());
    }

    /**
     * The 403 of a known credential. A refusal is still a request of that client or person, so it counts against its
     * own quota (a 429 instead once that is used up): a credential cannot probe other roles' operations without limit.
     */
    private ProblemException refused(ContainerRequestContext request, String actorId, String detail) {
        rateLimits.limitClient(request, actorId);
        return ProblemException.forbidden(detail);
    }

    private AuthenticatedClient authenticated(ContainerRequestContext request, String key) {
        return authentication.authenticate(key)
                .orElseThrow(() -> rateLimits.refuseInvalidKey(request, ProblemException.unauthorized(key == null
                        ? "send an API key or a staff token as 'Authorization: Bearer <credential>'"
                        : "the API key is unknown or revoked")));
    }

    private static Uni<Void> onWorker(Runnable work) {
        return Uni.createFrom().<Void>item(() -> {
            work.run();
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static boolean isPublic(Method method) {
        return method.isAnnotationPresent(PublicEndpoint.class)
                || method.getDeclaringClass().isAnnotationPresent(PublicEndpoint.class);
    }

    private static String bearerCredential(String header) {
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String credential = header.substring(BEARER.length()).strip();
        return credential.isEmpty() ? null : credential;
    }

    /** Who an endpoint is for, in words: "STAFF or EMPLOYER keys, or staff people from OPERATOR". */
    static String describe(Allowed allowed) {
        String keys = allowed.value().length == 0 ? null : String.join(" or ", Arrays.stream(allowed.value())
                .map(Role::name).toList()) + " keys";
        String people = allowed.staff().length == 0 ? null : staffFrom(allowed.staff()[0]);
        return keys == null ? people : people == null ? keys : keys + ", or " + people;
    }

    private static String staffFrom(StaffRole least) {
        return least == StaffRole.DIRECTOR ? "staff people with the role DIRECTOR"
                : "staff people with the role " + least + " or higher";
    }
}
