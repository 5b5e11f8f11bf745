package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.CardMandates;
import ec.gob.iess.recauda.domain.card.CardBrand;
import ec.gob.iess.recauda.domain.card.CardMandate;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Card mandates in PostgreSQL (plain SQL, ADR 0011). */
@ApplicationScoped
class CardMandatePersistenceAdapter implements CardMandates {

    private static final String COLUMNS = "id, debtor_id, processor_token, brand, last4, expiry_month, expiry_year,"
            + " holder_name, debit_day, status, status_reason, retry_on, retries_left, created_at, created_by,"
            + " updated_at, version";

    private final Jdbc jdbc;

    CardMandatePersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(CardMandate m) {
        try {
            jdbc.update("INSERT INTO card_mandate (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?)", ps -> {
                        int i = 0;
                        ps.setObject(++i, m.id());
                        ps.setString(++i, m.debtorId().value());
                        ps.setString(++i, m.processorToken());
                        ps.setString(++i, m.brand().name());
                        ps.setString(++i, m.last4());
                        ps.setInt(++i, m.expiry().getMonthValue());
                        ps.setInt(++i, m.expiry().getYear());
                        ps.setString(++i, m.holderName());
                        ps.setInt(++i, m.debitDay());
                        ps.setString(++i, m.status().name());
                        ps.setString(++i, m.statusReason());
                        ps.setObject(++i, m.retryOn());
                        ps.setInt(++i, m.retriesLeft());
                        ps.setObject(++i, Sql.timestamp(m.createdAt()));
                        ps.setString(++i, m.createdBy());
                        ps.setObject(++i, Sql.timestamp(m.updatedAt()));
                        ps.setLong(++i, m.version());
                    });
        } catch (Jdbc.ConstraintViolation e) {
            if ("uq_card_mandate_active".equals(e.constraint())) {
                throw CardMandate.alreadyActive(m.debtorId());
            }
            throw e;
        }
    }

    @Override
    public Optional<CardMandate> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM card_mandate WHERE id = ?", ps -> ps.setObject(1, id),
                CardMandatePersistenceAdapter::fromRow);
    }

    @Override
    public Optional<CardMandate> lock(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM card_mandate WHERE id = ? FOR UPDATE", ps -> ps.setObject(1, id),
                CardMandatePersistenceAdapter::fromRow);
    }

    @Override
    public List<CardMandate> ofDebtor(DebtorId debtor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM card_mandate WHERE debtor_id = ? ORDER BY created_at DESC, id",
                ps -> ps.setString(1, debtor.value()), CardMandatePersistenceAdapter::fromRow);
    }

    @Override
    public void update(CardMandate m) {
        updateAll(List.of(m));
    }

    /** The rule of {@link CardMandate#isDueOn}, as a pre-filter: ACTIVE, of the date's day or with a retry due. */
    @Override
    public List<UUID> dueWithoutCharge(LocalDate date, UUID afterId, int limit) {
        return jdbc.query("SELECT m.id FROM card_mandate m WHERE m.status = 'ACTIVE'"
                + " AND (m.debit_day = ? OR m.retry_on <= ?) AND (?::uuid IS NULL OR m.id > ?::uuid)"
                + " AND NOT EXISTS (SELECT 1 FROM card_charge c WHERE c.mandate_id = m.id AND c.charge_date = ?)"
                + " ORDER BY m.id LIMIT ?", ps -> {
                    ps.setInt(1, date.getDayOfMonth());
                    ps.setObject(2, date);
                    ps.setObject(3, afterId);
                    ps.setObject(4, afterId);
                    ps.setObject(5, date);
                    ps.setInt(6, limit);
                }, rs -> rs.getObject(1, UUID.class));
    }

    @Override
    public List<CardMandate> lockDueChunk(LocalDate date, UUID afterId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM card_mandate m WHERE m.status = 'ACTIVE'"
                + " AND (m.debit_day = ? OR m.retry_on <= ?) AND m.id > coalesce(?::uuid, '" + new UUID(0, 0) + "')"
                + " AND NOT EXISTS (SELECT 1 FROM card_charge c WHERE c.mandate_id = m.id AND c.charge_date = ?)"
                + " ORDER BY m.id LIMIT ? FOR UPDATE SKIP LOCKED", ps -> {
                    ps.setInt(1, date.getDayOfMonth());
                    ps.setObject(2, date);
                    ps.setObject(3, afterId);
                    ps.setObject(4, date);
                    ps.setInt(5, limit);
                }, CardMandatePersistenceAdapter::fromRow);
    }

    @Override
    public List<CardMandate> lockAll(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM card_mandate WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                ps -> ps.setArray(1, Jdbc.textArray(ps, ids.stream().map(UUID::toString).toList())),
                CardMandatePersistenceAdapter::fromRow);
    }

    @Override
    public void updateAll(List<CardMandate> mandates) {
        if (mandates.isEmpty()) {
            return;
        }
        int updated = jdbc.work(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE card_mandate SET status = ?,"
                    + " status_reason = ?, retry_on = ?, retries_left = ?, updated_at = ?, version = version + 1"
                    + " WHERE id = ? AND version = ?")) {
                for (CardMandate m : mandates) {
                    ps.setString(1, m.status().name());
                    ps.setString(2, m.statusReason());
                    ps.setObject(3, m.retryOn());
                    ps.setInt(4, m.retriesLeft());
                    ps.setObject(5, Sql.timestamp(m.updatedAt()));
                    ps.setObject(6, m.id());
                    ps.setLong(7, m.version());
                    ps.addBatch();
                }
                int n = 0;
                for (int r : ps.executeBatch()) {
                    n += r == java.sql.Statement.SUCCESS_NO_INFO ? 1 : r;
                }
                return n;
            }
        });
        if (updated != mandates.size()) {
            throw new ConflictException("stale-version", "a card mandate changed meanwhile");
        }
    }

    private static CardMandate fromRow(ResultSet rs) throws SQLException {
        return CardMandate.restore(rs.getObject("id", UUID.class), DebtorId.parsePayer(rs.getString("debtor_id")),
                rs.getString("processor_token"), CardBrand.valueOf(rs.getString("brand")), rs.getString("last4"),
                YearMonth.of(rs.getInt("expiry_year"), rs.getInt("expiry_month")), rs.getString("holder_name"),
                rs.getInt("debit_day"), CardMandate.Status.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getObject("retry_on", LocalDate.class), rs.getInt("retries_left"),
                Sql.instant(rs, "created_at"), rs.getString("created_by"), Sql.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
