package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is a sane token, a new UUID
 * otherwise. It is echoed in the answer, written to every audit row and quoted in every problem.
 */
public class CorrelationIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String PROPERTY = "recauda.correlation-id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final CallContext context;

    public CorrelationIdFilter(CallContext context) {
        this.context = context;
    }

    @ServerRequestFilter(preMatching = true, priority = 100)
    public void assign(ContainerRequestContext request) {
        String id = accepted(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, id);
        context.correlationId(id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** The caller's id when it is an acceptable token, else a fresh one. */
    public static String accepted(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches() ? candidate : fresh();
    }

    /**
     * A random version-4 UUID from a per-thread generator: a correlation id must be unique, not secret, and the shared
     * SecureRandom behind {@link UUID#randomUUID()} would make every request queue on one lock.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
