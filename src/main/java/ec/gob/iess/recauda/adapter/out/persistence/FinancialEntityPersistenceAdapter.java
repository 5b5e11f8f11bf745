package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** Partner entities in PostgreSQL. */
@ApplicationScoped
class FinancialEntityPersistenceAdapter implements FinancialEntities {

    private static final String COLUMNS = "code, name, type, cutoff_time, active, created_at, updated_at";

    private final Jdbc jdbc;

    FinancialEntityPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(FinancialEntity e) {
        int inserted = jdbc.update("INSERT INTO financial_entity (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (code) DO NOTHING", ps -> {
                    ps.setString(1, e.code());
                    ps.setString(2, e.name());
                    ps.setString(3, e.type().name());
                    ps.setObject(4, e.cutoffTime());
                    ps.setBoolean(5, e.active());
                    ps.setObject(6, Sql.timestamp(e.createdAt()));
                    ps.setObject(7, Sql.timestamp(e.updatedAt()));
                });
        if (inserted == 0) {
            throw new ConflictException("entity-exists", "a financial entity with code " + e.code() + " exists");
        }
    }

    @Override
    public Optional<FinancialEntity> find(String code) {
        return jdbc.one("SELECT " + COLUMNS + " FROM financial_entity WHERE code = ?", ps -> ps.setString(1, code),
                FinancialEntityPersistenceAdapter::fromRow);
    }

    @Override
    public List<FinancialEntity> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM financial_entity ORDER BY code", ps -> {
        }, FinancialEntityPersistenceAdapter::fromRow);
    }

    @Override
    public void update(FinancialEntity e) {
        jdbc.update("UPDATE financial_entity SET active = ?, cutoff_time = ?, updated_at = ? WHERE code = ?", ps -> {
            ps.setBoolean(1, e.active());
            ps.setObject(2, e.cutoffTime());
            ps.setObject(3, Sql.timestamp(e.updatedAt()));
            ps.setString(4, e.code());
        });
    }

    private static FinancialEntity fromRow(ResultSet rs) throws SQLException {
        return FinancialEntity.restore(rs.getString("code"), rs.getString("name"),
                FinancialEntityType.valueOf(rs.getString("type")), rs.getObject("cutoff_time", LocalTime.class),
                rs.getBoolean("active"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
