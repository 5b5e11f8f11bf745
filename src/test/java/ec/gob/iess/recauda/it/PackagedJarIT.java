package ec.gob.iess.recauda.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service as an operator runs it ({@code java -jar target/quarkus-app/quarkus-run.jar}): on the
 * embedded database it keeps its data across a {@code kill -9} and a restart, refuses a second service on the same
 * data directory, warns that it is embedded, and stops its PostgreSQL when it stops; pointed at an external server
 * it starts no embedded one and stores its data there. Health and metrics are on the management port, bound to
 * loopback, and not on the main port.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String KEY = "rk_packaged_jar_integration_test_bootstrap_key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void the_jar_keeps_its_data_across_kill_9_and_restart_and_refuses_a_second_service() throws Exception {
        Path dataDir = work.resolve("data").resolve("pg");
        int port = freePort();
        Service first = start("first", port, Map.of("RECAUDA_EMBEDDED_DB_DATA_DIR", dataDir.toString()));
        first.awaitReady();
        assertThat(first.log()).contains("WARN").contains("Running on the EMBEDDED PostgreSQL");
        String id = createObligation(port);
        assertHealthAndMetricsOnlyOnTheManagementPortOfLoopback(first);

        Service second = start("second", freePort(), Map.of("RECAUDA_EMBEDDED_DB_DATA_DIR", dataDir.toString()));
        assertThat(second.process.waitFor(120, TimeUnit.SECONDS)).as("the second service stops by itself").isTrue();
        assertThat(second.process.exitValue()).isNotZero();
        assertThat(second.log()).contains("is in use by another Recauda process");

        long postmaster = postmasterPid(dataDir);
        first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive))
                .as("kill -9 of the service leaves its postmaster running").contains(true);

        Service restarted = start("restarted", port, Map.of("RECAUDA_EMBEDDED_DB_DATA_DIR", dataDir.toString()));
        restarted.awaitReady();
        assertThat(restarted.log()).contains("Stopping a leftover embedded PostgreSQL");
        assertThat(get(port, "/api/v1/obligations/" + id).statusCode()).isEqualTo(200);

        long newPostmaster = postmasterPid(dataDir);
        restarted.process.destroy();
        assertThat(restarted.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> !ProcessHandle.of(newPostmaster).map(ProcessHandle::isAlive).orElse(false),
                Duration.ofSeconds(30));
        assertThat(Files.exists(dataDir.resolve("postmaster.pid"))).as("a clean stop stops PostgreSQL").isFalse();
    }

    @Test
    void with_an_external_url_the_jar_starts_no_embedded_database_and_uses_that_server() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            try (Connection c = external.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE external_recauda");
                s.execute("CREATE ROLE recauda_app LOGIN PASSWORD 'app-secret'");
                s.execute("ALTER DATABASE external_recauda OWNER TO recauda_app");
            }
            Path unusedDataDir = work.resolve("never-created");
            int port = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + external.getPort()
                    + "/external_recauda");
            env.put("QUARKUS_DATASOURCE_USERNAME", "recauda_app");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "app-secret");
            env.put("RECAUDA_EMBEDDED_DB_DATA_DIR", unusedDataDir.toString());
            Service service = start("external", port, env);
            service.awaitReady();
            String id = createObligation(port);

            assertThat(service.log()).doesNotContain("Embedded PostgreSQL 17 is up")
                    .doesNotContain("Running on the EMBEDDED PostgreSQL");
            // No OpenID Connect provider is configured: the service serves API keys, and a token is refused.
            assertThat(service.log()).contains("only API keys are accepted");
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/admin/api-clients"))
                    .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(401);
            assertThat(token.body()).contains("/problems/unauthorized").contains("no OpenID Connect provider");
            assertThat(get(port, "/api/v1/admin/api-clients").statusCode()).isEqualTo(200);
            assertThat(Files.exists(unusedDataDir)).isFalse();
            try (Connection c = external.getDatabase("recauda_app", "external_recauda").getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM obligation WHERE id = '" + id + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void with_openid_connect_enabled_but_no_audience_the_jar_refuses_to_start_and_says_why() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("RECAUDA_EMBEDDED_DB_DATA_DIR", work.resolve("pg-oidc").toString());
        env.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + freePort() + "/realms/recauda");
        Service service = start("oidc-without-audience", freePort(), env);
        assertThat(service.process().waitFor(90, TimeUnit.SECONDS)).as("the service stops by itself").isTrue();
        assertThat(service.process().exitValue()).isNotZero();
        assertThat(service.log()).contains("quarkus.oidc.token.audience must name this service's audience");
    }

    private static void assertHealthAndMetricsOnlyOnTheManagementPortOfLoopback(Service service) throws Exception {
        for (String path : new String[]{"/q/health/ready", "/q/health/live", "/q/metrics"}) {
            HttpResponse<String> main = get(service.port, path);
            assertThat(main.statusCode()).as("main port " + path).isEqualTo(404);
            assertThat(main.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get(service.managementPort, "/q/metrics").body()).as("the metrics count the API's requests")
                .contains("http_server_requests_seconds_count{").contains("uri=\"/api/v1/obligations\"");
        // The main port listens on every interface, the management port on loopback only.
        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isPresent()) {
            assertThat(accepts(external.get(), service.port)).as("main port on " + external.get()).isTrue();
            assertThat(accepts(external.get(), service.managementPort)).as("management port on " + external.get())
                    .isFalse();
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private record Service(Process process, Path logFile, int port, int managementPort) {
        String log() throws IOException {
            return Files.readString(logFile);
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    if (get(managementPort, "/q/health/ready").statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the service did not become ready:\n" + log());
        }
    }

    private Service start(String name, int port, Map<String, String> env) throws IOException {
        assertThat(JAR).as("run ./mvnw verify so the jar is packaged first").exists();
        Path log = work.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        int managementPort = freePort();
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("RECAUDA_BOOTSTRAP_ADMIN_KEY", KEY);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return new Service(process, log, port, managementPort);
    }

    private static String createObligation(int port) throws Exception {
        String body = "{\"debtorId\":\"1790012344001\",\"debtorName\":\"Comercial Andina S.A.\",\"type\":\"FINE\","
                + "\"principal\":\"125.40\",\"dueDate\":\"2024-05-31\"}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/obligations"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }
}
