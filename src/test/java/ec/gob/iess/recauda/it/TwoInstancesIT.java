package ec.gob.iess.recauda.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged services on one PostgreSQL: the channel's exactly-once guarantees live in the database, so 20 threads
 * posting through both instances still pay a voucher once, and one transaction id still makes one payment; and the
 * rate limits' buckets live there too, so requests through either instance count against one quota.
 */
class TwoInstancesIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String KEY = "rk_two_instances_integration_test_bootstrap_key";
    private static final int THREADS = 20;
    /** The public quota per minute of both instances; the keyed requests of the test count against other buckets. */
    private static final int PUBLIC_PER_MINUTE = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void two_instances_on_one_database_still_pay_each_voucher_once() throws Exception {
        try (EmbeddedPostgres db = EmbeddedPostgres.builder().start()) {
            try (Connection c = db.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE shared_recauda");
            }
            String url = "jdbc:postgresql://localhost:" + db.getPort() + "/shared_recauda?user=postgres";
            int portA = freePort();
            int portB = freePort();
            int managementA = freePort();
            int managementB = freePort();
            start("a", portA, managementA, url);
            awaitReady(managementA);
            start("b", portB, managementB, url);
            awaitReady(managementB);

            call(portA, "POST", "/api/v1/admin/financial-entities", KEY,
                    "{\"code\":\"TWIN-BANK\",\"name\":\"Twin\",\"type\":\"BANK\",\"cutoffTime\":\"23:59\"}", 201);
            String bankKey = field(call(portA, "POST", "/api/v1/admin/api-clients", KEY,
                    "{\"name\":\"twin\",\"role\":\"BANK\",\"scope\":\"TWIN-BANK\"}", 201), "apiKey");
            call(portB, "PUT", "/api/v1/admin/interest-rates/2000-01-01", KEY, "{\"annualRate\":\"0.1133\"}", -1);
            String obligation = field(call(portB, "POST", "/api/v1/obligations", KEY,
                    "{\"debtorId\":\"1790012344001\",\"debtorName\":\"Comercial Andina S.A.\",\"type\":\"FINE\","
                            + "\"principal\":\"125.40\",\"dueDate\":\"2024-05-31\"}", 201), "id");
            String voucher = call(portA, "POST", "/api/v1/vouchers", KEY,
                    "{\"debtorId\":\"1790012344001\",\"obligationIds\":[\"" + obligation + "\"]}", 201);
            String reference = field(voucher, "reference");
            String amount = field(voucher, "amount");
            String paidAt = Instant.now().minusSeconds(60).toString();

            // 20 different transactions for one voucher, alternating between the instances: one payment.
            List<HttpResponse<String>> answers = race(i -> post(i % 2 == 0 ? portA : portB, bankKey,
                    "T-" + i + "-" + UUID.randomUUID(), reference, amount, paidAt));
            assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() == 409).hasSize(THREADS - 1)
                    .allSatisfy(r -> assertThat(field(r.body(), "type")).endsWith("/already-paid"));

            // A second voucher; 20 retries of one transaction through both instances: one payment, the rest replays.
            String obligation2 = field(call(portB, "POST", "/api/v1/obligations", KEY,
                    "{\"debtorId\":\"1790012344001\",\"debtorName\":\"Comercial Andina S.A.\",\"type\":\"FINE\","
                            + "\"principal\":\"99.99\",\"dueDate\":\"2024-05-31\"}", 201), "id");
            String voucher2 = call(portB, "POST", "/api/v1/vouchers", KEY,
                    "{\"debtorId\":\"1790012344001\",\"obligationIds\":[\"" + obligation2 + "\"]}", 201);
            String same = "SAME-" + UUID.randomUUID();
            List<HttpResponse<String>> replays = race(i -> post(i % 2 == 0 ? portA : portB, bankKey, same,
                    field(voucher2, "reference"), field(voucher2, "amount"), paidAt));
            assertThat(replays).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            assertThat(replays).filteredOn(r -> r.statusCode() == 200).hasSize(THREADS - 1)
                    .allSatisfy(r -> assertThat(r.headers().firstValue("Idempotent-Replayed")).hasValue("true"));
            String paymentId = field(replays.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow()
                    .body(), "paymentId");
            assertThat(replays).allSatisfy(r -> assertThat(field(r.body(), "paymentId")).isEqualTo(paymentId));

            try (Connection c = db.getDatabase("postgres", "shared_recauda").getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM payment")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }

            // The public quota is one for both instances: 4 requests alternating between them, then both refuse.
            for (int i = 0; i < PUBLIC_PER_MINUTE; i++) {
                HttpResponse<String> ok = get(i % 2 == 0 ? portA : portB, "/api/v1/concepts");
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                String left = "\"public\";r=" + (PUBLIC_PER_MINUTE - 1 - i) + ";";
                assertThat(ok.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith(left));
            }
            for (int port : new int[]{portA, portB}) {
                HttpResponse<String> refused = get(port, "/api/v1/concepts");
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(field(refused.body(), "type")).endsWith("/rate-limited");
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            }
        }
    }

    @FunctionalInterface
    interface Call {
        HttpResponse<String> call(int index) throws Exception;
    }

    private static List<HttpResponse<String>> race(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call(index);
                }));
            }
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> post(int port, String key, String transaction, String reference,
                                             String amount, String paidAt) throws Exception {
        String body = "{\"bankTransactionId\":\"" + transaction + "\",\"reference\":\"" + reference
                + "\",\"amount\":\"" + amount + "\",\"paidAt\":\"" + paidAt + "\"}";
        return HTTP.send(request(port, "POST", "/api/v1/channel/payments", key, body),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String call(int port, String method, String path, String key, String body, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(request(port, method, path, key, body),
                HttpResponse.BodyHandlers.ofString());
        if (expected > 0) {
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        }
        return response.body();
    }

    private static HttpRequest request(int port, String method, String path, String key, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    private void start(String name, int port, int managementPort, String url) throws IOException {
        assertThat(JAR).as("run ./mvnw verify so the jar is packaged first").exists();
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("RECAUDA_RATE_LIMIT_PUBLIC_PER_MINUTE", Integer.toString(PUBLIC_PER_MINUTE));
        builder.environment().put("RECAUDA_BOOTSTRAP_ADMIN_KEY", KEY);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", url);
        builder.environment().put("RECAUDA_JOBS_CONCEPT_VOUCHER_EXPIRY_CRON", "off");
        started.add(builder.start());
    }

    /** Waits until the instance's management interface (its own port) reports it ready. */
    private void awaitReady(int managementPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                                + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        StringBuilder logs = new StringBuilder();
        for (Path f : Files.list(work).toList()) {
            logs.append(f).append(":\n").append(Files.readString(f)).append('\n');
        }
        throw new AssertionError("a service did not become ready:\n" + logs);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
