package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.CardDebitRuns;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Card debit runs in PostgreSQL (plain SQL, ADR 0011): one per date, whoever starts it. */
@ApplicationScoped
class CardDebitRunPersistenceAdapter implements CardDebitRuns {

    private static final String COLUMNS = "id, run_date, status, started_at, started_by, completed_at";

    private final Jdbc jdbc;

    CardDebitRunPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Run startOrGet(LocalDate date, UUID newId, String startedBy, Instant now, boolean reopen) {
        jdbc.update("INSERT INTO card_debit_run (id, run_date, status, started_at, started_by)"
                + " VALUES (?, ?, 'RUNNING', ?, ?) ON CONFLICT (run_date) DO "
                + (reopen ? "UPDATE SET status = 'RUNNING', completed_at = NULL"
                        + " WHERE card_debit_run.status = 'COMPLETED'"
                : "NOTHING"), ps -> {
                    ps.setObject(1, newId);
                    ps.setObject(2, date);
                    ps.setObject(3, Sql.timestamp(now));
                    ps.setString(4, startedBy);
                });
        return jdbc.one("SELECT " + COLUMNS + " FROM card_debit_run WHERE run_date = ?", ps -> ps.setObject(1, date),
                CardDebitRunPersistenceAdapter::fromRow).orElseThrow();
    }

    @Override
    public Optional<Run> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM card_debit_run WHERE id = ?", ps -> ps.setObject(1, id),
                CardDebitRunPersistenceAdapter::fromRow);
    }

    @Override
    public List<Run> running() {
        return jdbc.query("SELECT " + COLUMNS + " FROM card_debit_run WHERE status = 'RUNNING' ORDER BY run_date",
                ps -> { }, CardDebitRunPersistenceAdapter::fromRow);
    }

    @Override
    public void complete(UUID id, Instant now) {
        jdbc.update("UPDATE card_debit_run SET status = 'COMPLETED', completed_at = ? WHERE id = ?"
                + " AND status = 'RUNNING'", ps -> {
                    ps.setObject(1, Sql.timestamp(now));
                    ps.setObject(2, id);
                });
    }

    private static Run fromRow(ResultSet rs) throws SQLException {
        return new Run(rs.getObject("id", UUID.class), rs.getObject("run_date", LocalDate.class),
                "COMPLETED".equals(rs.getString("status")), Sql.instant(rs, "started_at"), rs.getString("started_by"),
                rs.getObject("completed_at") == null ? null : Sql.instant(rs, "completed_at"));
    }
}
