package ec.gob.iess.recauda.it.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged services on one PostgreSQL take a bank's payments; one of them is killed with SIGKILL in the middle
 * of it. The requests it had in flight get no answer and the bank retries them, with the same transaction ids, on
 * the other instance, which kept serving throughout. Every payment answered 201 (or 200 to a retry) is stored
 * exactly once, none is half-written, and the killed instance starts again and serves.
 */
class InstanceKilledIT {

    @TempDir
    Path work;

    @Test
    void kill_9_of_one_of_two_instances_under_payment_load_stores_every_acknowledged_payment_once() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE killed_recauda");
            }
            DataSource db = postgres.getDatabase("postgres", "killed_recauda");
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/killed_recauda?user=postgres";
            try (ServiceProcess a = ServiceProcess.start("a", work, url, Map.of());
                 ServiceProcess b = ServiceProcess.start("b", work, url, Map.of())) {
                a.awaitReady();
                b.awaitReady();
                ChannelFixture channel = ChannelFixture.prepare(a.port(), "KILL-BANK", 300);
                List<ChannelFixture.Voucher> all = channel.vouchers();

                PaymentLoad load = new PaymentLoad(channel, all.subList(0, 220), Duration.ofSeconds(30),
                        Duration.ofMillis(100), a.port(), b.port()).start(8);
                long killed;
                try (load) {
                    load.awaitMorePaid(60, Duration.ofSeconds(60));
                    load.routeTo(b.port());
                    a.kill();
                    killed = System.nanoTime();
                    load.awaitMorePaid(60, Duration.ofSeconds(60));
                }
                List<PaymentLoad.Attempt> cut = load.attempts(x -> x.port() == a.port() && x.status() < 0);
                assertThat(load.attempts(x -> x.port() == a.port()))
                        .as("the killed instance answered 201 or nothing (cut off, or refused once dead)")
                        .allSatisfy(x -> assertThat(x.status()).as(x.toString()).isIn(201, -1));
                assertThat(load.attempts(x -> x.port() == b.port()))
                        .as("the other instance answered every request, before and after the kill")
                        .allSatisfy(x -> assertThat(x.status()).as(x.toString()).isIn(201, 200))
                        .filteredOn(x -> x.status() == 200)
                        .allSatisfy(x -> assertThat(x.replayed()).as(x.toString()).isEqualTo("true"));
                assertThat(load.attempts(x -> x.port() == b.port() && x.status() == 201 && x.startNanos() > killed))
                        .as("payments the other instance applied after the kill").hasSizeGreaterThanOrEqualTo(50);
                List<PaymentLoad.Attempt> settled = load.settle(b.port(), Duration.ofSeconds(60));
                assertThat(settled).allSatisfy(x -> assertThat(x.status()).as(x.toString()).isIn(201, 200));

                a.restart().awaitReady();
                PaymentLoad again = new PaymentLoad(channel, all.subList(220, all.size()), Duration.ofSeconds(30),
                        Duration.ofMillis(100), a.port(), b.port()).start(4);
                try (again) {
                    again.awaitMorePaid(40, Duration.ofSeconds(60));
                }
                assertThat(again.attempts()).allSatisfy(x -> assertThat(x.status()).as(x.toString()).isEqualTo(201));
                assertThat(again.attempts(x -> x.port() == a.port()))
                        .as("payments the restarted instance applied").hasSizeGreaterThanOrEqualTo(10);
                assertThat(again.settle(b.port(), Duration.ofSeconds(60))).isEmpty();

                assertThat(load.contradictions()).isEmpty();
                Map<String, String> acknowledged = new HashMap<>(load.paid());
                acknowledged.putAll(again.paid());
                LedgerCheck.assertConsistent(db, channel.entityCode(), acknowledged);
                long replayed = load.attempts(x -> x.status() == 200).size();
                System.out.printf("InstanceKilledIT: %d attempts %s before and after the kill, %d of them cut off by"
                                + " it (%d retries were replays of payments it had committed); %d payments after"
                                + " the restart %s; %d stored%n",
                        load.attempts().size(), load.summary(), cut.size(), replayed, again.attempts().size(),
                        again.summary(), acknowledged.size());
            }
        }
    }
}
