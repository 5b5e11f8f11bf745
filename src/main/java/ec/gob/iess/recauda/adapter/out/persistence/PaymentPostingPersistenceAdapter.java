package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.PaymentPostings;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment's reads and writes as two statements (docs/performance.md, "Payments"). The first locks the voucher and
 * then, in id order, its obligations, and says whether the transaction id is taken. The second is one
 * data-modifying {@code WITH}: the payment, its allocations, the obligations (with their version check), the voucher
 * and the audit row. They are the same rows, locks, constraints and values as the one-by-one statements of the other
 * adapters; only the round trips are fewer.
 */
@ApplicationScoped
class PaymentPostingPersistenceAdapter implements PaymentPostings {

    private static final String LOCK = """
            WITH v AS (
                SELECT %s FROM voucher WHERE reference = ? FOR UPDATE),
            o AS (
                SELECT %s FROM obligation
                 WHERE id IN (SELECT (l.value ->> 'obligationId')::uuid FROM v, jsonb_array_elements(v.lines) l)
                   AND NOT EXISTS (SELECT 1 FROM v, jsonb_array_elements(v.lines) l
                                    WHERE l.value ->> 'type' = '%s')
                 ORDER BY id FOR UPDATE)
            SELECT EXISTS (SELECT 1 FROM payment p WHERE p.entity_code = ? AND p.bank_transaction_id = ?) AS earlier,
                   %s, o.*
              FROM (SELECT 1) AS one LEFT JOIN v ON true LEFT JOIN o ON true
             ORDER BY o.id""".formatted(
            VoucherPersistenceAdapter.columns("voucher", ""), ObligationRows.COLUMNS,
            ObligationType.AGREEMENT_INSTALLMENT.name(), VoucherPersistenceAdapter.columns("v", "v_"));

    // The rows come as jsonb sets, not arrays: PostgreSQL estimates a set function's rows the same whatever the
    // parameter (an array's length would make each plan custom, so planned again on every payment), and so settles
    // on one generic plan for the statement. bench/pgbench-payment.sql repeats both statements for the benchmark's
    // baseline: change it with them.
    private static final String RECORD = """
            WITH p AS (
                INSERT INTO payment (id, channel, entity_code, bank_transaction_id, voucher_reference, amount,
                                     paid_at, business_date, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id),
            a AS (
                INSERT INTO payment_allocation (payment_id, obligation_id, interest, principal, position)
                SELECT p.id, a.obligation_id, a.interest, a.principal, a.position
                  FROM p, jsonb_to_recordset(?::jsonb)
                          AS a (obligation_id uuid, interest numeric, principal numeric, position int)),
            o AS (
            %s),
            v AS (
                UPDATE voucher SET status = ?, updated_at = ?, version = version + 1 WHERE reference = ? RETURNING 1),
            l AS (
                INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_id, correlation_id, details,
                                       person_subject, person_name)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?))
            SELECT (SELECT count(*) FROM v) AS vouchers,
                   array_agg(o.id) AS updated FROM o""".formatted(ObligationRows.UPDATE_FROM_JSON);

    private final Jdbc jdbc;
    private final LumpSumRows lumpSums;
    private final VoucherPersistenceAdapter vouchers;
    private final AuditLogPersistenceAdapter audit;
    private final ObligationRows rows;
    private final ObjectMapper json;

    PaymentPostingPersistenceAdapter(Jdbc jdbc, LumpSumRows lumpSums, VoucherPersistenceAdapter vouchers,
                                     AuditLogPersistenceAdapter audit, ObligationRows rows, ObjectMapper json) {
        this.jdbc = jdbc;
        this.lumpSums = lumpSums;
        this.vouchers = vouchers;
        this.audit = audit;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public Locked lockForPayment(String entityCode, String bankTransactionId, VoucherReference reference) {
        return jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                ps.setString(1, reference.value());
                ps.setString(2, entityCode);
                ps.setString(3, bankTransactionId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean earlier = false;
                    Voucher voucher = null;
                    List<Obligation> obligations = new ArrayList<>();
                    while (rs.next()) {
                        earlier = rs.getBoolean("earlier");
                        if (voucher == null && rs.getString("v_reference") != null) {
                            voucher = vouchers.fromRow(rs, "v_", false);
                        }
                        if (rs.getObject("id") != null) {
                            obligations.add(rows.fromRow(rs));
                        }
                    }
                    // Not locked (installments, or no voucher): the caller locks them after the agreements.
                    boolean locked = voucher != null && !obligations.isEmpty();
                    return new Locked(earlier, Optional.ofNullable(voucher), locked ? obligations : null);
                }
            }
        });
    }

    @Override
    public void record(Payment p, List<Obligation> obligations, Voucher voucher, AuditLog.Entry entry) {
        try {
            jdbc.work(c -> {
                try (PreparedStatement ps = c.prepareStatement(RECORD)) {
                    int i = 0;
                    ps.setObject(++i, p.id());
                    ps.setString(++i, p.channel().name());
                    ps.setString(++i, p.entityCode());
                    ps.setString(++i, p.bankTransactionId());
                    ps.setString(++i, p.voucherReference());
                    ps.setBigDecimal(++i, p.amount().amount());
                    ps.setObject(++i, Sql.timestamp(p.paidAt()));
                    ps.setObject(++i, p.businessDate());
                    ps.setString(++i, p.status().name());
                    ps.setObject(++i, Sql.timestamp(p.createdAt()));
                    List<Map<String, Object>> allocations = new ArrayList<>();
                    for (Allocation a : p.allocations()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("obligation_id", a.obligationId().toString());
                        row.put("interest", a.interest().amount().toPlainString());
                        row.put("principal", a.principal().amount().toPlainString());
                        row.put("position", allocations.size());
                        allocations.add(row);
                    }
                    ps.setString(++i, json(allocations));
                    ps.setString(++i, rows.updateRows(obligations));
                    ps.setString(++i, voucher.storedStatus().name());
                    ps.setObject(++i, Sql.timestamp(voucher.updatedAt()));
                    ps.setString(++i, voucher.reference().value());
                    ps.setObject(++i, Sql.timestamp(entry.at()));
                    ps.setString(++i, entry.actor());
                    ps.setString(++i, entry.action());
                    ps.setString(++i, entry.entityType());
                    ps.setString(++i, entry.entityId());
                    ps.setString(++i, entry.correlationId());
                    ps.setString(++i, entry.details().isEmpty() ? null : audit.toJson(entry));
                    ps.setString(++i, entry.user() == null ? null : entry.user().subject());
                    ps.setString(++i, entry.user() == null ? null : entry.user().name());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt("vouchers") != 1) {
                            throw new IllegalStateException("voucher " + voucher.reference() + " was not updated");
                        }
                        Array updated = rs.getArray("updated");
                        List<UUID> ids = new ArrayList<>();
                        if (updated != null) {
                            for (Object id : (Object[]) updated.getArray()) {
                                ids.add(UUID.fromString(id.toString()));
                            }
                        }
                        ObligationRows.checkUpdated(obligations, ids);
                    }
                }
                return null;
            });
        } catch (Jdbc.ConstraintViolation e) {
            throw PaymentPersistenceAdapter.refused(e, p);
        }
    }

    @Override
    public void recordCardPayments(List<Payment> payments) {
        try {
            lumpSums.insertPayments(payments);
        } catch (Jdbc.ConstraintViolation e) {
            throw PaymentPersistenceAdapter.refused(e, payments.get(0));
        }
    }

    private String json(List<Map<String, Object>> rows) {
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
