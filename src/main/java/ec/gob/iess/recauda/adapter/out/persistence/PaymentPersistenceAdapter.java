package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.Payments;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Payments and their allocations in PostgreSQL. The unique indexes do the deciding: one payment per entity and
 * transaction id, one APPLIED payment per voucher. Each allocation keeps its position in the payment, so a payment
 * read back lists them as it was first answered.
 */
@ApplicationScoped
class PaymentPersistenceAdapter implements Payments {

    static final String UNIQUE_TRANSACTION = "uq_payment_bank_transaction";
    static final String UNIQUE_APPLIED_VOUCHER = "uq_payment_applied_voucher";
    private static final String COLUMNS = "p.id, p.entity_code, p.bank_transaction_id, p.voucher_reference, p.amount,"
            + " p.paid_at, p.business_date, p.status, p.created_at, p.reversed_at, p.reversal_reason";

    private final Jdbc jdbc;

    PaymentPersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The conflict a unique index's refusal of payment {@code p} means, or the violation itself. */
    static RuntimeException refused(Jdbc.ConstraintViolation e, Payment p) {
        String constraint = e.constraint();
        if (constraint.equals(UNIQUE_TRANSACTION)) {
            return new ConflictException("transaction-taken", "bankTransactionId " + p.bankTransactionId()
                    + " was just used by another request");
        }
        if (constraint.equals(UNIQUE_APPLIED_VOUCHER)) {
            return new ConflictException("already-paid", "voucher " + p.voucherReference() + " is already paid");
        }
        return e;
    }

    @Override
    public Optional<Payment> findByTransaction(String entityCode, String bankTransactionId) {
        return first(load("WHERE p.entity_code = ? AND p.bank_transaction_id = ?", "", ps -> {
            ps.setString(1, entityCode);
            ps.setString(2, bankTransactionId);
        }));
    }

    @Override
    public Optional<Payment> find(UUID id, String entityCode) {
        return first(load("WHERE p.id = ? AND p.entity_code = ?", "", ps -> {
            ps.setObject(1, id);
            ps.setString(2, entityCode);
        }));
    }

    @Override
    public Optional<Payment> lock(UUID id, String entityCode) {
        return first(load("WHERE p.id = ? AND p.entity_code = ?", " FOR UPDATE OF p", ps -> {
            ps.setObject(1, id);
            ps.setString(2, entityCode);
        }));
    }

    @Override
    public void update(Payment p) {
        jdbc.update("UPDATE payment SET status = ?, reversed_at = ?, reversal_reason = ? WHERE id = ?", ps -> {
            ps.setString(1, p.status().name());
            ps.setObject(2, Sql.timestamp(p.reversedAt()));
            ps.setString(3, p.reversalReason());
            ps.setObject(4, p.id());
        });
    }

    @Override
    public List<Payment> ofEntityAndDate(String entityCode, LocalDate businessDate) {
        return load("WHERE p.entity_code = ? AND p.business_date = ?", "", ps -> {
            ps.setString(1, entityCode);
            ps.setObject(2, businessDate);
        });
    }

    @Override
    public List<Payment> ofDebtor(DebtorId debtor) {
        return load("JOIN voucher v ON v.reference = p.voucher_reference WHERE v.debtor_id = ?", "",
                ps -> ps.setString(1, debtor.value()));
    }

    /**
     * Payments matching {@code where}, in posting order, each with its allocations in the order the payment reached
     * them (two queries in all).
     */
    private List<Payment> load(String where, String lock, Jdbc.Binder binder) {
        Map<UUID, List<Allocation>> allocations = new LinkedHashMap<>();
        List<ResultRow> rows = jdbc.query("SELECT " + COLUMNS + " FROM payment p " + where
                + " ORDER BY p.created_at, p.id" + lock, binder, PaymentPersistenceAdapter::row);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(r -> r.id().toString()).toList();
        jdbc.query("SELECT payment_id, obligation_id, interest, principal FROM payment_allocation"
                        + " WHERE payment_id = ANY (?::uuid[]) ORDER BY payment_id, position",
                ps -> ps.setArray(1, Jdbc.textArray(ps, ids)), rs -> {
                    allocations.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Allocation(new ObligationId(rs.getObject(2, UUID.class)),
                                    new Money(rs.getBigDecimal(3)), new Money(rs.getBigDecimal(4))));
                    return null;
                });
        return rows.stream().map(r -> Payment.restore(r.id(), r.entityCode(), r.bankTransactionId(),
                r.voucherReference(), r.amount(), r.paidAt(), r.businessDate(),
                allocations.getOrDefault(r.id(), List.of()), r.createdAt(), r.status(), r.reversedAt(),
                r.reversalReason())).toList();
    }

    private record ResultRow(UUID id, String entityCode, String bankTransactionId, String voucherReference,
                             Money amount, Instant paidAt, LocalDate businessDate, PaymentStatus status,
                             Instant createdAt, Instant reversedAt, String reversalReason) {
    }

    private static ResultRow row(ResultSet rs) throws SQLException {
        return new ResultRow(rs.getObject("id", UUID.class), rs.getString("entity_code"),
                rs.getString("bank_transaction_id"), rs.getString("voucher_reference"),
                new Money(rs.getBigDecimal("amount")), Sql.instant(rs, "paid_at"),
                rs.getObject("business_date", LocalDate.class), PaymentStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "reversed_at"), rs.getString("reversal_reason"));
    }

    private static Optional<Payment> first(List<Payment> payments) {
        return payments.stream().findFirst();
    }
}
