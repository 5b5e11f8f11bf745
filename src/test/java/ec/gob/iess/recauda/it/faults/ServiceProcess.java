package ec.gob.iess.recauda.it.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a separate process on a PostgreSQL
 * server the test runs, as an operator runs it: configured by environment variables, plus {@code -D} properties a
 * test narrows (a small pool). It can be killed with SIGKILL ({@link #kill()}) and started again on the same port.
 */
public final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final String STAFF_KEY = "rk_fault_suite_integration_test_bootstrap_key";
    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final String name;
    private final Path workDir;
    private final int port;
    private final int managementPort;
    private final String jdbcUrl;
    private final Map<String, String> properties;
    private final List<Process> processes = new ArrayList<>();
    private Process process;
    private Path log;

    private ServiceProcess(String name, Path workDir, int port, String jdbcUrl, Map<String, String> properties)
            throws IOException {
        this.name = name;
        this.workDir = workDir;
        this.port = port;
        this.managementPort = freePort();
        this.jdbcUrl = jdbcUrl;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** Starts the jar on a free port against {@code jdbcUrl}, with extra system properties; not yet ready. */
    public static ServiceProcess start(String name, Path workDir, String jdbcUrl, Map<String, String> properties)
            throws IOException {
        ServiceProcess service = new ServiceProcess(name, workDir, freePort(), jdbcUrl, properties);
        service.launch();
        return service;
    }

    HttpResponse<String> readiness() throws IOException, InterruptedException {
        return health("ready");
    }

    HttpResponse<String> liveness() throws IOException, InterruptedException {
        return health("live");
    }

    /** The health endpoints, on the management interface (its own port). */
    private HttpResponse<String> health(String check) throws IOException, InterruptedException {
        return Http.get(managementPort, "/q/health/" + check, null, Duration.ofSeconds(20));
    }

    public int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until readiness says UP, failing with the log when the process exits or the wait runs out. */
    public ServiceProcess awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (readiness().statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not become ready within " + STARTUP + ":\n" + log());
    }

    /** {@code kill -9}: no shutdown hook runs, in-flight requests and transactions are cut. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " dies on SIGKILL").isTrue();
        assertThat(process.exitValue()).as("exit status of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
    }

    /** Starts the same service again, on the same port and database, after {@link #kill()}. */
    ServiceProcess restart() throws IOException {
        assertThat(process.isAlive()).as(name + " is stopped before it restarts").isFalse();
        launch();
        return this;
    }

    /** Live threads of the service's JVM (Linux: /proc); -1 where that cannot be read. */
    int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException unavailable) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** Everything this service logged, across restarts. */
    public String log() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= processes.size(); i++) {
            Path file = logFile(i);
            if (Files.exists(file)) {
                all.append("--- ").append(file.getFileName()).append(" ---\n").append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** Stops the service and keeps its logs in {@code target/fault-logs} (the work directory is deleted). */
    @Override
    public void close() throws InterruptedException, IOException {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
        Path kept = Path.of("target", "fault-logs");
        Files.createDirectories(kept);
        for (int i = 1; i <= processes.size(); i++) {
            if (Files.exists(logFile(i))) {
                Files.copy(logFile(i), kept.resolve(logFile(i).getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void launch() throws IOException {
        assertThat(JAR).as("run ./mvnw verify so the jar is packaged first").exists();
        log = logFile(processes.size() + 1);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        // The rate limits stay on (their buckets live in the same database), with quotas the load never uses up.
        builder.environment().put("RECAUDA_RATE_LIMIT_PER_KEY_PER_MINUTE", "100000000");
        builder.environment().put("RECAUDA_RATE_LIMIT_PUBLIC_PER_MINUTE", "100000000");
        builder.environment().put("RECAUDA_BOOTSTRAP_ADMIN_KEY", STAFF_KEY);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        builder.environment().put("RECAUDA_JOBS_CONCEPT_VOUCHER_EXPIRY_CRON", "off");
        builder.environment().put("RECAUDA_JOBS_AGREEMENT_CHECKS_CRON", "off");
        process = builder.start();
        processes.add(process);
    }

    private Path logFile(int run) {
        return workDir.resolve(name + "-" + run + ".log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
