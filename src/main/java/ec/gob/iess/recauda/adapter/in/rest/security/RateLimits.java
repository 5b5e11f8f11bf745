package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The rate limits of the API (docs/adr/0012-rate-limits.md), from {@code recauda.rate-limit.*}:
 * <ul>
 *   <li>{@code public}: requests to endpoints anyone may call without a key ({@link PublicEndpoint}), per client
 *       address;</li>
 *   <li>{@code api-key}: requests of an authenticated API client, per client id, whatever its address;</li>
 *   <li>{@code invalid-key}: requests to a keyed endpoint whose key is missing, unknown or revoked, per client
 *       address, counted when the key is refused: once exhausted the answer is 429 instead of 401.</li>
 * </ul>
 * Every window is a minute. A refused request gets a 429 {@code rate-limited} problem with {@code Retry-After};
 * every answer of a limited request carries the {@code RateLimit-Policy} and {@code RateLimit} headers.
 */
@ApplicationScoped
public class RateLimits {

    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String LIMIT_HEADER = "RateLimit";
    public static final String RETRY_AFTER = "Retry-After";
    static final String ADDRESS_PROPERTY = "recauda.client-address";
    static final String DECISION_PROPERTY = "recauda.rate-limit";
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final boolean enabled;
    private final RateLimitPolicy publicPolicy;
    private final RateLimitPolicy keyPolicy;
    private final RateLimitPolicy invalidKeyPolicy;
    private final RateLimitBuckets buckets;

    public RateLimits(DataSource dataSource,
                      @ConfigProperty(name = "recauda.rate-limit.enabled", defaultValue = "true") boolean enabled,
                      @ConfigProperty(name = "recauda.rate-limit.public-per-minute", defaultValue = "60")
                      long publicPerMinute,
                      @ConfigProperty(name = "recauda.rate-limit.per-key-per-minute", defaultValue = "1200")
                      long perKeyPerMinute,
                      @ConfigProperty(name = "recauda.rate-limit.invalid-key-per-minute", defaultValue = "20")
                      long invalidKeyPerMinute) {
        this.enabled = enabled;
        this.publicPolicy = policy("public", publicPerMinute, "recauda.rate-limit.public-per-minute");
        this.keyPolicy = policy("api-key", perKeyPerMinute, "recauda.rate-limit.per-key-per-minute");
        this.invalidKeyPolicy = policy("invalid-key", invalidKeyPerMinute,
                "recauda.rate-limit.invalid-key-per-minute");
        this.buckets = new RateLimitBuckets(dataSource);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Counts a request to a public endpoint against its client address; a 429 when the quota is used up. */
    void limitPublic(ContainerRequestContext request) {
        limit(request, publicPolicy, clientAddress(request), "from this address");
    }

    /** Counts a request of an authenticated client against its client id; a 429 when the quota is used up. */
    void limitClient(ContainerRequestContext request, String clientId) {
        limit(request, keyPolicy, clientId, "with this API key");
    }

    /**
     * The answer to a request whose key is missing, unknown or revoked: the given 401, counted against the client
     * address, or a 429 once the address has used up its quota of such requests.
     */
    public ProblemException refuseInvalidKey(ContainerRequestContext request, ProblemException unauthorized) {
        if (!enabled) {
            return unauthorized;
        }
        Optional<RateLimitDecision> decision = buckets.consume(invalidKeyPolicy, clientAddress(request));
        decision.ifPresent(d -> request.setProperty(DECISION_PROPERTY, d));
        return decision.filter(d -> !d.allowed())
                .map(d -> tooMany(d, "too many requests with a missing, unknown or revoked API key from this"
                        + " address"))
                .orElse(unauthorized);
    }

    @Scheduled(identity = "rate-limit-bucket-cleanup", every = "5m", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpiredBuckets() {
        try {
            int removed = buckets.removeExpired();
            LOG.debugf("Removed %d expired rate-limit buckets", removed);
        } catch (RuntimeException e) {
            LOG.warnf("Expired rate-limit buckets could not be removed (%s); the next run tries again",
                    e.getClass().getSimpleName());
        }
    }

    private void limit(ContainerRequestContext request, RateLimitPolicy policy, String subject, String whose) {
        if (!enabled) {
            return;
        }
        Optional<RateLimitDecision> decision = buckets.consume(policy, subject);
        if (decision.isEmpty()) {
            return;
        }
        request.setProperty(DECISION_PROPERTY, decision.get());
        if (!decision.get().allowed()) {
            throw tooMany(decision.get(), "too many requests " + whose);
        }
    }

    private static ProblemException tooMany(RateLimitDecision decision, String what) {
        RateLimitPolicy policy = decision.policy();
        return new ProblemException(429, "rate-limited", what + ": " + policy.quota() + " per "
                + policy.window().toSeconds() + " s are allowed; retry after " + decision.retryAfterSeconds() + " s",
                Map.of(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()),
                        POLICY_HEADER, policy.headerValue(),
                        LIMIT_HEADER, decision.headerValue()), null);
    }

    static String clientAddress(ContainerRequestContext request) {
        Object address = request.getProperty(ADDRESS_PROPERTY);
        return address instanceof String s ? s : ClientAddress.UNKNOWN;
    }

    private static RateLimitPolicy policy(String name, long perMinute, String property) {
        try {
            return new RateLimitPolicy(name, perMinute, WINDOW);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be at least 1 (it is " + perMinute + ")", e);
        }
    }
}
