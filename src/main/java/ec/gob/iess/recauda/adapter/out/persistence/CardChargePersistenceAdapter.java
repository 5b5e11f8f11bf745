package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.CardCharges;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Card charges in PostgreSQL (plain SQL, ADR 0011); the claim is the unique (mandate_id, charge_date). */
@ApplicationScoped
class CardChargePersistenceAdapter implements CardCharges {

    private static final String COLUMNS = "id, mandate_id, debtor_id, charge_date, idempotency_key, voucher_reference,"
            + " amount, retry, status, skip_reason, processor_charge_id, decline_code, payment_id, created_at,"
            + " resolved_at";

    private final Jdbc jdbc;

    CardChargePersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(CardCharge c) {
        return jdbc.update("INSERT INTO card_charge (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?) ON CONFLICT (mandate_id, charge_date) DO NOTHING", ps -> {
                    int i = 0;
                    ps.setObject(++i, c.id());
                    ps.setObject(++i, c.mandateId());
                    ps.setString(++i, c.debtorId().value());
                    ps.setObject(++i, c.chargeDate());
                    ps.setString(++i, c.idempotencyKey());
                    ps.setString(++i, c.voucherReference());
                    ps.setBigDecimal(++i, c.amount() == null ? null : c.amount().amount());
                    ps.setBoolean(++i, c.retry());
                    ps.setString(++i, c.status().name());
                    ps.setString(++i, c.skipReason() == null ? null : c.skipReason().name());
                    ps.setString(++i, c.processorChargeId());
                    ps.setString(++i, c.declineCode());
                    ps.setObject(++i, c.paymentId());
                    ps.setObject(++i, Sql.timestamp(c.createdAt()));
                    ps.setObject(++i, c.resolvedAt() == null ? null : Sql.timestamp(c.resolvedAt()));
                }) == 1;
    }

    @Override
    public Optional<CardCharge> lock(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM card_charge WHERE id = ? FOR UPDATE", ps -> ps.setObject(1, id),
                CardChargePersistenceAdapter::fromRow);
    }

    @Override
    public void update(CardCharge c) {
        jdbc.update("UPDATE card_charge SET status = ?, processor_charge_id = ?, decline_code = ?, payment_id = ?,"
                + " resolved_at = ? WHERE id = ?", ps -> {
                    ps.setString(1, c.status().name());
                    ps.setString(2, c.processorChargeId());
                    ps.setString(3, c.declineCode());
                    ps.setObject(4, c.paymentId());
                    ps.setObject(5, c.resolvedAt() == null ? null : Sql.timestamp(c.resolvedAt()));
                    ps.setObject(6, c.id());
                });
    }

    @Override
    public void markUnknown(UUID chargeId, java.time.Instant now) {
        jdbc.update("UPDATE card_charge SET unknown_since = coalesce(unknown_since, ?) WHERE id = ?"
                + " AND status = 'PENDING_CONFIRMATION'", ps -> {
                    ps.setObject(1, Sql.timestamp(now));
                    ps.setObject(2, chargeId);
                });
    }

    @Override
    public boolean inFlight(LocalDate date) {
        return jdbc.one("SELECT EXISTS (SELECT 1 FROM card_charge WHERE charge_date = ?"
                + " AND status = 'PENDING_CONFIRMATION' AND unknown_since IS NULL)", ps -> ps.setObject(1, date),
                rs -> rs.getBoolean(1)).orElse(false);
    }

    @Override
    public boolean hasPending(UUID mandateId) {
        return jdbc.one("SELECT EXISTS (SELECT 1 FROM card_charge WHERE mandate_id = ?"
                + " AND status = 'PENDING_CONFIRMATION')", ps -> ps.setObject(1, mandateId), rs -> rs.getBoolean(1))
                .orElse(false);
    }

    @Override
    public List<CardCharge> claimToAsk(LocalDate through, java.time.Instant now, java.time.Instant inFlightBefore,
                                       java.time.Instant leaseUntil, int limit) {
        return jdbc.query("WITH due AS (SELECT id FROM card_charge WHERE status = 'PENDING_CONFIRMATION'"
                + " AND charge_date <= ? AND (unknown_since IS NOT NULL OR created_at < ?)"
                + " AND (ask_after IS NULL OR ask_after <= ?)"
                + " ORDER BY charge_date, created_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE card_charge c SET ask_after = ? FROM due WHERE c.id = due.id RETURNING c.*", ps -> {
                    ps.setObject(1, through);
                    ps.setObject(2, Sql.timestamp(inFlightBefore));
                    ps.setObject(3, Sql.timestamp(now));
                    ps.setInt(4, limit);
                    ps.setObject(5, Sql.timestamp(leaseUntil));
                }, CardChargePersistenceAdapter::fromRow);
    }

    @Override
    public Page<CardCharge> ofDebtor(DebtorId debtor, PageRequest page) {
        String where = " FROM card_charge WHERE debtor_id = ? AND status <> 'SKIPPED'";
        List<CardCharge> items = jdbc.query("SELECT " + COLUMNS + where
                + " ORDER BY charge_date DESC, created_at DESC, id LIMIT ? OFFSET ?", ps -> {
                    ps.setString(1, debtor.value());
                    ps.setInt(2, page.size());
                    ps.setLong(3, page.offset());
                }, CardChargePersistenceAdapter::fromRow);
        long total = jdbc.one("SELECT count(*)" + where, ps -> ps.setString(1, debtor.value()), rs -> rs.getLong(1))
                .orElse(0L);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public DayCounts countsOf(LocalDate date) {
        return jdbc.one("SELECT count(*), count(*) FILTER (WHERE status = 'APPROVED'),"
                + " count(*) FILTER (WHERE status = 'SOFT_DECLINED'), count(*) FILTER (WHERE status = 'HARD_DECLINED'),"
                + " count(*) FILTER (WHERE status = 'PENDING_CONFIRMATION'),"
                + " count(*) FILTER (WHERE status = 'NOT_CHARGED'), count(*) FILTER (WHERE status = 'SKIPPED'),"
                + " coalesce(sum(amount) FILTER (WHERE status = 'APPROVED'), 0)"
                + " FROM card_charge WHERE charge_date = ?", ps -> ps.setObject(1, date),
                rs -> new DayCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), new Money(rs.getBigDecimal(8)))).orElseThrow();
    }

    private static CardCharge fromRow(ResultSet rs) throws SQLException {
        BigDecimal amount = rs.getBigDecimal("amount");
        String skip = rs.getString("skip_reason");
        return CardCharge.restore(rs.getObject("id", UUID.class), rs.getObject("mandate_id", UUID.class),
                DebtorId.parsePayer(rs.getString("debtor_id")), rs.getObject("charge_date", LocalDate.class),
                rs.getString("idempotency_key"), rs.getString("voucher_reference"),
                amount == null ? null : new Money(amount), rs.getBoolean("retry"),
                CardCharge.Status.valueOf(rs.getString("status")),
                skip == null ? null : CardCharge.SkipReason.valueOf(skip), rs.getString("processor_charge_id"),
                rs.getString("decline_code"), rs.getObject("payment_id", UUID.class), Sql.instant(rs, "created_at"),
                rs.getObject("resolved_at") == null ? null : Sql.instant(rs, "resolved_at"));
    }
}
