package ec.gob.iess.recauda.adapter.out.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the JDBC driver puts in an exception message ends up in a log line; with the service's driver settings it
 * carries neither the server's detail (the values of a violated key) nor a failed batch's parameters.
 */
@QuarkusTest
class DriverErrorsCarryNoValuesTest {

    private static final String SECRET_NAME = "Payer Name That Must Never Be Logged";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_violated_unique_key_reports_no_values() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE leak_check (name text UNIQUE)"
                    + " ON COMMIT DROP")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO leak_check VALUES (?), (?)")) {
                ps.setString(1, SECRET_NAME);
                ps.setString(2, SECRET_NAME);
                ps.executeUpdate();
                fail("the duplicate was stored");
            } catch (SQLException e) {
                assertThat(messages(e)).isNotEmpty().noneMatch(m -> m.contains(SECRET_NAME));
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void a_failed_batch_reports_no_parameters() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE leak_batch (name text NOT NULL"
                    + " CHECK (length(name) < 5)) ON COMMIT DROP")) {
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO leak_batch VALUES (?)")) {
                ps.setString(1, SECRET_NAME);
                ps.addBatch();
                ps.executeBatch();
                fail("the batch was stored");
            } catch (SQLException e) {
                assertThat(messages(e)).isNotEmpty().noneMatch(m -> m.contains(SECRET_NAME));
            } finally {
                c.rollback();
            }
        }
    }

    private static List<String> messages(SQLException e) {
        List<String> messages = new ArrayList<>();
        for (SQLException s = e; s != null; s = s.getNextException()) {
            for (Throwable t = s; t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
                messages.add(t.toString());
            }
        }
        return messages;
    }
}
