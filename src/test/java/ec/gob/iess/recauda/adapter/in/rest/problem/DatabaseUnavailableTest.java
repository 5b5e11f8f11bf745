package ec.gob.iess.recauda.adapter.in.rest.problem;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.transaction.xa.XAException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures mean "the database is unavailable" (503) and which stay unexpected (500), as they arrive: wrapped
 * by the persistence adapter, by the transaction manager (the commit's reason suppressed in a rollback), by the pool.
 */
class DatabaseUnavailableTest {

    @Test
    void a_refused_or_lost_connection_wrapped_by_the_adapter_is_unavailability() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        assertThat(DatabaseUnavailable.reason(new IllegalStateException("SQL failed", refused)))
                .contains("SQLState 08001");
        assertThat(DatabaseUnavailable.reason(new RuntimeException(new PSQLException("This connection has been"
                + " closed.", PSQLState.CONNECTION_DOES_NOT_EXIST)))).contains("SQLState 08003");
    }

    @Test
    void a_commit_cut_by_a_shutdown_arrives_suppressed_in_the_rollback_and_is_unavailability() {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertThat(DatabaseUnavailable.reason(new RuntimeException(rollback))).contains("SQLState 57P01");
    }

    @Test
    void the_bounds_of_the_pool_of_locks_and_of_statements_are_unavailability() {
        assertThat(DatabaseUnavailable.reason(new IllegalStateException(new SQLException(
                "Sorry, acquisition timeout!")))).contains("connection pool acquisition timeout");
        assertThat(DatabaseUnavailable.reason(new SQLException("Acquisition timeout while waiting for new connection",
                new TimeoutException()))).contains("connection pool acquisition timeout");
        assertThat(DatabaseUnavailable.reason(new SQLException("canceling statement due to lock timeout", "55P03")))
                .contains("SQLState 55P03");
        assertThat(DatabaseUnavailable.reason(new SQLException("canceling statement due to statement timeout",
                "57014"))).contains("SQLState 57014");
        assertThat(DatabaseUnavailable.reason(new SQLException("the database system is starting up", "57P03")))
                .contains("SQLState 57P03");
        assertThat(DatabaseUnavailable.reason(new SQLTransientConnectionException("gone")))
                .contains("SQLTransientConnectionException");
    }

    @Test
    void other_database_errors_and_other_failures_are_not() {
        assertThat(DatabaseUnavailable.reason(new IllegalStateException(new SQLException("duplicate key", "23505"))))
                .isEmpty();
        assertThat(DatabaseUnavailable.reason(new SQLException("syntax error", "42601"))).isEmpty();
        assertThat(DatabaseUnavailable.reason(new SQLException("acquisition timeout", "42601")))
                .as("the pool's message counts only on an SQLException without SQLState").isEmpty();
        assertThat(DatabaseUnavailable.reason(new IllegalStateException("acquisition timeout"))).isEmpty();
        assertThat(DatabaseUnavailable.reason(new RollbackException("marked for rollback"))).isEmpty();
        assertThat(DatabaseUnavailable.reason(new NullPointerException())).isEmpty();
    }

    @Test
    void a_cause_chain_with_a_cycle_ends() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        a.addSuppressed(b);
        assertThat(DatabaseUnavailable.reason(a)).isEmpty();
    }
}
