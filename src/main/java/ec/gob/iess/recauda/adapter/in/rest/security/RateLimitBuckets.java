package ec.gob.iess.recauda.adapter.in.rest.security;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.github.bucket4j.util.concurrent.batch.BatchHelper;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token buckets of the rate limits, kept in PostgreSQL (table {@code rate_limit_bucket}, migration V8) by
 * bucket4j's select-for-update proxy manager, so that every instance of the service on one database counts against
 * the same buckets. A check is one short transaction of its own on a pooled connection: it locks the bucket's row,
 * takes a token and writes the row back, committing without waiting for the disk ({@link AsynchronousCommits};
 * docs/adr/0012-rate-limits.md).
 *
 * <p>Each bucket holds a policy's quota and is refilled whole at the end of each window (bucket4j's intervally
 * refill), which is what the {@code RateLimit} header's "available quota within the effective window" describes.
 * The row's id is the first 64 bits of a SHA-256 of the policy (name, quota, window) and the partition (a client
 * address or an API client id): no address is stored in clear, and a changed limit starts fresh buckets (the old
 * rows expire).
 */
public class RateLimitBuckets {

    static final String TABLE = "rate_limit_bucket";
    private static final Logger LOG = Logger.getLogger(RateLimitBuckets.class);
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
    private static final int CLEANUP_BATCH = 1000;
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final int MAX_PROXIES = 10_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<Long> buckets;
    private final ConcurrentHashMap<Long, BucketProxy> proxies = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);

    public RateLimitBuckets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(new AsynchronousCommits(dataSource))
                .table(TABLE)
                .requestTimeout(STATEMENT_TIMEOUT)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        KEEP_AFTER_REFILL))
                .build();
    }

    /**
     * Takes one token from the bucket of {@code subject} under {@code policy}. Empty when the store could not be
     * reached in time: the request is then let through (it needs the same database, and fails on its own if that is
     * down), and a warning is logged at most every 30 seconds.
     */
    public Optional<RateLimitDecision> consume(RateLimitPolicy policy, String subject) {
        long id = bucketId(policy, subject);
        ConsumptionProbe probe;
        try {
            try {
                probe = proxy(id, policy).tryConsumeAndReturnRemaining(1);
            } catch (BatchHelper.BatchFailedException e) {
                // A batch that met a bucket whose row exists but is not initialized yet (its first check, by another
                // thread or instance, is under way) fails as a whole, having changed nothing: check alone.
                probe = buckets.getProxy(id, () -> configuration(policy)).tryConsumeAndReturnRemaining(1);
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastFailureLog.get();
            if (now - last >= FAILURE_LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
                LOG.warnf("Rate limits could not be checked (%s); requests are let through until the store answers",
                        e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
        return Optional.of(new RateLimitDecision(policy, probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()))));
    }

    /** Deletes the buckets that are full again (they would answer as a new one does); returns how many. */
    public int removeExpired() {
        int total = 0;
        int removed;
        do {
            removed = buckets.removeExpired(CLEANUP_BATCH);
            total += removed;
        } while (removed == CLEANUP_BATCH);
        return total;
    }

    /**
     * The proxy of one bucket, kept so that bucket4j's batching can merge the checks that this instance makes on one
     * bucket at the same time into one transaction (the requests of one busy API key, which would otherwise queue on
     * its row one transaction at a time). Nothing is served locally: every check is still decided in the database.
     * At most {@value #MAX_PROXIES} proxies are kept; beyond, the map starts afresh (a proxy is cheap to make).
     */
    private BucketProxy proxy(long id, RateLimitPolicy policy) {
        BucketProxy proxy = proxies.get(id);
        if (proxy != null) {
            return proxy;
        }
        if (proxies.size() >= MAX_PROXIES) {
            proxies.clear();
        }
        return proxies.computeIfAbsent(id, key -> buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key, () -> configuration(policy)));
    }

    static long bucketId(RateLimitPolicy policy, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((policy.name() + '\n' + policy.quota() + '\n'
                    + policy.window().toSeconds() + '\n' + subject).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static BucketConfiguration configuration(RateLimitPolicy policy) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(policy.quota()).refillIntervally(policy.quota(), policy.window()))
                .build();
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
