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
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    CardChargePersistenceAdapter(Jdbc jdbc, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One statement for the chunk, its rows as a jsonb set; the rows stored are counted by what it returns. */
    @Override
    public int claimAll(List<CardCharge> charges, java.time.Instant sendLease) {
        if (charges.isEmpty()) {
            return 0;
        }
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (CardCharge c : charges) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", c.id().toString());
            row.put("mandate_id", c.mandateId().toString());
            row.put("debtor_id", c.debtorId().value());
            row.put("charge_date", c.chargeDate().toString());
            row.put("idempotency_key", c.idempotencyKey());
            row.put("voucher_reference", c.voucherReference());
            row.put("amount", c.amount() == null ? null : c.amount().amount().toPlainString());
            row.put("retry", c.retry());
            row.put("status", c.status().name());
            row.put("skip_reason", c.skipReason() == null ? null : c.skipReason().name());
            row.put("created_at", c.createdAt().toString());
            row.put("resolved_at", c.resolvedAt() == null ? null : c.resolvedAt().toString());
            row.put("ask_after", c.isPending() ? sendLease.toString() : null);
            rows.add(row);
        }
        return jdbc.query("INSERT INTO card_charge (id, mandate_id, debtor_id, charge_date, idempotency_key,"
                + " voucher_reference, amount, retry, status, skip_reason, created_at, resolved_at, ask_after)"
                + " SELECT id, mandate_id, debtor_id, charge_date, idempotency_key, voucher_reference, amount, retry,"
                + " status, skip_reason, created_at, resolved_at, ask_after FROM jsonb_to_recordset(?::jsonb) AS r"
                + " (id uuid, mandate_id uuid, debtor_id text, charge_date date, idempotency_key text,"
                + " voucher_reference text, amount numeric, retry boolean, status text, skip_reason text,"
                + " created_at timestamptz, resolved_at timestamptz, ask_after timestamptz)"
                + " ON CONFLICT (mandate_id, charge_date) DO NOTHING RETURNING id",
                ps -> ps.setString(1, json(rows)), rs -> rs.getObject(1, UUID.class)).size();
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public java.util.Set<UUID> withPending(java.util.Collection<UUID> mandateIds) {
        if (mandateIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.query("SELECT DISTINCT mandate_id FROM card_charge"
                + " WHERE mandate_id = ANY (?::uuid[]) AND status = 'PENDING_CONFIRMATION'",
                ps -> ps.setArray(1, Jdbc.textArray(ps, mandateIds.stream().map(UUID::toString).toList())),
                rs -> rs.getObject(1, UUID.class)));
    }

    @Override
    public List<CardCharge> lockAll(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM card_charge WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                ps -> ps.setArray(1, Jdbc.textArray(ps, ids.stream().map(UUID::toString).toList())),
                CardChargePersistenceAdapter::fromRow);
    }

    /** One statement for a chunk, its rows as a jsonb set. */
    @Override
    public void updateAll(List<CardCharge> charges) {
        if (charges.isEmpty()) {
            return;
        }
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (CardCharge c : charges) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", c.id().toString());
            row.put("status", c.status().name());
            row.put("processor_charge_id", c.processorChargeId());
            row.put("decline_code", c.declineCode());
            row.put("payment_id", c.paymentId() == null ? null : c.paymentId().toString());
            row.put("resolved_at", c.resolvedAt() == null ? null : c.resolvedAt().toString());
            rows.add(row);
        }
        jdbc.update("UPDATE card_charge c SET status = r.status, processor_charge_id = r.processor_charge_id,"
                + " decline_code = r.decline_code, payment_id = r.payment_id, resolved_at = r.resolved_at"
                + " FROM jsonb_to_recordset(?::jsonb) AS r (id uuid, status text, processor_charge_id text,"
                + " decline_code text, payment_id uuid, resolved_at timestamptz) WHERE c.id = r.id",
                ps -> ps.setString(1, json(rows)));
    }

    @Override
    public void markAllUnknown(java.util.Collection<UUID> chargeIds, java.time.Instant now) {
        if (chargeIds.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE card_charge SET unknown_since = coalesce(unknown_since, ?), ask_after = NULL"
                + " WHERE id = ANY (?::uuid[]) AND status = 'PENDING_CONFIRMATION'", ps -> {
                    ps.setObject(1, Sql.timestamp(now));
                    ps.setArray(2, Jdbc.textArray(ps, chargeIds.stream().map(UUID::toString).toList()));
                });
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
