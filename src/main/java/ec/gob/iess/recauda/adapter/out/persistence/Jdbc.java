package ec.gob.iess.recauda.adapter.out.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import io.agroal.api.AgroalDataSource;
import org.postgresql.util.PSQLException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL for the paths where managed entities cost more than they give: batches, locks, narrow reads, the
 * payment path. Inside a transaction the datasource hands out the connection enlisted in it (the same one Hibernate
 * uses), so the SQL commits or rolls back with everything else; outside one it is an auto-commit read. No Hibernate
 * session is opened for it. A constraint violation arrives as {@link ConstraintViolation} naming the constraint.
 */
@ApplicationScoped
class Jdbc {

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Works with the connection directly (arrays, batches). */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A write refused by a database constraint, with the constraint's name. */
    static final class ConstraintViolation extends RuntimeException {
        private final String constraint;

        ConstraintViolation(String constraint, SQLException cause) {
            super(cause.getMessage(), cause, false, false);
            this.constraint = constraint;
        }

        String constraint() {
            return constraint;
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;

    Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                    return rows;
                }
            }
        });
    }

    <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row: " + sql);
        }
        return rows.stream().findFirst();
    }

    int update(String sql, Binder binder) {
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    <T> T work(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) && e instanceof PSQLException p
                    && p.getServerErrorMessage() != null) {
                throw new ConstraintViolation(p.getServerErrorMessage().getConstraint(), e);
            }
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    static Array textArray(PreparedStatement ps, List<String> values) throws SQLException {
        return ps.getConnection().createArrayOf("text", values.toArray());
    }
}
