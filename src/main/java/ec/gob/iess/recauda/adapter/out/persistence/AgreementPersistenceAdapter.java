package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.DebtorKind;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Agreements in PostgreSQL with plain SQL. The covered obligations (as on the signing day) and the amortization
 * table are jsonb documents of the row; the unique index {@code uq_agreement_open_per_debtor} keeps one open
 * agreement per debtor.
 */
@ApplicationScoped
class AgreementPersistenceAdapter implements Agreements {

    static final String UNIQUE_OPEN = "uq_agreement_open_per_debtor";
    private static final String COLUMNS = "id, debtor_id, debtor_name, debtor_kind, status, signed_on, term_months,"
            + " annual_rate, down_payment, financed_amount, requires_approval, covered, schedule,"
            + " down_payment_voucher, down_payment_expires_on, activated_on, decision_approved, decision_note,"
            + " decided_by, decided_at, closed_on, close_reason, created_by, created_at, updated_at, version";
    private static final String OPEN = "('PENDING_APPROVAL', 'AWAITING_DOWN_PAYMENT', 'ACTIVE')";

    /** How a covered obligation is stored. */
    record CoveredJson(UUID obligationId, String type, LocalDate dueDate, BigDecimal principal, BigDecimal interest) {
    }

    /** How an installment of the table is stored. */
    record InstallmentJson(int number, LocalDate dueDate, BigDecimal installment, BigDecimal interest,
                           BigDecimal principal, BigDecimal balance, BigDecimal interestBase) {
    }

    private static final TypeReference<List<CoveredJson>> COVERED = new TypeReference<>() {
    };
    private static final TypeReference<List<InstallmentJson>> SCHEDULE = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper json;

    AgreementPersistenceAdapter(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(Agreement a) {
        try {
            jdbc.update("INSERT INTO agreement (id, debtor_id, debtor_name, debtor_kind, status, signed_on,"
                    + " term_months, annual_rate, debt, down_payment, financed_amount, requires_approval, covered,"
                    + " schedule, created_by, created_at, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)", ps -> {
                        ps.setObject(1, a.id());
                        ps.setString(2, a.debtorId().value());
                        ps.setString(3, a.debtorName());
                        ps.setString(4, a.debtorKind().name());
                        ps.setString(5, a.status().name());
                        ps.setObject(6, a.signedOn());
                        ps.setInt(7, a.termMonths());
                        ps.setBigDecimal(8, a.annualRate());
                        ps.setBigDecimal(9, a.debt().amount());
                        ps.setBigDecimal(10, a.downPayment().amount());
                        ps.setBigDecimal(11, a.financedAmount().amount());
                        ps.setBoolean(12, a.requiresApproval());
                        ps.setString(13, coveredJson(a));
                        ps.setString(14, scheduleJson(a));
                        ps.setString(15, a.createdBy());
                        ps.setObject(16, Sql.timestamp(a.createdAt()));
                        ps.setObject(17, Sql.timestamp(a.updatedAt()));
                        ps.setLong(18, a.version());
                    });
        } catch (Jdbc.ConstraintViolation e) {
            if (UNIQUE_OPEN.equals(e.constraint())) {
                throw new ConflictException("agreement-exists", "debtor " + a.debtorId().value()
                        + " already has an open agreement; one open agreement per debtor");
            }
            throw e;
        }
    }

    @Override
    public Optional<Agreement> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM agreement WHERE id = ?", ps -> ps.setObject(1, id), this::row);
    }

    @Override
    public Optional<Agreement> lock(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM agreement WHERE id = ? FOR UPDATE", ps -> ps.setObject(1, id),
                this::row);
    }

    @Override
    public List<Agreement> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = ids.stream().map(UUID::toString).toList();
        return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                ps -> ps.setArray(1, Jdbc.textArray(ps, values)), this::row);
    }

    @Override
    public void updateAll(List<Agreement> agreements) {
        if (agreements.isEmpty()) {
            return;
        }
        int[] counts = jdbc.work(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE agreement SET status = ?, schedule = ?::jsonb, down_payment_voucher = ?,
                           down_payment_expires_on = ?, activated_on = ?, decision_approved = ?, decision_note = ?,
                           decided_by = ?, decided_at = ?, closed_on = ?, close_reason = ?, updated_at = ?,
                           version = version + 1
                     WHERE id = ? AND version = ?""")) {
                for (Agreement a : agreements) {
                    Agreement.Decision d = a.decision();
                    Agreement.DownPaymentVoucher v = a.downPaymentVoucher();
                    ps.setString(1, a.status().name());
                    ps.setString(2, scheduleJson(a));
                    ps.setString(3, v == null ? null : v.reference());
                    ps.setObject(4, v == null ? null : v.expiresOn());
                    ps.setObject(5, a.activatedOn());
                    if (d == null) {
                        ps.setNull(6, Types.BOOLEAN);
                    } else {
                        ps.setBoolean(6, d.approved());
                    }
                    ps.setString(7, d == null ? null : d.note());
                    ps.setString(8, d == null ? null : d.decidedBy());
                    ps.setObject(9, d == null ? null : Sql.timestamp(d.decidedAt()));
                    ps.setObject(10, a.closedOn());
                    ps.setString(11, a.closeReason());
                    ps.setObject(12, Sql.timestamp(a.updatedAt()));
                    ps.setObject(13, a.id());
                    ps.setLong(14, a.version());
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) {
                throw new PreconditionFailedException(PreconditionFailedException.STALE_VERSION, "agreement "
                        + agreements.get(i).id() + " was changed by someone else meanwhile: read it again");
            }
        }
    }

    @Override
    public List<Agreement> ofDebtor(DebtorId debtor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE debtor_id = ? ORDER BY created_at DESC, id",
                ps -> ps.setString(1, debtor.value()), this::row);
    }

    @Override
    public Optional<Agreement> openOf(DebtorId debtor) {
        return jdbc.one("SELECT " + COLUMNS + " FROM agreement WHERE debtor_id = ? AND status IN " + OPEN,
                ps -> ps.setString(1, debtor.value()), this::row);
    }

    @Override
    public List<UUID> defaultCandidates(LocalDate date, int missed) {
        // Only ACTIVE agreements have unpaid installments past number 0: a closed one has them paid or cancelled,
        // a deactivated one cancelled and detached. The partial index holds installments only.
        return jdbc.query("""
                SELECT agreement_id FROM obligation
                 WHERE installment_number > 0 AND due_date < ? AND status = 'PENDING'
                 GROUP BY agreement_id HAVING count(*) >= ?
                 ORDER BY agreement_id""", ps -> {
                    ps.setObject(1, date);
                    ps.setInt(2, missed);
                }, rs -> rs.getObject(1, UUID.class));
    }

    @Override
    public List<UUID> lapseCandidates(LocalDate day, UUID after, int limit) {
        return jdbc.query("""
                SELECT id FROM agreement
                 WHERE status = 'AWAITING_DOWN_PAYMENT' AND down_payment_expires_on < ?
                   AND (CAST(? AS uuid) IS NULL OR id > CAST(? AS uuid))
                 ORDER BY id LIMIT ?""", ps -> {
                    ps.setObject(1, day);
                    ps.setObject(2, after);
                    ps.setObject(3, after);
                    ps.setInt(4, limit);
                }, rs -> rs.getObject(1, UUID.class));
    }

    @Override
    public List<UUID> ofInstallments(Collection<ObligationId> obligationIds) {
        if (obligationIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = obligationIds.stream().map(ObligationId::toString).toList();
        return jdbc.query("SELECT DISTINCT agreement_id FROM obligation WHERE id = ANY (?::uuid[])"
                        + " AND agreement_id IS NOT NULL ORDER BY agreement_id",
                ps -> ps.setArray(1, Jdbc.textArray(ps, ids)), rs -> rs.getObject(1, UUID.class));
    }

    private Agreement row(ResultSet rs) throws SQLException {
        String voucher = rs.getString("down_payment_voucher");
        Money downPayment = new Money(rs.getBigDecimal("down_payment"));
        Object approved = rs.getObject("decision_approved");
        Agreement.Decision decision = approved == null ? null : new Agreement.Decision((Boolean) approved,
                rs.getString("decision_note"), rs.getString("decided_by"), Sql.instant(rs, "decided_at"));
        return Agreement.restore(rs.getObject("id", UUID.class), DebtorId.parse(rs.getString("debtor_id")),
                rs.getString("debtor_name"), DebtorKind.valueOf(rs.getString("debtor_kind")),
                AgreementStatus.valueOf(rs.getString("status")), rs.getObject("signed_on", LocalDate.class),
                rs.getInt("term_months"), rs.getBigDecimal("annual_rate").stripTrailingZeros(),
                read(rs.getString("covered"), COVERED).stream().map(c -> new CoveredObligation(
                        new ObligationId(c.obligationId()), ObligationType.valueOf(c.type()), c.dueDate(),
                        new Money(c.principal()), new Money(c.interest()))).toList(),
                downPayment, new Money(rs.getBigDecimal("financed_amount")),
                read(rs.getString("schedule"), SCHEDULE).stream().map(i -> new ScheduledInstallment(i.number(),
                        i.dueDate(), new Money(i.installment()), new Money(i.interest()), new Money(i.principal()),
                        new Money(i.balance()), new Money(i.interestBase()))).toList(),
                rs.getBoolean("requires_approval"),
                voucher == null ? null : new Agreement.DownPaymentVoucher(voucher, downPayment,
                        rs.getObject("down_payment_expires_on", LocalDate.class)),
                rs.getObject("activated_on", LocalDate.class), decision, rs.getObject("closed_on", LocalDate.class),
                rs.getString("close_reason"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getLong("version"));
    }

    private String coveredJson(Agreement a) {
        return write(a.covered().stream().map(c -> new CoveredJson(c.obligationId().value(), c.type().name(),
                c.dueDate(), c.principal().amount(), c.interest().amount())).toList());
    }

    private String scheduleJson(Agreement a) {
        return write(a.schedule().stream().map(i -> new InstallmentJson(i.number(), i.dueDate(),
                i.installment().amount(), i.interest().amount(), i.principal().amount(), i.balance().amount(),
                i.interestBase().amount()))
                .toList());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable agreement document", e);
        }
    }
}
