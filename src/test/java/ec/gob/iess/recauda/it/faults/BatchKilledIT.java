package ec.gob.iess.recauda.it.faults;

import ec.gob.iess.recauda.support.Ministry;
import ec.gob.iess.recauda.support.TestIds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged services on one PostgreSQL settle the ministry's batches, and one of them is killed with SIGKILL in
 * the middle: first within a chunk (the test holds a row lock that the chunk's transaction waits for, so the
 * instance dies with lines claimed and obligations locked), then while both race through a larger batch (between
 * or within chunks, wherever it is). The other instance, and the killed one once restarted, finish both batches:
 * every line is settled once, no line is lost, each obligation is paid exactly once, and applied + unapplied =
 * controlTotal to the cent.
 */
class BatchKilledIT {

    private static final String BATCHES = Ministry.PATH;
    private static final ZoneId GUAYAQUIL = ZoneId.of("America/Guayaquil");
    private static final int CHUNK = 25;

    /** Every employer used, so that each owes exactly one contribution. */
    private final Set<String> used = new HashSet<>();

    @TempDir
    Path work;

    /** A MINISTRY client with its registered key, and employers that each owe one contribution of a period. */
    private record Fixture(String apiKey, String keyId, KeyPair keys, String period, LocalDate today) {
    }

    @Test
    void a_batch_killed_within_a_chunk_and_between_chunks_resumes_with_no_line_applied_twice_or_lost()
            throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE killed_batches");
            }
            DataSource db = postgres.getDatabase("postgres", "killed_batches");
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/killed_batches?user=postgres"
                    + "&ApplicationName=recauda-";
            Map<String, String> chunked = Map.of("recauda.public-sector.chunk-size", Integer.toString(CHUNK),
                    "recauda.public-sector.processing.every", "200ms");
            try (ServiceProcess a = ServiceProcess.start("a", work, url + "a", chunked);
                 ServiceProcess b = ServiceProcess.start("b", work, url + "b", chunked)) {
                a.awaitReady();
                b.awaitReady();
                Fixture ministry = ministry(a.port());

                // 1. Killed within a chunk: the chunk holding line 200 waits for the test's lock on its obligation.
                List<String> first = employers(a.port(), ministry, 400);
                String firstBatch = "MEF-K1-" + UUID.randomUUID().toString().substring(0, 8);
                ServiceProcess blocked;
                try (Connection lock = db.getConnection()) {
                    lock.setAutoCommit(false);
                    try (PreparedStatement ps = lock.prepareStatement("SELECT id FROM obligation WHERE debtor_id = ?"
                            + " FOR UPDATE")) {
                        ps.setString(1, first.get(199));
                        ps.executeQuery().close();
                    }
                    submit(a.port(), ministry, firstBatch, first);
                    String waiting = awaitOneInstanceWaitingAndTheRestDone(db, firstBatch);
                    blocked = waiting.equals("recauda-a") ? a : b;
                    assertThat(pending(db, firstBatch)).as("the blocked chunk's lines are still pending")
                            .isBetween(1L, (long) CHUNK);
                    blocked.kill();
                    lock.rollback();
                }
                ServiceProcess survivor = blocked == a ? b : a;
                awaitDone(db, firstBatch);
                blocked.restart().awaitReady();
                assertSettledOnce(db, firstBatch, first.size());

                // 2. Killed while both race through a larger batch, wherever it is.
                List<String> second = employers(survivor.port(), ministry, 3000);
                String secondBatch = "MEF-K2-" + UUID.randomUUID().toString().substring(0, 8);
                submit(survivor.port(), ministry, secondBatch, second);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (processed(db, secondBatch) < 150 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                blocked.kill();
                long left = pending(db, secondBatch);
                assertThat(left).as("lines still pending when the instance was killed").isPositive();
                awaitDone(db, secondBatch);
                blocked.restart().awaitReady();
                assertSettledOnce(db, secondBatch, second.size());
                System.out.printf("BatchKilledIT: %s killed within a chunk (%d lines waiting), then while %d of"
                        + " %d lines were pending; both batches settled once%n", blocked == a ? "a" : "b", CHUNK,
                        left, second.size());
            }
        }
    }

    /** Registers a MINISTRY client and its key, and an arrears rate. */
    private static Fixture ministry(int port) throws Exception {
        String staff = ServiceProcess.STAFF_KEY;
        HttpResponse<String> rate = Http.send(port, "PUT", "/api/v1/admin/interest-rates/2000-01-01", staff,
                "{\"annualRate\":\"0.1133\"}", Duration.ofSeconds(60));
        assertThat(rate.statusCode()).as(rate.body()).isIn(200, 201);
        String client = Http.expect(201, port, "POST", "/api/v1/admin/api-clients", staff,
                "{\"name\":\"Ministerio de Finanzas\",\"role\":\"MINISTRY\",\"scope\":\"" + TestIds.publicEntityRuc()
                        + "\"}");
        KeyPair keys = Ministry.newKeyPair();
        String keyId = "mef-kill";
        Http.expect(201, port, "POST", "/api/v1/admin/api-clients/" + Http.field(client, "id") + "/signing-keys",
                staff, "{\"keyId\":\"" + keyId + "\",\"publicKey\":\"" + Ministry.pem(keys).replace("\n", "\\n")
                        + "\"}");
        LocalDate today = LocalDate.now(GUAYAQUIL);
        // The current month's contribution is due on the 15th of the next: no interest on the value date (today).
        return new Fixture(Http.field(client, "apiKey"), keyId, keys, YearMonth.from(today).toString(), today);
    }

    /** {@code count} new employers, each owing one contribution of 100.00 of the fixture's period. */
    private List<String> employers(int port, Fixture fixture, int count) throws Exception {
        List<String> employers = new ArrayList<>();
        while (employers.size() < count) {
            String employer = TestIds.companyRuc();
            if (used.add(employer)) {
                employers.add(employer);
            }
        }
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("{\"debtorId\":\"").append(employers.get(i))
                    .append("\",\"debtorName\":\"Escuela fiscal\",\"type\":\"CONTRIBUTION\",\"principal\":\"100.00\","
                            + "\"period\":\"").append(fixture.period()).append("\"}");
        }
        Http.expect(200, port, "POST", "/api/v1/obligations/bulk?atomic=true", ServiceProcess.STAFF_KEY,
                items.append("]}").toString());
        return employers;
    }

    /** Sends a batch paying each employer's contribution exactly, signed now. */
    private static void submit(int port, Fixture fixture, String batchId, List<String> employers) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < employers.size(); i++) {
            lines.append(i == 0 ? "" : ",").append("{\"lineNo\":").append(i + 1).append(",\"employerId\":\"")
                    .append(employers.get(i)).append("\",\"period\":\"").append(fixture.period())
                    .append("\",\"amount\":\"100.00\"}");
        }
        String body = "{\"batchId\":\"" + batchId + "\",\"transferReference\":\"BCE-" + batchId
                + "\",\"valueDate\":\"" + fixture.today() + "\",\"controlTotal\":\""
                + new BigDecimal(100).multiply(BigDecimal.valueOf(employers.size())).setScale(2) + "\",\"lineCount\":"
                + employers.size() + ",\"lines\":[" + lines + "]}";
        Ministry.Signed signed = Ministry.sign(fixture.keyId(), fixture.keys().getPrivate(),
                body.getBytes(StandardCharsets.UTF_8), Instant.now());
        HttpResponse<String> answer = Http.send(port, "POST", BATCHES, fixture.apiKey(), body,
                Map.of("Content-Digest", signed.contentDigest(), "Signature-Input", signed.signatureInput(),
                        "Signature", signed.signature()), Duration.ofSeconds(60));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    /** Waits until one instance's chunk waits for the test's lock and every other line is settled; its name. */
    private static String awaitOneInstanceWaitingAndTheRestDone(DataSource db, String batchId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> waiting = strings(db, "SELECT application_name FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND application_name LIKE 'recauda-%'");
            if (waiting.size() == 1 && pending(db, batchId) <= CHUNK) {
                return waiting.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no instance came to wait for the test's lock with the rest of " + batchId
                + " settled");
    }

    private static void awaitDone(DataSource db, String batchId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (pending(db, batchId) > 0) {
            assertThat(System.nanoTime()).as(batchId + " settled within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Every line settled, once: each APPLIED with exactly one payment of its own (the database allows no second),
     * each employer's contribution paid exactly once and fully, no unapplied money, and the sums to the cent.
     */
    private static void assertSettledOnce(DataSource db, String batchId, int lines) throws Exception {
        assertThat(count(db, "SELECT count(*) FROM ministry_batch_line WHERE batch_id = ? AND status = 'APPLIED'",
                batchId)).isEqualTo(lines);
        assertThat(count(db, "SELECT count(*) FROM payment WHERE batch_id = ? AND unapplied_fund_id IS NULL",
                batchId)).as("one payment per line").isEqualTo(lines);
        assertThat(count(db, "SELECT count(*) FROM ministry_batch_line l JOIN payment p ON p.id = l.payment_id"
                + " WHERE l.batch_id = ? AND p.batch_id = l.batch_id AND p.line_no = l.line_no"
                + " AND p.amount = l.applied_amount", batchId)).as("each line's payment is its own").isEqualTo(lines);
        assertThat(count(db, "SELECT count(*) FROM obligation o JOIN ministry_batch_line l"
                + " ON l.employer_id = o.debtor_id WHERE l.batch_id = ? AND o.status = 'PAID'"
                + " AND o.principal_paid = 100.00 AND (SELECT count(*) FROM payment_allocation a"
                + " WHERE a.obligation_id = o.id) = 1", batchId)).as("each contribution paid once, whole")
                .isEqualTo(lines);
        assertThat(count(db, "SELECT count(*) FROM unapplied_fund WHERE batch_id = ?", batchId)).isZero();
        assertThat(strings(db, "SELECT (sum(applied_amount) + sum(unapplied_amount) = b.control_total)::text"
                + " FROM ministry_batch_line l JOIN ministry_batch b USING (batch_id) WHERE batch_id = ?"
                + " GROUP BY b.control_total", batchId)).containsExactly("true");
    }

    private static long pending(DataSource db, String batchId) throws SQLException {
        return count(db, "SELECT count(*) FROM ministry_batch_line WHERE batch_id = ? AND status = 'PENDING'",
                batchId);
    }

    private static long processed(DataSource db, String batchId) throws SQLException {
        return count(db, "SELECT count(*) FROM ministry_batch_line WHERE batch_id = ? AND status <> 'PENDING'",
                batchId);
    }

    private static long count(DataSource db, String sql, String param) throws SQLException {
        return Long.parseLong(strings(db, sql, param).get(0));
    }

    private static List<String> strings(DataSource db, String sql, String... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
