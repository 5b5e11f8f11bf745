package ec.gob.iess.recauda.adapter.in.rest.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises, anywhere in a failure's causes (and their suppressed exceptions, where the transaction manager keeps
 * a failed commit's reason), that the database could not be reached or did not answer within its bounds: the
 * service is unavailable for a moment, not broken. Such a failure is answered 503 {@code service-unavailable}
 * (docs/operations.md); everything else stays a 500.
 *
 * <ul>
 *   <li>SQLState class {@code 08}: no connection, or it was lost (PostgreSQL down or unreachable, a pooled connection
 *       that PostgreSQL closed).</li>
 *   <li>{@code 57P01}, {@code 57P02}, {@code 57P03}: PostgreSQL is shutting down, crashed, or is not yet accepting
 *       connections; {@code 53300}: it has no connection slot left.</li>
 *   <li>{@code 55P03} ({@code lock_timeout}) and {@code 57014} ({@code statement_timeout}): a wait for a row or table
 *       lock, or a statement, ran past its bound (recauda.db.lock-timeout, recauda.db.statement-timeout).</li>
 *   <li>The pool's own bound: a connection not free within {@code quarkus.datasource.jdbc.acquisition-timeout}
 *       (Agroal raises a plain {@link SQLException} without SQLState, recognised by its message), and the JDBC
 *       driver's connection and timeout exception types.</li>
 * </ul>
 * The answer is a short reason for the log (an SQLState or the kind of bound), never the exception's message, which
 * may quote SQL or its parameters.
 */
final class DatabaseUnavailable {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "55P03", "57014");
    private static final int MAX_CAUSES = 64;

    private DatabaseUnavailable() {
    }

    /** Why {@code failure} means the database is unavailable, or empty when it means something else. */
    static Optional<String> reason(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty() && seen.size() < MAX_CAUSES) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            Optional<String> reason = own(t);
            if (reason.isPresent()) {
                return reason;
            }
            addIfPresent(pending, t.getCause());
            for (Throwable suppressed : t.getSuppressed()) {
                addIfPresent(pending, suppressed);
            }
            if (t instanceof SQLException sql) {
                addIfPresent(pending, sql.getNextException());
            }
        }
        return Optional.empty();
    }

    private static void addIfPresent(Deque<Throwable> pending, Throwable t) {
        if (t != null) {
            pending.add(t);
        }
    }

    private static Optional<String> own(Throwable t) {
        if (!(t instanceof SQLException sql)) {
            return Optional.empty();
        }
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || STATES.contains(state))) {
            return Optional.of("SQLState " + state);
        }
        if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLTimeoutException) {
            return Optional.of(sql.getClass().getSimpleName());
        }
        String message = sql.getMessage();
        if (state == null && message != null && message.toLowerCase(Locale.ROOT)
                .contains("acquisition timeout")) {
            return Optional.of("connection pool acquisition timeout");
        }
        return Optional.empty();
    }
}
