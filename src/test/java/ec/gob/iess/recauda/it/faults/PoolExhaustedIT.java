package ec.gob.iess.recauda.it.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session holds the row locks that every payment needs (a slow batch, a forgotten transaction) while 16 bank
 * threads post payments to a service whose pool has 4 connections: each request waits a bounded time (for a pooled
 * connection, then for the lock) and gets a 503 {@code service-unavailable}; the pool never holds more than its 4
 * connections, the service's threads do not pile up, and once the locks are released payments are applied at once.
 */
class PoolExhaustedIT {

    private static final int POOL = 4;
    private static final int CLIENTS = 16;
    private static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LOCK_HELD = Duration.ofSeconds(8);
    /**
     * The longest a request may take while the locks are held: a connection for the key's look-up, one for the
     * rate-limit bucket, one for the payment's transaction (each within the acquisition timeout), the wait for the
     * lock, and two seconds' slack for a slow machine.
     */
    private static final Duration BOUND = ACQUISITION_TIMEOUT.multipliedBy(3).plus(LOCK_TIMEOUT)
            .plus(Duration.ofSeconds(2));

    @TempDir
    Path work;

    @Test
    void requests_blocked_by_locks_wait_a_bounded_time_get_503_and_recover_when_the_locks_go() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE pool_recauda");
            }
            DataSource db = postgres.getDatabase("postgres", "pool_recauda");
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/pool_recauda?user=postgres";
            Map<String, String> small = Map.of(
                    "quarkus.datasource.jdbc.max-size", Integer.toString(POOL),
                    "quarkus.datasource.jdbc.acquisition-timeout", ACQUISITION_TIMEOUT.toSeconds() + "S",
                    "recauda.db.lock-timeout", LOCK_TIMEOUT.toSeconds() + "s");
            try (ServiceProcess service = ServiceProcess.start("pool", work, url, small).awaitReady()) {
                ChannelFixture channel = ChannelFixture.prepare(service.port(), "POOL-BANK", 160);
                List<ChannelFixture.Voucher> all = channel.vouchers();
                PaymentLoad warmUp = new PaymentLoad(channel, all.subList(0, 20), Duration.ofSeconds(30),
                        Duration.ofMillis(100), service.port()).start(2);
                warmUp.awaitMorePaid(20, Duration.ofSeconds(60));
                warmUp.stop();
                int threadsBefore = service.threads();

                List<ChannelFixture.Voucher> later = all.subList(all.size() - 10, all.size());
                PaymentLoad load = new PaymentLoad(channel, all.subList(20, all.size() - 10), Duration.ofSeconds(60),
                        Duration.ofMillis(100), service.port());
                try (Connection holder = db.getConnection(); load) {
                    holder.setAutoCommit(false);
                    try (Statement s = holder.createStatement()) {
                        s.execute("SELECT reference FROM voucher FOR UPDATE");
                    }
                    long locked = System.nanoTime();
                    load.start(CLIENTS);
                    List<Integer> threads = new ArrayList<>();
                    List<Integer> connections = new ArrayList<>();
                    while (System.nanoTime() - locked < LOCK_HELD.toNanos()) {
                        threads.add(service.threads());
                        connections.add(serviceConnections(db));
                        Thread.sleep(200);
                    }
                    long releasing = System.nanoTime();
                    holder.rollback();
                    long released = System.nanoTime();
                    load.awaitMorePaid(40, Duration.ofSeconds(60));
                    load.stop();

                    List<PaymentLoad.Attempt> whileLocked = load.attempts(a -> a.endNanos() <= releasing);
                    assertThat(whileLocked).as("requests answered while the locks were held")
                            .hasSizeGreaterThanOrEqualTo(CLIENTS);
                    assertThat(whileLocked).allSatisfy(PaymentLoad.Attempt::assertServiceUnavailable);
                    Duration slowest = load.attempts().stream().map(PaymentLoad.Attempt::duration)
                            .max(Duration::compareTo).orElseThrow();
                    assertThat(slowest).as("the slowest answer, locks held or not").isLessThanOrEqualTo(BOUND);
                    assertThat(load.attempts()).allSatisfy(a -> assertThat(a.status()).as(a.toString())
                            .isIn(201, 503));
                    assertThat(service.log()).as("the event loop never waits for the database")
                            .doesNotContain("has been blocked for");
                    assertThat(connections).as("connections of the service to PostgreSQL")
                            .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(POOL));
                    int mostThreads = threads.stream().max(Integer::compareTo).orElseThrow();
                    if (threadsBefore > 0) {
                        assertThat(mostThreads).as("the service's threads: %d before, samples %s", threadsBefore,
                                threads).isLessThanOrEqualTo(threadsBefore + CLIENTS + 8);
                    }
                    Duration recovered = load.attempts(a -> a.status() == 201 && a.endNanos() > released).stream()
                            .map(a -> Duration.ofNanos(a.endNanos() - released)).min(Duration::compareTo)
                            .orElseThrow();
                    assertThat(recovered).as("first payment applied after the locks went")
                            .isLessThanOrEqualTo(Duration.ofSeconds(3));
                    List<PaymentLoad.Attempt> settled = load.settle(service.port(), Duration.ofSeconds(60));
                    assertThat(settled).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 200));
                    assertThat(load.contradictions()).isEmpty();

                    // Nothing left behind: once the waits of the locked period are over, payments are as fast as
                    // before.
                    while (System.nanoTime() < released + BOUND.toNanos()) {
                        Thread.sleep(100);
                    }
                    PaymentLoad probe = new PaymentLoad(channel, later, Duration.ofSeconds(30), Duration.ofMillis(100),
                            service.port()).start(2);
                    probe.awaitMorePaid(later.size(), Duration.ofSeconds(30));
                    probe.stop();
                    assertThat(probe.attempts()).allSatisfy(a -> {
                        assertThat(a.status()).as(a.toString()).isEqualTo(201);
                        assertThat(a.duration()).as(a.toString()).isLessThan(Duration.ofSeconds(2));
                    });

                    Map<String, String> acknowledged = new HashMap<>(warmUp.paid());
                    acknowledged.putAll(load.paid());
                    acknowledged.putAll(probe.paid());
                    LedgerCheck.assertConsistent(db, channel.entityCode(), acknowledged);
                    System.out.printf("PoolExhaustedIT: %d attempts %s; %d answered while locked, slowest answer"
                                    + " %d ms (bound %d ms); service threads %d before, at most %d during;"
                                    + " at most %d connections (pool %d); first payment %d ms after the locks went%n",
                            load.attempts().size(), load.summary(), whileLocked.size(), slowest.toMillis(),
                            BOUND.toMillis(), threadsBefore, mostThreads,
                            connections.stream().max(Integer::compareTo).orElseThrow(), POOL, recovered.toMillis());
                }
            }
        }
    }

    private static int serviceConnections(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'recauda'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
