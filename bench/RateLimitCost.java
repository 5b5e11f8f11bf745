import ec.gob.iess.recauda.adapter.in.rest.security.RateLimitBuckets;
import ec.gob.iess.recauda.adapter.in.rest.security.RateLimitPolicy;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one rate-limit check costs (docs/adr/0012-rate-limits.md): the service's own {@code RateLimitBuckets} on an
 * embedded PostgreSQL 17 with the durability of production ({@code fsync} and {@code synchronous_commit} on), through
 * an Agroal pool of 40 connections like the service's. Needs the packaged service:
 *
 * <pre>
 *   ./mvnw package -DskipTests
 *   java -cp "target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*:target/classes" \
 *       bench/RateLimitCost.java [seconds per run, default 10]
 * </pre>
 *
 * Runs, each for the given seconds after a short warm-up: (1) one thread, one bucket: the latency of a check;
 * (2) 16 threads on one bucket (one API key sending from 16 connections): the ceiling of one key, since its row is
 * locked by one check at a time; (3) 16 threads on 16 buckets: what the database does when the checks do not wait
 * for each other. Prints checks per second and the latency percentiles of each.
 */
public class RateLimitCost {

    private static final RateLimitPolicy POLICY = new RateLimitPolicy("api-key", 1_000_000_000L, Duration.ofMinutes(1));

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("rate-limit-cost");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("src/main/resources/db/migration/V8__rate_limit_buckets.sql")));
            }
            try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(40).minSize(0)
                            .connectionFactoryConfiguration(f -> f.jdbcUrl(url)
                                    .principal(new NamePrincipal("postgres")))))) {
                RateLimitBuckets buckets = new RateLimitBuckets(pool);
                System.out.println("PostgreSQL 17 (embedded), fsync=on, synchronous_commit=on; " + seconds
                        + " s per run; " + Runtime.getRuntime().availableProcessors() + " CPUs");
                run("1 thread, 1 bucket  ", buckets, 1, false, seconds);
                run("16 threads, 1 bucket", buckets, 16, false, seconds);
                run("16 threads, 16 buckets", buckets, 16, true, seconds);
            }
        }
    }

    private static void run(String name, RateLimitBuckets buckets, int threads, boolean ownBuckets, int seconds)
            throws InterruptedException {
        measure(buckets, threads, ownBuckets, 2);  // warm-up
        long[][] samples = measure(buckets, threads, ownBuckets, seconds);
        long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%-24s %8.0f checks/s   p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms%n", name,
                all.length / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6);
    }

    private static long[][] measure(RateLimitBuckets buckets, int threads, boolean ownBuckets, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[][] samples = new long[threads][];
        AtomicLong refused = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            String subject = ownBuckets ? "client-" + t : "client";
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    var decision = buckets.consume(POLICY, subject);
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                    if (decision.isEmpty()) {
                        unanswered.incrementAndGet();
                    } else if (!decision.get().allowed()) {
                        refused.incrementAndGet();
                    }
                }
                samples[index] = Arrays.copyOf(mine, n);
                done.countDown();
            });
            thread.start();
            started.add(thread);
        }
        done.await();
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " checks refused: the quota is too small for the run");
        }
        if (unanswered.get() > 0) {
            System.out.println("  " + unanswered.get() + " checks got no answer from the store (timeout or error)");
        }
        return samples;
    }
}
