package ec.gob.iess.recauda.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the test database, to check what the API stored (or did not store). */
@ApplicationScoped
public class Database {

    private final AgroalDataSource dataSource;

    public Database(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The obligations on which the open portfolio the database keeps (V19, open_obligation) disagrees with the
     * obligations: a PENDING one without its row there, or with what the aging reads of it out of date, or a row
     * there of an obligation no longer PENDING. Empty when they agree.
     */
    public List<String> openPortfolioOutOfStep() {
        String pending = "SELECT id, due_date, type, stage, principal * 100, interest_paid * 100, principal_paid * 100,"
                + " principal_history FROM obligation WHERE status = 'PENDING'";
        String open = "SELECT id, due_date, type, stage, principal_cents, interest_paid_cents, principal_paid_cents,"
                + " principal_history FROM open_obligation";
        List<String> out = new ArrayList<>(strings("SELECT 'missing or stale ' || id FROM (" + pending + " EXCEPT "
                + open + ") x"));
        out.addAll(strings("SELECT 'not PENDING or stale ' || id FROM (" + open + " EXCEPT " + pending + ") x"));
        return out;
    }

    public String string(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A public entity's RUC no test has used yet (the RUCs of public entities are few: {@link TestIds} draws them
     * from a space of 100,000, so tests sharing the database would otherwise meet).
     */
    public String unusedPublicEntityRuc() {
        while (true) {
            String ruc = TestIds.publicEntityRuc();
            if (count("SELECT count(*) FROM obligation WHERE debtor_id = ?", ruc)
                    + count("SELECT count(*) FROM ministry_batch_line WHERE employer_id = ?", ruc)
                    + count("SELECT count(*) FROM unapplied_fund WHERE payer_id = ?", ruc) == 0) {
                return ruc;
            }
        }
    }

    /**
     * Empties the arrears rate table, which every test class shares, so that a test computing exact interest sets
     * exactly the rates it relies on (through the API) and nothing another test left behind.
     */
    public void clearRates() {
        SQLException failure = tryExecute("DELETE FROM interest_rate");
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Runs a statement that must succeed. */
    public void execute(String sql) {
        SQLException failure = tryExecute(sql);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Runs a statement and returns the SQLException it raised, or null when it succeeded. */
    public SQLException tryExecute(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
