package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;

/**
 * Applies the {@link RateLimits}: a public endpoint counts against the client address, a keyed one against the API
 * client once {@link AuthenticationFilter} has authenticated it (a refused key is counted by that filter);
 * answers of limited requests, 429 or not, get the {@code RateLimit-Policy} and {@code RateLimit} headers.
 */
public class RateLimitFilter {

    private final RateLimits limits;
    private final CallContext context;

    public RateLimitFilter(RateLimits limits, CallContext context) {
        this.limits = limits;
        this.context = context;
    }

    /** Notes the client address (the TCP peer, or what proxy-address-forwarding made of it) for the later checks. */
    @ServerRequestFilter(preMatching = true, priority = 150)
    public void rememberAddress(ContainerRequestContext request, HttpServerRequest http) {
        request.setProperty(RateLimits.ADDRESS_PROPERTY, ClientAddress.of(http.remoteAddress()));
    }

    @ServerRequestFilter(priority = 1100)
    public void limit(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !limits.enabled()) {
            return;
        }
        if (AuthenticationFilter.isPublic(method)) {
            limits.limitPublic(request);
        } else {
            context.authenticatedCaller().ifPresent(caller -> limits.limitClient(request, caller.clientId()));
        }
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateLimits.DECISION_PROPERTY) instanceof RateLimitDecision decision) {
            response.getHeaders().putSingle(RateLimits.POLICY_HEADER, decision.policy().headerValue());
            response.getHeaders().putSingle(RateLimits.LIMIT_HEADER, decision.headerValue());
        }
    }
}
