package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.UnpaidObligation;
import ec.gob.iess.recauda.domain.publicsector.LineSettlement;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Obligations in PostgreSQL, in plain SQL through the one mapping {@link ObligationRows} (ADR 0011): inserts and
 * version-checked updates of any number of rows as one statement over a jsonb set, row locks in id order, narrow
 * reads for statements.
 */
@ApplicationScoped
class ObligationPersistenceAdapter implements Obligations {

    static final String UNIQUE_REFERENCE = "uq_obligation_external_reference";
    private static final String SELECT = "SELECT " + ObligationRows.COLUMNS + " FROM obligation";

    private final Jdbc jdbc;
    private final ObligationRows rows;

    ObligationPersistenceAdapter(Jdbc jdbc, ObligationRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public void add(Obligation obligation) {
        addAll(List.of(obligation));
    }

    @Override
    public void addAll(List<Obligation> obligations) {
        if (obligations.isEmpty()) {
            return;
        }
        try {
            jdbc.update(ObligationRows.INSERT_FROM_JSON, ps -> ps.setString(1, rows.insertRows(obligations)));
        } catch (Jdbc.ConstraintViolation e) {
            if (UNIQUE_REFERENCE.equals(e.constraint())) {
                throw new ConflictException("duplicate-external-reference",
                        "an obligation with this external reference of this source system already exists");
            }
            throw e;
        }
    }

    @Override
    public Set<ExternalReference> existingReferences(Collection<ExternalReference> references) {
        if (references.isEmpty()) {
            return Set.of();
        }
        List<String> systems = references.stream().map(ExternalReference::sourceSystem).toList();
        List<String> refs = references.stream().map(ExternalReference::reference).toList();
        return new HashSet<>(jdbc.query("""
                SELECT o.source_system, o.external_reference
                  FROM obligation o
                  JOIN unnest(?::text[], ?::text[]) AS r(source_system, external_reference)
                    ON o.source_system = r.source_system AND o.external_reference = r.external_reference""", ps -> {
                    ps.setArray(1, Jdbc.textArray(ps, systems));
                    ps.setArray(2, Jdbc.textArray(ps, refs));
                }, rs -> new ExternalReference(rs.getString(1), rs.getString(2))));
    }

    @Override
    public Optional<Obligation> find(ObligationId id) {
        return jdbc.one(SELECT + " WHERE id = ?", ps -> ps.setObject(1, id.value()), rows::fromRow);
    }

    @Override
    public Obligation update(Obligation obligation) {
        updateAll(List.of(obligation));
        return obligation.atVersion(obligation.version() + 1);
    }

    @Override
    public List<Obligation> lock(Collection<ObligationId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = ids.stream().map(ObligationId::toString).toList();
        return jdbc.query(SELECT + " WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                ps -> ps.setArray(1, Jdbc.textArray(ps, values)), rows::fromRow);
    }

    /**
     * Pre-filters with the rule of {@link Obligation#isOfferedOn} (PENDING with a balance, no unexpired hold, no
     * covering agreement, installments after the down payment due within a month); the service applies the rule
     * itself to what this returns.
     */
    @Override
    public List<Obligation> lockPayableOf(DebtorId debtor, LocalDate today) {
        return jdbc.query(SELECT
                        + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal"
                        + " AND (held_until IS NULL OR held_until < ?) AND reserved_by IS NULL"
                        + " AND (installment_number IS NULL"
                        + "      OR (installment_number > 0 AND due_date < CAST(? AS date) + interval '1 month'))"
                        + " ORDER BY id FOR UPDATE",
                ps -> {
                    ps.setString(1, debtor.value());
                    ps.setObject(2, today);
                    ps.setObject(3, today);
                }, rows::fromRow);
    }

    /** {@link #lockPayableOf}'s pre-filter for several debtors in one statement, in id order. */
    @Override
    public List<Obligation> lockPayableOfAll(Collection<DebtorId> debtors, LocalDate today) {
        if (debtors.isEmpty()) {
            return List.of();
        }
        List<String> ids = debtors.stream().map(DebtorId::value).distinct().toList();
        return jdbc.query(SELECT
                        + " WHERE debtor_id = ANY (?::text[]) AND status = 'PENDING' AND principal_paid < principal"
                        + " AND (held_until IS NULL OR held_until < ?) AND reserved_by IS NULL"
                        + " AND (installment_number IS NULL"
                        + "      OR (installment_number > 0 AND due_date < CAST(? AS date) + interval '1 month'))"
                        + " ORDER BY id FOR UPDATE",
                ps -> {
                    ps.setArray(1, Jdbc.textArray(ps, ids));
                    ps.setObject(2, today);
                    ps.setObject(3, today);
                }, rows::fromRow);
    }

    @Override
    public List<Obligation> lockUnheldPendingOf(String sourceSystem, LocalDate heldUntilBefore) {
        return jdbc.query(SELECT
                        + " WHERE source_system = ? AND status = 'PENDING' AND (held_until IS NULL OR held_until < ?)"
                        + " ORDER BY id FOR UPDATE SKIP LOCKED",
                ps -> {
                    ps.setString(1, sourceSystem);
                    ps.setObject(2, heldUntilBefore);
                }, rows::fromRow);
    }

    /** The pairs come as a jsonb set, like the other row sets, so that the statement keeps one generic plan. */
    @Override
    public List<Obligation> lockForBatchLines(Collection<ObligationId> ids, Collection<DebtorPeriod> periods) {
        if (ids.isEmpty() && periods.isEmpty()) {
            return List.of();
        }
        List<String> values = ids.stream().map(ObligationId::toString).toList();
        StringBuilder pairs = new StringBuilder("[");
        for (DebtorPeriod p : periods) {
            pairs.append(pairs.length() == 1 ? "" : ",").append("{\"d\":\"").append(p.debtor().value())
                    .append("\",\"p\":\"").append(p.period()).append("\"}");
        }
        String periodTypes = LineSettlement.PERIOD_TYPES.stream().map(t -> "'" + t.name() + "'").sorted()
                .collect(Collectors.joining(", "));
        // The ids of both kinds first, each found through an index (by id; by debtor, then the period), then the
        // rows locked in id order. (With "id = ANY (...) OR (debtor_id, period) IN (...)" PostgreSQL read the whole
        // table for every chunk: 0.5 s a chunk with 1.7 million obligations.)
        return jdbc.query(SELECT + " WHERE id IN (SELECT unnest(?::uuid[])"
                        + " UNION SELECT o.id FROM jsonb_to_recordset(?::jsonb) AS x (d text, p text)"
                        + " JOIN obligation o ON o.debtor_id = x.d AND o.period = x.p"
                        + " WHERE o.type IN (" + periodTypes + ") AND o.status = 'PENDING'"
                        + " AND o.principal_paid < o.principal AND o.reserved_by IS NULL AND o.agreement_id IS NULL)"
                        + " ORDER BY id FOR UPDATE",
                ps -> {
                    ps.setArray(1, Jdbc.textArray(ps, values));
                    ps.setString(2, pairs.append("]").toString());
                }, rows::fromRow);
    }

    @Override
    public Set<String> knownDebtors(Collection<DebtorId> debtors) {
        if (debtors.isEmpty()) {
            return Set.of();
        }
        List<String> values = debtors.stream().map(DebtorId::value).distinct().toList();
        return new HashSet<>(jdbc.query("SELECT d FROM unnest(?::text[]) AS d"
                        + " WHERE EXISTS (SELECT 1 FROM obligation WHERE debtor_id = d)",
                ps -> ps.setArray(1, Jdbc.textArray(ps, values)), rs -> rs.getString(1)));
    }

    /**
     * One statement ({@link ObligationRows#UPDATE_FROM_JSON}) for any number of obligations, each refused unless
     * its row still has the version that was read (checked in the same transaction).
     */
    @Override
    public void updateAll(List<Obligation> obligations) {
        if (obligations.isEmpty()) {
            return;
        }
        List<UUID> updated = jdbc.query(ObligationRows.UPDATE_FROM_JSON,
                ps -> ps.setString(1, rows.updateRows(obligations)), rs -> rs.getObject(1, UUID.class));
        ObligationRows.checkUpdated(obligations, updated);
    }

    @Override
    public Page<Obligation> byDebtor(DebtorId debtor, ObligationStatus status, ObligationType type,
                                     PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE debtor_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(debtor.value());
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        if (type != null) {
            where.append(" AND type = ?");
            params.add(type.name());
        }
        long offset = (long) page.page() * page.size();
        List<Obligation> items = jdbc.query(SELECT + where + " ORDER BY due_date DESC, id LIMIT ? OFFSET ?", ps -> {
            int i = 0;
            for (Object p : params) {
                ps.setObject(++i, p);
            }
            ps.setInt(++i, page.size());
            ps.setLong(++i, offset);
        }, rows::fromRow);
        long total = jdbc.one("SELECT count(*) FROM obligation" + where, ps -> {
            int i = 0;
            for (Object p : params) {
                ps.setObject(++i, p);
            }
        }, rs -> rs.getLong(1)).orElse(0L);
        return new Page<>(items, page.page(), page.size(), total);
    }

    /**
     * Plain SQL of the columns a statement needs: no whole obligations to build, and no re-validation of stored
     * values, for a debtor with hundreds of obligations (docs/performance.md).
     */
    @Override
    public List<UnpaidObligation> unpaidOf(DebtorId debtor) {
        return jdbc.query("""
                SELECT id, type, due_date, principal, principal_paid, interest_paid, principal_history, reserved_by,
                       agreement_id, installment_number
                  FROM obligation
                 WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal
                 ORDER BY due_date, id""", ps -> ps.setString(1, debtor.value()),
                rs -> new UnpaidObligation(new ObligationId(rs.getObject("id", UUID.class)),
                        ObligationType.valueOf(rs.getString("type")), rs.getObject("due_date", LocalDate.class),
                        new Money(rs.getBigDecimal("principal")), new Money(rs.getBigDecimal("principal_paid")),
                        new Money(rs.getBigDecimal("interest_paid")), rows.history(rs.getString("principal_history")),
                        ObligationRows.link(rs)));
    }

    @Override
    public List<Obligation> pendingOf(DebtorId debtor) {
        return jdbc.query(SELECT + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal"
                + " ORDER BY id", ps -> ps.setString(1, debtor.value()), rows::fromRow);
    }

    @Override
    public List<Obligation> lockPendingOf(DebtorId debtor) {
        return jdbc.query(SELECT + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal"
                + " ORDER BY id FOR UPDATE", ps -> ps.setString(1, debtor.value()), rows::fromRow);
    }

    @Override
    public List<Obligation> lockPendingOf(Collection<DebtorId> debtors) {
        List<String> values = debtors.stream().map(DebtorId::value).toList();
        return jdbc.query(SELECT + " WHERE debtor_id = ANY (?::text[]) AND status = 'PENDING'"
                + " AND principal_paid < principal ORDER BY id FOR UPDATE",
                ps -> ps.setArray(1, Jdbc.textArray(ps, values)), rows::fromRow);
    }

    @Override
    public List<Obligation> lockOfAgreements(Collection<Agreement> agreements) {
        return agreements.isEmpty() ? List.of() : ofAgreements(agreements, " FOR UPDATE");
    }

    @Override
    public List<Obligation> ofAgreement(Agreement agreement) {
        return ofAgreements(List.of(agreement), "");
    }

    /** One statement: the obligations the agreements cover (by id) and their installments (by link), in id order. */
    private List<Obligation> ofAgreements(Collection<Agreement> agreements, String lock) {
        List<String> ids = agreements.stream().map(a -> a.id().toString()).toList();
        List<String> covered = agreements.stream().flatMap(a -> a.covered().stream())
                .map(c -> c.obligationId().toString()).toList();
        return jdbc.query(SELECT + " WHERE id = ANY (?::uuid[]) OR reserved_by = ANY (?::uuid[])"
                        + " OR agreement_id = ANY (?::uuid[]) ORDER BY id" + lock,
                ps -> {
                    ps.setArray(1, Jdbc.textArray(ps, covered));
                    ps.setArray(2, Jdbc.textArray(ps, ids));
                    ps.setArray(3, Jdbc.textArray(ps, ids));
                }, rows::fromRow);
    }

    @Override
    public List<Obligation> overdueOf(DebtorId debtor, LocalDate asOf) {
        return jdbc.query(SELECT + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal"
                        + " AND due_date < ? ORDER BY due_date, id",
                ps -> {
                    ps.setString(1, debtor.value());
                    ps.setObject(2, asOf);
                }, rows::fromRow);
    }
}
