package ec.gob.iess.recauda.config.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery after {@code kill -9} signals only a PostgreSQL of the same data directory: a pid in
 * {@code postmaster.pid} that now belongs to another PostgreSQL (pids are reused) makes the file stale, and that
 * server is left alone. Real PostgreSQL servers, started with zonky as the service starts its own.
 */
class LeftoverPostmasterTest {

    @TempDir
    Path work;

    @Test
    void a_pid_file_naming_a_postgresql_of_another_directory_is_stale_and_that_server_is_left_running()
            throws Exception {
        try (EmbeddedPostgres unrelated = EmbeddedPostgres.builder().setDataDirectory(work.resolve("other"))
                .setCleanDataDirectory(true).start()) {
            long unrelatedPid = postmasterPid(work.resolve("other"));
            Path ours = Files.createDirectories(work.resolve("ours"));
            Files.writeString(ours.resolve("postmaster.pid"), unrelatedPid + "\n" + ours + "\n");

            assertThat(EmbeddedPostgresServer.runsOn(ProcessHandle.of(unrelatedPid).orElseThrow(), ours)).isFalse();
            EmbeddedPostgresServer.stopLeftoverPostmaster(ours);

            assertThat(ours.resolve("postmaster.pid")).doesNotExist();
            Thread.sleep(500);
            assertThat(ProcessHandle.of(unrelatedPid).map(ProcessHandle::isAlive)).contains(true);
            try (var c = unrelated.getPostgresDatabase().getConnection()) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void a_postmaster_left_running_on_this_directory_is_stopped() throws Exception {
        Path dir = work.resolve("left");
        EmbeddedPostgres leftover = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
        long pid = postmasterPid(dir);
        try {
            assertThat(EmbeddedPostgresServer.runsOn(ProcessHandle.of(pid).orElseThrow(), dir)).isTrue();
            EmbeddedPostgresServer.stopLeftoverPostmaster(dir);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            leftover.close();
        }
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }
}
