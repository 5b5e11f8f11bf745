package ec.gob.iess.recauda.it.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops for 10 seconds while a bank posts payments to the packaged service (default configuration):
 * every request in the outage is answered quickly with a 503 {@code service-unavailable} problem and
 * {@code Retry-After}, never a 500 and never a hang; readiness reports DOWN (liveness stays UP); within 5 seconds of
 * PostgreSQL's return payments are applied again; and every payment acknowledged before, during (none) or after the
 * outage is stored exactly once, the in-doubt ones settled by retrying with the same transaction id.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** The documented bound of a request while the database is away (docs/operations.md): fail fast. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(6);
    private static final Duration RECOVERY = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private EmbeddedPostgres postgres;

    @AfterEach
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresql_stopped_for_10_seconds_under_load_answers_503_fast_and_loses_nothing() throws Exception {
        Path dataDir = work.resolve("pg");
        int pgPort = ServiceProcess.freePort();
        postgres = startPostgres(dataDir, pgPort);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE outage_recauda");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/outage_recauda?user=postgres";

        try (ServiceProcess service = ServiceProcess.start("outage", work, url, Map.of()).awaitReady()) {
            ChannelFixture channel = ChannelFixture.prepare(service.port(), "OUTAGE-BANK", 200);
            PaymentLoad load = new PaymentLoad(channel, channel.vouchers(), Duration.ofSeconds(30),
                    Duration.ofMillis(100), service.port()).start(4);
            try (load) {
                load.awaitMorePaid(40, Duration.ofSeconds(60));

                long stopping = System.nanoTime();
                postgres.close();
                postgres = null;
                long down = System.nanoTime();
                List<Integer> readiness = new ArrayList<>();
                List<Duration> readinessTimes = new ArrayList<>();
                List<Integer> liveness = new ArrayList<>();
                while (System.nanoTime() - stopping < OUTAGE.toNanos()) {
                    long asked = System.nanoTime();
                    readiness.add(service.readiness().statusCode());
                    readinessTimes.add(Duration.ofNanos(System.nanoTime() - asked));
                    liveness.add(service.liveness().statusCode());
                    Thread.sleep(250);
                }
                long restarting = System.nanoTime();
                postgres = startPostgres(dataDir, pgPort);
                long back = System.nanoTime();
                Duration readyAgain = awaitReadiness(service, back);
                load.awaitMorePaid(40, Duration.ofSeconds(60));
                load.stop();

                List<PaymentLoad.Attempt> inOutage = load.attempts(a -> a.startNanos() >= down
                        && a.endNanos() <= restarting);
                assertThat(inOutage).as("the load kept posting during the outage").hasSizeGreaterThanOrEqualTo(8);
                assertThat(inOutage).allSatisfy(PaymentLoad.Attempt::assertServiceUnavailable);
                assertThat(load.attempts()).as("nothing but 201, 200 (a retry's replay) or 503, at any time")
                        .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 200, 503))
                        .filteredOn(a -> a.status() == 200)
                        .allSatisfy(a -> assertThat(a.replayed()).as(a.toString()).isEqualTo("true"));
                Duration slowest = load.attempts().stream().map(PaymentLoad.Attempt::duration)
                        .max(Duration::compareTo).orElseThrow();
                assertThat(slowest).as("the slowest answer of the whole run").isLessThanOrEqualTo(FAIL_FAST);

                assertThat(readiness).as("readiness while PostgreSQL is stopped").isNotEmpty().containsOnly(503);
                assertThat(readinessTimes).allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(FAIL_FAST));
                assertThat(liveness).as("liveness while PostgreSQL is stopped: nothing to restart").containsOnly(200);
                assertThat(readyAgain).as("readiness UP again after PostgreSQL's return").isLessThanOrEqualTo(RECOVERY);
                Duration recovered = load.attempts(a -> a.paid() && a.endNanos() > back).stream()
                        .map(a -> Duration.ofNanos(a.endNanos() - back)).min(Duration::compareTo).orElseThrow();
                assertThat(recovered).as("first payment applied after PostgreSQL's return")
                        .isLessThanOrEqualTo(RECOVERY);

                List<PaymentLoad.Attempt> settled = load.settle(service.port(), Duration.ofSeconds(60));
                assertThat(settled).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 200));
                assertThat(load.contradictions()).isEmpty();
                LedgerCheck.assertConsistent(postgres.getDatabase("postgres", "outage_recauda"),
                        channel.entityCode(), load.paid());
                System.out.printf("DatabaseOutageIT: %d attempts %s; %d in the outage, slowest answer %d ms,"
                                + " slowest readiness %d ms; readiness UP %d ms and first payment %d ms after"
                                + " PostgreSQL's return; %d payments stored, %d settled by a retry%n",
                        load.attempts().size(), load.summary(), inOutage.size(), slowest.toMillis(),
                        readinessTimes.stream().max(Duration::compareTo).orElseThrow().toMillis(),
                        readyAgain.toMillis(), recovered.toMillis(), load.paid().size(), settled.size());
            }
        }
    }

    private static Duration awaitReadiness(ServiceProcess service, long since) throws Exception {
        long deadline = since + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = service.readiness();
            if (r.statusCode() == 200) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness not UP within 60 s of PostgreSQL's return:\n" + service.log());
    }

    /** A durable PostgreSQL 17 on a fixed port and data directory, so that it can be stopped and started again. */
    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .start();
    }
}
