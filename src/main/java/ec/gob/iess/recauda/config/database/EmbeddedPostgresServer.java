package ec.gob.iess.recauda.config.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts (once per JVM) the embedded PostgreSQL 17 that the service uses when no external server is configured.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>Durability: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} are on, so an
 *       acknowledged payment survives a power cut (zonky turns the first two off by default).</li>
 *   <li>One owner per data directory: a lock file beside the directory ({@code <dir>.lock}) is held for the life of
 *       the JVM. A second service on the same directory fails fast with a message that says what to do.</li>
 *   <li>Recovery after {@code kill -9}: the postmaster is a detached process and survives its JVM. Holding the lock,
 *       a postmaster still named in {@code postmaster.pid} can only be such a leftover, so it is stopped before the
 *       new start.</li>
 *   <li>Password authentication: every connection, over TCP on 127.0.0.1 or the local socket, needs the
 *       superuser's random password ({@code scram-sha-256}), kept in {@value #PASSWORD_FILE} inside the data
 *       directory with owner-only permissions; another local user cannot connect (see {@link #startLocked}).</li>
 *   <li>Reuse across restarts inside one JVM (dev-mode live reload, test-profile restarts): the running server's URL
 *       is kept in a JVM-wide system property, because each restart loads this class anew.</li>
 * </ul>
 */
final class EmbeddedPostgresServer {

    /** JVM-wide marker holding the JDBC URL of the embedded server this JVM started. */
    static final String RUNNING_URL_PROPERTY = "recauda.embedded-db.running-jdbc-url";
    /** JVM-wide marker holding the data directory of that server. */
    static final String RUNNING_DATA_DIR_PROPERTY = "recauda.embedded-db.running-data-dir";
    static final String DATABASE = "recauda";
    static final String SUPERUSER = "postgres";
    /** The superuser's password, inside the data directory, readable by its owner only. */
    static final String PASSWORD_FILE = "recauda-superuser.password";

    private static final String SCRAM = "scram-sha-256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(30);

    private EmbeddedPostgresServer() {
    }

    /** The JDBC URL of this JVM's embedded server, starting it on first use. */
    static synchronized String jdbcUrl(EmbeddedPostgresSettings settings) {
        String running = System.getProperty(RUNNING_URL_PROPERTY);
        if (running != null) {
            return running;
        }
        String url = start(settings);
        System.setProperty(RUNNING_DATA_DIR_PROPERTY, settings.dataDirectory().toAbsolutePath().normalize().toString());
        System.setProperty(RUNNING_URL_PROPERTY, url);
        return url;
    }

    /** The data directory of the embedded server this JVM runs; empty when an external server is configured. */
    static Optional<String> runningDataDirectory() {
        return System.getProperty(RUNNING_URL_PROPERTY) == null ? Optional.empty()
                : Optional.ofNullable(System.getProperty(RUNNING_DATA_DIR_PROPERTY));
    }

    private static String start(EmbeddedPostgresSettings settings) {
        Path dataDir = settings.dataDirectory().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir.getParent());
            lockOrFail(dataDir);
            stopLeftoverPostmaster(dataDir);
            Started started = startLocked(dataDir, settings.throwaway(), settings.port(), settings.server());
            LOG.infof("Embedded PostgreSQL 17 is up at %s (data directory %s%s; password authentication, the"
                            + " password in %s)", started.redactedUrl(), dataDir,
                    settings.throwaway() ? ", deleted at exit" : "", PASSWORD_FILE);
            return started.jdbcUrl();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A started server: the handle (to stop it), its JDBC URL with credentials, and the URL to show. */
    record Started(EmbeddedPostgres postgres, String jdbcUrl, String redactedUrl) {
    }

    /**
     * Starts the server of {@code dataDir}, whose lock the caller holds and on which no postmaster runs, with
     * password authentication ({@code scram-sha-256}) for every connection, local or TCP:
     * <ul>
     *   <li>a new cluster gets a random password from {@code initdb} itself ({@code --auth=scram-sha-256
     *       --pwfile}), so it never accepts a connection without one;</li>
     *   <li>a cluster with its password file keeps that password;</li>
     *   <li>a cluster without one (created by an older Recauda with {@code trust}, or whose file was deleted)
     *       starts once with {@code trust}, gets a new random password, and is switched to {@code scram-sha-256}
     *       (configuration reloaded) before this method returns.</li>
     * </ul>
     * {@code pg_hba.conf} is rewritten at every start (the server is not running then), so it cannot drift.
     */
    static Started startLocked(Path dataDir, boolean throwaway, int port) throws IOException {
        return startLocked(dataDir, throwaway, port, EmbeddedPostgresTuning.forThisMachine(null));
    }

    /** As {@link #startLocked(Path, boolean, int)}, with the given server settings ({@link EmbeddedPostgresTuning}). */
    static Started startLocked(Path dataDir, boolean throwaway, int port, Map<String, String> serverSettings)
            throws IOException {
        Path passwordFile = dataDir.resolve(PASSWORD_FILE);
        boolean fresh = throwaway || !Files.exists(dataDir.resolve("postgresql.conf"));
        boolean adopt = !fresh && !Files.exists(passwordFile);
        String password = fresh || adopt ? newPassword() : Files.readString(passwordFile).strip();
        Path initdbPasswordFile = fresh ? writeSecret(dataDir.getParent(), password) : null;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(throwaway)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    .setConnectConfig("password", password)
                    .setRegisterShutdownHook(true)
                    // After initdb (when it runs), before the server starts.
                    .setDataDirectoryCustomizer(dir -> {
                        try {
                            if (initdbPasswordFile != null) {
                                moveSecret(initdbPasswordFile, passwordFile);
                            }
                            writeHba(dir.toPath(), adopt ? "trust" : SCRAM);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
            // Sized from the machine, or as configured. What the guarantees above rest on (loopback only, scram
            // passwords, durability) is set after them, so no setting of recauda.embedded-db.server-settings can change
            // it.
            serverSettings.forEach(builder::setServerConfig);
            builder.setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", SCRAM)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (fresh) {
                // zonky runs "initdb -A trust ... <these>": the later --auth wins, and --pwfile sets the password.
                builder.setLocaleConfig("auth", SCRAM).setLocaleConfig("pwfile", initdbPasswordFile.toString());
            }
            EmbeddedPostgres postgres = builder.start();
            String base = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
            String credentials = "?user=" + SUPERUSER + "&password=" + password;
            if (adopt) {
                adoptPassword(base + "postgres" + credentials, dataDir, password);
            }
            createDatabaseIfMissing(base + "postgres" + credentials);
            return new Started(postgres, base + DATABASE + credentials,
                    base + DATABASE + "?user=" + SUPERUSER + "&password=***");
        } finally {
            if (initdbPasswordFile != null) {
                Files.deleteIfExists(initdbPasswordFile);
            }
        }
    }

    /** Sets the superuser's password on a server still trusting local connections, then requires it. */
    private static void adoptPassword(String adminUrl, Path dataDir, String password) throws IOException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            // The password is 43 characters of [A-Za-z0-9_-]: nothing to escape.
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            moveSecret(writeSecret(dataDir, password), dataDir.resolve(PASSWORD_FILE));
            writeHba(dataDir, SCRAM);
            try (ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
                rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the password of the embedded PostgreSQL in " + dataDir
                    + ": " + e.getMessage(), e);
        }
        LOG.warnf("The embedded PostgreSQL in %s trusted every local connection; it now requires the password kept"
                + " in %s", dataDir, PASSWORD_FILE);
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Writes {@code secret} to a new file in {@code dir} readable by its owner only (0600 where POSIX). */
    private static Path writeSecret(Path dir, String secret) throws IOException {
        Path file;
        try {
            file = Files.createTempFile(dir, ".recauda-secret-", ".tmp", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile(dir, ".recauda-secret-", ".tmp");
        }
        Files.writeString(file, secret + "\n");
        return file;
    }

    private static void moveSecret(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the data directory itself is private to its owner
        }
    }

    private static void writeHba(Path dataDir, String method) throws IOException {
        String rules = "# Written by Recauda at every start of its embedded PostgreSQL"
                + " (config/database/EmbeddedPostgresServer); edits are overwritten.\n"
                + "# The superuser's password is in " + PASSWORD_FILE + " in this directory (owner-only).\n"
                + "local   all   all                  " + method + "\n"
                + "host    all   all   127.0.0.1/32   " + method + "\n"
                + "host    all   all   ::1/128        " + method + "\n";
        Files.writeString(dataDir.resolve("pg_hba.conf"), rules);
    }

    /**
     * Takes the lock beside the data directory for the life of this JVM, or fails with a message that says what to
     * do. The lock is never released explicitly: the operating system releases it when the process ends, however
     * it ends, so a {@code kill -9} never leaves it behind.
     */
    private static void lockOrFail(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDir
                    + " is in use by another Recauda process (it holds " + lockFile + "). Stop that process, or give"
                    + " this one its own directory with recauda.embedded-db.data-dir (RECAUDA_EMBEDDED_DB_DATA_DIR),"
                    + " or point it at a PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL.");
        }
        LockHolder.keep(channel, lock);
    }

    /**
     * Stops a postmaster left running on this data directory by a service that died without shutting it down. Only
     * called while holding the directory lock, so no live Recauda process can own that postmaster. The pid in
     * {@code postmaster.pid} is signalled only when it is a PostgreSQL server running on this very directory; a pid
     * that is dead, or reused by another program or by another PostgreSQL, makes the file stale.
     */
    static void stopLeftoverPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgres(process.get()) || !runsOn(process.get(), dataDir)) {
            // A stale pid file (the postmaster died with its JVM, or the pid now belongs to another program or to a
            // PostgreSQL of another directory): PostgreSQL would refuse to start while the pid is alive, and nothing
            // owns the file any more.
            Files.deleteIfExists(pidFile);
            LOG.infof("Removed a stale postmaster.pid from %s%s", dataDir, process.isPresent()
                    ? " (its pid " + process.get().pid() + " is not a PostgreSQL server of this directory)" : "");
            return;
        }
        ProcessHandle postmaster = process.get();
        LOG.warnf("Stopping a leftover embedded PostgreSQL (pid %d) on %s, left by a Recauda process that did not"
                + " shut down cleanly", postmaster.pid(), dataDir);
        // SIGTERM is PostgreSQL's "smart" shutdown; its clients died with the old JVM, so it finishes promptly.
        postmaster.destroy();
        if (!waitForExit(postmaster, LEFTOVER_STOP_WAIT)) {
            LOG.warnf("Leftover postmaster %d did not stop within %s; killing it", postmaster.pid(), LEFTOVER_STOP_WAIT);
            postmaster.destroyForcibly();
            waitForExit(postmaster, LEFTOVER_STOP_WAIT);
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> {
            String name = Path.of(c).getFileName().toString();
            return name.equals("postgres") || name.equals("postmaster") || name.equals("postgres.exe");
        }).orElse(false);
    }

    /**
     * Whether the process is a server of {@code dataDir}: PostgreSQL changes its working directory to its data
     * directory (read from {@code /proc/<pid>/cwd} on Linux), and zonky's {@code pg_ctl} starts it as
     * {@code postgres -D <dataDir> ...} (its arguments, where the operating system shows them). When neither can be
     * read the answer is no: signalling a process we cannot identify is worse than a start on a "stale" file, which
     * PostgreSQL's own shared-memory interlock refuses if a server of the directory is really still running.
     */
    static boolean runsOn(ProcessHandle process, Path dataDir) {
        Path wanted = realPath(dataDir);
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            if (Files.exists(cwd) && cwd.toRealPath().equals(wanted)) {
                return true;
            }
        } catch (IOException | SecurityException unreadable) {
            // fall back to the arguments
        }
        Optional<String[]> arguments = process.info().arguments();
        if (arguments.isPresent()) {
            String[] args = arguments.get();
            for (int i = 0; i < args.length; i++) {
                String dir = args[i].equals("-D") && i + 1 < args.length ? args[i + 1]
                        : args[i].startsWith("-D") && args[i].length() > 2 ? args[i].substring(2) : null;
                if (dir != null && realPath(Path.of(dir)).equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static void createDatabaseIfMissing(String adminUrl) {
        try (Connection c = DriverManager.getConnection(adminUrl);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database '" + DATABASE + "' in the embedded"
                    + " PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Keeps the directory lock reachable so it is never garbage-collected (which would release it). */
    private static final class LockHolder {
        private static final List<Object> HELD = new ArrayList<>();

        static synchronized void keep(FileChannel channel, FileLock lock) {
            HELD.add(channel);
            HELD.add(lock);
        }
    }
}
