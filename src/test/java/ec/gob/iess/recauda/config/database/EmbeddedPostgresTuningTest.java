package ec.gob.iess.recauda.config.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server's settings, sized from the machine's memory, and what a start makes of them. */
class EmbeddedPostgresTuningTest {

    private static final long GB = 1024L * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void memory_settings_follow_the_machine_within_bounds() {
        Map<String, String> small = EmbeddedPostgresTuning.settings(2 * GB, null);
        assertThat(small).containsEntry("shared_buffers", "256MB").containsEntry("effective_cache_size", "1024MB")
                .containsEntry("maintenance_work_mem", "64MB");
        Map<String, String> laptop = EmbeddedPostgresTuning.settings(16 * GB, null);
        assertThat(laptop).containsEntry("shared_buffers", "2048MB").containsEntry("effective_cache_size", "8192MB")
                .containsEntry("maintenance_work_mem", "512MB");
        Map<String, String> server = EmbeddedPostgresTuning.settings(256 * GB, null);
        assertThat(server).containsEntry("shared_buffers", "4096MB").containsEntry("maintenance_work_mem", "1024MB");
        Map<String, String> tiny = EmbeddedPostgresTuning.settings(GB / 4, null);
        assertThat(tiny).containsEntry("shared_buffers", "128MB");
        assertThat(laptop).containsEntry("max_wal_size", "2GB").containsEntry("checkpoint_timeout", "15min")
                .containsEntry("jit", "off");
    }

    @Test
    void configured_settings_win_and_a_malformed_list_is_refused_naming_the_property() {
        assertThat(EmbeddedPostgresTuning.settings(16 * GB, " shared_buffers = 1GB,max_wal_size=8GB"))
                .containsEntry("shared_buffers", "1GB").containsEntry("max_wal_size", "8GB");
        assertThatThrownBy(() -> EmbeddedPostgresTuning.parse("shared_buffers"))
                .hasMessageContaining(EmbeddedPostgresTuning.OVERRIDES).hasMessageContaining("'shared_buffers'");
        assertThatThrownBy(() -> EmbeddedPostgresTuning.parse("shared buffers=1GB"))
                .hasMessageContaining("name=value");
    }

    @Test
    void a_started_server_runs_with_them_and_stays_durable_and_local_whatever_is_configured() throws Exception {
        Map<String, String> settings = EmbeddedPostgresTuning.settings(4 * GB,
                "max_wal_size=3GB,fsync=off,synchronous_commit=off,listen_addresses=*");
        EmbeddedPostgresServer.Started started = EmbeddedPostgresServer.startLocked(work.resolve("pg"), true, 0,
                settings);
        try (Connection c = DriverManager.getConnection(started.jdbcUrl()); Statement s = c.createStatement()) {
            assertThat(show(s, "shared_buffers")).isEqualTo("512MB");
            assertThat(show(s, "max_wal_size")).isEqualTo("3GB");
            assertThat(show(s, "checkpoint_timeout")).isEqualTo("15min");
            assertThat(show(s, "jit")).isEqualTo("off");
            assertThat(show(s, "fsync")).isEqualTo("on");
            assertThat(show(s, "synchronous_commit")).isEqualTo("on");
            assertThat(show(s, "full_page_writes")).isEqualTo("on");
            assertThat(show(s, "listen_addresses")).isEqualTo("127.0.0.1");
        } finally {
            started.postgres().close();
        }
    }

    private static String show(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
