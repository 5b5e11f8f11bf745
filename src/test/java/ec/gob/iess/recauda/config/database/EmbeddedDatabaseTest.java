package ec.gob.iess.recauda.config.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL the tests (and the service) run on, read through the service's own datasource: durable
 * (an acknowledged payment survives a power cut), listening on 127.0.0.1 only, and asking for a password.
 */
@QuarkusTest
class EmbeddedDatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void the_database_is_durable() throws Exception {
        assertThat(show("fsync")).isEqualTo("on");
        assertThat(show("synchronous_commit")).isEqualTo("on");
        assertThat(show("full_page_writes")).isEqualTo("on");
    }

    @Test
    void it_listens_on_127_0_0_1_only() throws Exception {
        assertThat(show("listen_addresses")).isEqualTo("127.0.0.1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT host(inet_server_addr())")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void a_connection_without_the_password_of_the_data_directory_is_refused() throws Exception {
        Path dataDir = Path.of(EmbeddedPostgresServer.runningDataDirectory().orElseThrow());
        String password = Files.readString(dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).strip();
        String url = "jdbc:postgresql://127.0.0.1:" + show("port") + "/recauda?user=postgres";

        assertThatThrownBy(() -> DriverManager.getConnection(url).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url + "&password=not-it").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        try (Connection c = DriverManager.getConnection(url + "&password=" + password)) {
            assertThat(c.isValid(5)).isTrue();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_hba_file_rules"
                     + " WHERE auth_method <> 'scram-sha-256'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("pg_hba rules without a password").isZero();
        }
    }

    private String show(String setting) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
