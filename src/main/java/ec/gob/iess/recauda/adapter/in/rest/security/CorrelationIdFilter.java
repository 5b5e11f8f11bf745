package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} ({@value #RULE}), or a new UUID when the
 * caller sends none; an id that breaks the rule is a 400. It is echoed in the answer, written to every audit row and quoted in every problem.
 */
public class CorrelationIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String PROPERTY = "recauda.correlation-id";
    /** The rule of an {@code X-Request-Id}, as the contract states it. */
    public static final String RULE = "^[A-Za-z0-9._:-]{1,128}$";
    private static final Pattern ACCEPTED = Pattern.compile(RULE);

    private final CallContext context;

    public CorrelationIdFilter(CallContext context) {
        this.context = context;
    }

    /**
     * Takes the caller's id, or makes one when there is none. An id that breaks the rule is refused (400 naming
     * {@code X-Request-Id}, answered under a fresh id) rather than silently replaced: the contract states the rule,
     * and a caller who sends an id expects to find it in the audit trail.
     */
    @ServerRequestFilter(preMatching = true, priority = 100)
    public void assign(ContainerRequestContext request) {
        String sent = request.getHeaderString(HEADER);
        String id = accepted(sent);
        request.setProperty(PROPERTY, id);
        context.correlationId(id);
        if (sent != null && !id.equals(sent)) {
            throw new InvalidValueException("validation-error", "must be 1 to 128 of A-Z a-z 0-9 . _ : -")
                    .atField(HEADER);
        }
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
