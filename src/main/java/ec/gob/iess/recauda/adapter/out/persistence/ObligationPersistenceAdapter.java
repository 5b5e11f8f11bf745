package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalReduction;
import ec.gob.iess.recauda.domain.obligation.UnpaidObligation;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import org.hibernate.StaleStateException;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Stores obligations in PostgreSQL through Hibernate, and batch-checks external references with plain SQL. */
@ApplicationScoped
class ObligationPersistenceAdapter implements Obligations {

    static final String UNIQUE_REFERENCE = "uq_obligation_external_reference";

    private final ObligationRepository repository;
    private final EntityManager em;

    private final Jdbc jdbc;
    private final ObjectMapper json;

    ObligationPersistenceAdapter(ObligationRepository repository, EntityManager em, Jdbc jdbc, ObjectMapper json) {
        this.repository = repository;
        this.em = em;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(Obligation obligation) {
        addAll(List.of(obligation));
    }

    @Override
    public void addAll(List<Obligation> obligations) {
        try {
            for (Obligation o : obligations) {
                em.persist(ObligationEntityMapper.toNewEntity(o));
            }
            em.flush();
        } catch (PersistenceException e) {
            throw translate(e);
        }
        if (obligations.size() > 1) {
            em.clear();
        }
    }

    @Override
    public Set<ExternalReference> existingReferences(Collection<ExternalReference> references) {
        if (references.isEmpty()) {
            return Set.of();
        }
        String[] systems = references.stream().map(ExternalReference::sourceSystem).toArray(String[]::new);
        String[] refs = references.stream().map(ExternalReference::reference).toArray(String[]::new);
        return jdbc.work(connection -> {
            Set<ExternalReference> taken = new HashSet<>();
            Array systemArray = connection.createArrayOf("text", systems);
            Array refArray = connection.createArrayOf("text", refs);
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT o.source_system, o.external_reference
                      FROM obligation o
                      JOIN unnest(?::text[], ?::text[]) AS r(source_system, external_reference)
                        ON o.source_system = r.source_system AND o.external_reference = r.external_reference""")) {
                ps.setArray(1, systemArray);
                ps.setArray(2, refArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.add(new ExternalReference(rs.getString(1), rs.getString(2)));
                    }
                }
            } finally {
                systemArray.free();
                refArray.free();
            }
            return taken;
        });
    }

    @Override
    public Optional<Obligation> find(ObligationId id) {
        return repository.findByIdOptional(id.value()).map(ObligationEntityMapper::toDomain);
    }

    @Override
    public Obligation update(Obligation obligation) {
        ObligationEntity entity = repository.findById(obligation.id().value());
        if (entity == null || entity.version != obligation.version()) {
            throw stale(obligation.id());
        }
        ObligationEntityMapper.copyMutableState(obligation, entity);
        try {
            em.flush();
        } catch (OptimisticLockException | StaleStateException e) {
            throw stale(obligation.id());
        } catch (PersistenceException e) {
            throw translate(e);
        }
        return ObligationEntityMapper.toDomain(entity);
    }

    @Override
    public List<Obligation> lock(Collection<ObligationId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = ids.stream().map(ObligationId::toString).toList();
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                ps -> ps.setArray(1, Jdbc.textArray(ps, values)), ObligationEntityMapper::fromRow);
    }

    @Override
    public List<Obligation> lockPayableOf(DebtorId debtor, LocalDate today) {
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal"
                        + " AND (held_until IS NULL OR held_until < ?) AND reserved_by IS NULL"
                        // An agreement's down payment has its own voucher; later installments wait for their month.
                        + " AND (installment_number IS NULL"
                        + "      OR (installment_number > 0 AND due_date < CAST(? AS date) + interval '1 month'))"
                        + " ORDER BY id FOR UPDATE",
                ps -> {
                    ps.setString(1, debtor.value());
                    ps.setObject(2, today);
                    ps.setObject(3, today);
                }, ObligationEntityMapper::fromRow);
    }

    @Override
    public List<Obligation> lockUnheldPendingOf(String sourceSystem, LocalDate today) {
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE source_system = ? AND status = 'PENDING' AND (held_until IS NULL OR held_until < ?)"
                        + " ORDER BY id FOR UPDATE SKIP LOCKED",
                ps -> {
                    ps.setString(1, sourceSystem);
                    ps.setObject(2, today);
                }, ObligationEntityMapper::fromRow);
    }

    /**
     * The UPDATE of every mutable column of the obligations in one jsonb set (bound by {@link #updateRows}), each row
     * refused unless it still has the version that was read; the version then moves on by one. It returns the ids
     * it updated ({@link #checkUpdated}). One statement for any number of obligations; it is also a part of the
     * payment's statement (PaymentPostingPersistenceAdapter). A jsonb set rather than arrays: PostgreSQL estimates a
     * set function's rows the same whatever the parameter, so the statement keeps one generic plan.
     */
    static final String UPDATE_FROM_JSON = """
            UPDATE obligation o
               SET stage = u.stage, status = u.status, principal_paid = u.principal_paid,
                   interest_paid = u.interest_paid, cancellation_reason = u.cancellation_reason,
                   held_by = u.held_by, held_until = u.held_until, updated_at = u.updated_at,
                   reserved_by = u.reserved_by, reduction_amount = u.reduction_amount, reduced_on = u.reduced_on,
                   agreement_id = u.agreement_id, installment_number = u.installment_number,
                   version = o.version + 1
              FROM jsonb_to_recordset(?::jsonb)
                      AS u (id uuid, version bigint, stage text, status text, principal_paid numeric,
                            interest_paid numeric, cancellation_reason text, held_by text, held_until date,
                            updated_at timestamptz, reserved_by uuid, reduction_amount numeric, reduced_on date,
                            agreement_id uuid, installment_number smallint)
             WHERE o.id = u.id AND o.version = u.version
             RETURNING o.id""";

    /** The rows of {@link #UPDATE_FROM_JSON} for these obligations, as jsonb text. */
    static String updateRows(ObjectMapper json, List<Obligation> obligations) {
        List<Map<String, Object>> rows = new ArrayList<>(obligations.size());
        for (Obligation o : obligations) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", o.id().toString());
            row.put("version", o.version());
            row.put("stage", o.stage().name());
            row.put("status", o.status().name());
            row.put("principal_paid", o.principalPaid().amount().toPlainString());
            row.put("interest_paid", o.interestPaid().amount().toPlainString());
            row.put("cancellation_reason", o.cancellationReason());
            row.put("held_by", o.heldBy());
            row.put("held_until", o.heldUntil() == null ? null : o.heldUntil().toString());
            row.put("updated_at", o.updatedAt().toString());
            row.put("reserved_by", o.reservedBy() == null ? null : o.reservedBy().toString());
            row.put("reduction_amount",
                    o.reduction() == null ? null : o.reduction().amount().amount().toPlainString());
            row.put("reduced_on", o.reduction() == null ? null : o.reduction().on().toString());
            row.put("agreement_id", o.installment() == null ? null : o.installment().agreementId().toString());
            row.put("installment_number", o.installment() == null ? null : o.installment().number());
            rows.add(row);
        }
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses, as stale, an update in which {@link #UPDATE_FROM_JSON} did not find every obligation at its version. */
    static void checkUpdated(List<Obligation> obligations, Collection<UUID> updated) {
        if (updated.size() == obligations.size()) {
            return;
        }
        Set<UUID> found = new HashSet<>(updated);
        throw stale(obligations.stream().filter(o -> !found.contains(o.id().value())).findFirst()
                .orElse(obligations.get(0)).id());
    }

    /**
     * One UPDATE for all of them ({@link #UPDATE_FROM_JSON}), each refused unless the row still has the version that
     * was read. Call it once per obligation and transaction.
     */
    @Override
    public void updateAll(List<Obligation> obligations) {
        if (obligations.isEmpty()) {
            return;
        }
        List<UUID> updated = jdbc.query(UPDATE_FROM_JSON, ps -> ps.setString(1, updateRows(json, obligations)),
                rs -> rs.getObject(1, UUID.class));
        checkUpdated(obligations, updated);
    }

    @Override
    public Page<Obligation> byDebtor(DebtorId debtor, ObligationStatus status, ObligationType type,
                                     PageRequest page) {
        StringBuilder query = new StringBuilder("debtorId = :debtor");
        Parameters params = Parameters.with("debtor", debtor.value());
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        PanacheQuery<ObligationEntity> q = repository.find(query.toString(),
                Sort.descending("dueDate").and("id"), params);
        List<Obligation> items = q.page(page.page(), page.size()).list().stream()
                .map(ObligationEntityMapper::toDomain).toList();
        return new Page<>(items, page.page(), page.size(), q.count());
    }

    /**
     * Plain SQL of the five columns a statement needs: no managed entities to build, snapshot and dirty-check, and
     * no re-validation of stored values, for a debtor with hundreds of obligations (docs/performance.md).
     */
    @Override
    public List<UnpaidObligation> unpaidOf(DebtorId debtor) {
        return jdbc.work(connection -> {
            List<UnpaidObligation> unpaid = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("""
                    SELECT id, type, due_date, principal - principal_paid, interest_paid, reduction_amount, reduced_on
                      FROM obligation
                     WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal
                     ORDER BY due_date, id""")) {
                ps.setString(1, debtor.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal reduction = rs.getBigDecimal(6);
                        unpaid.add(new UnpaidObligation(new ObligationId(rs.getObject(1, UUID.class)),
                                ObligationType.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
                                new Money(rs.getBigDecimal(4)), new Money(rs.getBigDecimal(5)),
                                reduction == null ? null : new PrincipalReduction(new Money(reduction),
                                        rs.getObject(7, LocalDate.class))));
                    }
                }
            }
            return unpaid;
        });
    }

    @Override
    public List<Obligation> pendingOf(DebtorId debtor) {
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal ORDER BY id",
                ps -> ps.setString(1, debtor.value()), ObligationEntityMapper::fromRow);
    }

    @Override
    public List<Obligation> lockPendingOf(DebtorId debtor) {
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal"
                        + " ORDER BY id FOR UPDATE",
                ps -> ps.setString(1, debtor.value()), ObligationEntityMapper::fromRow);
    }

    @Override
    public List<Obligation> lockOfAgreements(Collection<UUID> agreementIds) {
        if (agreementIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = agreementIds.stream().map(UUID::toString).toList();
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE reserved_by = ANY (?::uuid[]) OR agreement_id = ANY (?::uuid[]) ORDER BY id FOR UPDATE",
                ps -> {
                    ps.setArray(1, Jdbc.textArray(ps, ids));
                    ps.setArray(2, Jdbc.textArray(ps, ids));
                }, ObligationEntityMapper::fromRow);
    }

    @Override
    public List<Obligation> ofAgreement(UUID agreementId) {
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE reserved_by = ? OR agreement_id = ? ORDER BY id",
                ps -> {
                    ps.setObject(1, agreementId);
                    ps.setObject(2, agreementId);
                }, ObligationEntityMapper::fromRow);
    }

    @Override
    public List<Obligation> overdueOf(DebtorId debtor, LocalDate asOf) {
        return jdbc.query("SELECT " + ObligationEntityMapper.COLUMNS + " FROM obligation"
                        + " WHERE debtor_id = ? AND status = 'PENDING' AND principal_paid < principal AND due_date < ?"
                        + " ORDER BY due_date, id",
                ps -> {
                    ps.setString(1, debtor.value());
                    ps.setObject(2, asOf);
                }, ObligationEntityMapper::fromRow);
    }

    private static RuntimeException translate(PersistenceException e) {
        return Constraints.violatedConstraint(e)
                .filter(UNIQUE_REFERENCE::equals)
                .<RuntimeException>map(c -> new ConflictException("duplicate-external-reference",
                        "an obligation with this external reference of this source system already exists"))
                .orElse(e);
    }

    private static PreconditionFailedException stale(ObligationId id) {
        return new PreconditionFailedException(PreconditionFailedException.STALE_VERSION,
                "obligation " + id + " was changed by someone else meanwhile: read it again");
    }
}
