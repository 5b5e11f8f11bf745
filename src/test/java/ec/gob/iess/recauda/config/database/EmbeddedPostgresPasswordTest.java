package ec.gob.iess.recauda.config.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server asks every connection for the superuser's random password (scram-sha-256), kept owner-only in
 * the data directory: for a new cluster, across restarts, and for a cluster an older version left on {@code trust}.
 * Real PostgreSQL servers; each start holds no directory lock ({@code startLocked} is what runs under it).
 */
class EmbeddedPostgresPasswordTest {

    @TempDir
    Path work;

    @Test
    void a_new_cluster_requires_its_password_from_the_first_start_and_keeps_it_across_restarts() throws Exception {
        Path dir = work.resolve("new");
        String password;
        EmbeddedPostgresServer.Started first = EmbeddedPostgresServer.startLocked(dir, false, 0);
        try {
            password = passwordIn(dir);
            assertOnlyThePasswordConnects(first);
            assertThat(first.redactedUrl()).doesNotContain(password);
        } finally {
            first.postgres().close();
        }
        EmbeddedPostgresServer.Started again = EmbeddedPostgresServer.startLocked(dir, false, 0);
        try {
            assertThat(passwordIn(dir)).isEqualTo(password);
            assertOnlyThePasswordConnects(again);
        } finally {
            again.postgres().close();
        }
    }

    @Test
    void a_cluster_left_on_trust_by_an_older_version_gets_a_password_and_then_requires_it() throws Exception {
        Path dir = work.resolve("legacy");
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = legacy.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE recauda");
        }
        assertThat(dir.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).doesNotExist();

        EmbeddedPostgresServer.Started adopted = EmbeddedPostgresServer.startLocked(dir, false, 0);
        try {
            assertOnlyThePasswordConnects(adopted);
        } finally {
            adopted.postgres().close();
        }

        // A deleted password file is replaced by a new password the same way.
        String before = passwordIn(dir);
        Files.delete(dir.resolve(EmbeddedPostgresServer.PASSWORD_FILE));
        EmbeddedPostgresServer.Started renewed = EmbeddedPostgresServer.startLocked(dir, false, 0);
        try {
            assertThat(passwordIn(dir)).isNotEqualTo(before);
            assertOnlyThePasswordConnects(renewed);
        } finally {
            renewed.postgres().close();
        }
    }

    private static void assertOnlyThePasswordConnects(EmbeddedPostgresServer.Started started) throws Exception {
        int port = started.postgres().getPort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/recauda?user=postgres";
        try (Connection c = DriverManager.getConnection(started.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules")) {
            List<String> methods = new ArrayList<>();
            while (rs.next()) {
                methods.add(rs.getString(1));
            }
            assertThat(methods).containsExactly("scram-sha-256");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url + "&password=wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    private static String passwordIn(Path dir) throws Exception {
        Path file = dir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).matches("[A-Za-z0-9_-]{43}");
        return password;
    }
}
