package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.Concepts;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The concept catalogue in PostgreSQL. */
@ApplicationScoped
class ConceptPersistenceAdapter implements Concepts {

    private final Jdbc jdbc;

    ConceptPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Concept concept, String createdBy, Instant now) {
        int inserted = jdbc.update("INSERT INTO concept (code, name, fixed_amount, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING", ps -> {
                    ps.setString(1, concept.code());
                    ps.setString(2, concept.name());
                    ps.setBigDecimal(3, concept.fixedAmount() == null ? null : concept.fixedAmount().amount());
                    ps.setObject(4, Sql.timestamp(now));
                    ps.setString(5, createdBy);
                });
        if (inserted == 0) {
            throw new ConflictException("concept-exists", "a concept with code " + concept.code() + " exists");
        }
    }

    @Override
    public Optional<Concept> find(String code) {
        return jdbc.one("SELECT code, name, fixed_amount FROM concept WHERE code = ?", ps -> ps.setString(1, code),
                ConceptPersistenceAdapter::fromRow);
    }

    @Override
    public List<Concept> all() {
        return jdbc.query("SELECT code, name, fixed_amount FROM concept ORDER BY code", ps -> {
        }, ConceptPersistenceAdapter::fromRow);
    }

    private static Concept fromRow(ResultSet rs) throws SQLException {
        BigDecimal fixed = rs.getBigDecimal("fixed_amount");
        return new Concept(rs.getString("code"), rs.getString("name"), fixed == null ? null : new Money(fixed));
    }
}
