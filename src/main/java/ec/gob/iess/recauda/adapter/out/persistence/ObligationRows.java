package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.domain.obligation.AgreementLink;
import ec.gob.iess.recauda.domain.obligation.ArrearsExemption;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalHistory;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one mapping between the {@link Obligation} aggregate and table {@code obligation}, used by every adapter that
 * reads or writes obligations (ADR 0011): the columns a SELECT reads, the row a SELECT returns, and the jsonb row
 * sets of the INSERT and of the version-checked UPDATE. The principal history is the row's {@code principal_history}
 * jsonb document; the agreement link its {@code reserved_by} (covered) or {@code agreement_id} and
 * {@code installment_number} (an installment).
 */
@ApplicationScoped
class ObligationRows {

    /** The columns {@link #fromRow} reads, in a SELECT over table {@code obligation}. */
    static final String COLUMNS = "id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
            + " interest_paid, due_date, period, description, source_system, external_reference,"
            + " cancellation_reason, version, created_at, updated_at, held_by, held_until, reserved_by, agreement_id,"
            + " installment_number, principal_history";

    /** The columns of a new obligation, as {@link #insertRows} names them. */
    private static final String INSERTED = "id uuid, debtor_id text, debtor_name text, type text, stage text,"
            + " status text, principal numeric, principal_paid numeric, interest_paid numeric, due_date date,"
            + " period text, description text, source_system text, external_reference text,"
            + " cancellation_reason text, version bigint, created_at timestamptz, updated_at timestamptz,"
            + " held_by text, held_until date, reserved_by uuid, agreement_id uuid, installment_number smallint,"
            + " principal_history jsonb";

    /** One statement inserting any number of new obligations from a jsonb set ({@link #insertRows}). */
    static final String INSERT_FROM_JSON = "INSERT INTO obligation (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM jsonb_to_recordset(?::jsonb) AS r (" + INSERTED + ")";

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
                   reserved_by = u.reserved_by, agreement_id = u.agreement_id,
                   installment_number = u.installment_number, principal_history = u.principal_history,
                   version = o.version + 1
              FROM jsonb_to_recordset(?::jsonb)
                      AS u (id uuid, version bigint, stage text, status text, principal_paid numeric,
                            interest_paid numeric, cancellation_reason text, held_by text, held_until date,
                            updated_at timestamptz, reserved_by uuid, agreement_id uuid, installment_number smallint,
                            principal_history jsonb)
             WHERE o.id = u.id AND o.version = u.version
             RETURNING o.id""";

    /**
     * How a principal history is stored: {@code {"movements": [...], "exemptions": [...], "interestFree": "9.09"}},
     * each part left out when empty (it is written again with every payment of the obligation).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    record HistoryJson(List<MovementJson> movements, List<ExemptionJson> exemptions, String interestFree) {
    }

    record MovementJson(LocalDate on, String paid, String kind, String source) {
    }

    record ExemptionJson(LocalDate from, LocalDate to, String principal, UUID agreementId) {
    }

    private final ObjectMapper json;

    ObligationRows(ObjectMapper json) {
        this.json = json;
    }

    /** An obligation from a plain-SQL row of {@link #COLUMNS}. */
    Obligation fromRow(ResultSet rs) throws SQLException {
        String period = rs.getString("period");
        String source = rs.getString("source_system");
        String heldBy = rs.getString("held_by");
        return Obligation.restore()
                .id(new ObligationId(rs.getObject("id", UUID.class)))
                .debtor(DebtorId.parsePayer(rs.getString("debtor_id")), rs.getString("debtor_name"))
                .type(ObligationType.valueOf(rs.getString("type")))
                .stage(ObligationStage.valueOf(rs.getString("stage")))
                .status(ObligationStatus.valueOf(rs.getString("status")))
                .principal(new Money(rs.getBigDecimal("principal")))
                .paid(new Money(rs.getBigDecimal("principal_paid")), new Money(rs.getBigDecimal("interest_paid")))
                .dueDate(rs.getObject("due_date", LocalDate.class))
                .period(period == null ? null : Period.parse(period))
                .description(rs.getString("description"))
                .externalReference(source == null ? null
                        : new ExternalReference(source, rs.getString("external_reference")))
                .cancellationReason(rs.getString("cancellation_reason"))
                .version(rs.getLong("version"))
                .timestamps(Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"))
                .hold(heldBy == null ? null : new Obligation.Hold(heldBy, rs.getObject("held_until", LocalDate.class)))
                .link(link(rs))
                .history(history(rs.getString("principal_history")))
                .build();
    }

    /** The agreement link of a row: its {@code agreement_id} and number (an installment), or its {@code reserved_by}. */
    static AgreementLink link(ResultSet rs) throws SQLException {
        UUID agreementId = rs.getObject("agreement_id", UUID.class);
        if (agreementId != null) {
            return new InstallmentOf(agreementId, rs.getInt("installment_number"));
        }
        UUID reservedBy = rs.getObject("reserved_by", UUID.class);
        return reservedBy == null ? null : new AgreementLink.Covered(reservedBy);
    }

    /** A history from its stored jsonb text (null: empty). */
    PrincipalHistory history(String text) {
        if (text == null) {
            return PrincipalHistory.empty();
        }
        try {
            HistoryJson h = json.readValue(text, HistoryJson.class);
            return PrincipalHistory.of(
                    h.movements() == null ? List.of() : h.movements().stream().map(m -> new PrincipalMovement(m.on(),
                            new Money(new BigDecimal(m.paid())), PrincipalMovement.Kind.valueOf(m.kind()),
                            m.source())).toList(),
                    h.exemptions() == null ? List.of() : h.exemptions().stream().map(e -> new ArrearsExemption(
                            e.from(), e.to(), new Money(new BigDecimal(e.principal())), e.agreementId())).toList(),
                    h.interestFree() == null ? Money.ZERO : new Money(new BigDecimal(h.interestFree())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable principal history", e);
        }
    }

    /** The jsonb document of a history, or null when it is empty. */
    private static HistoryJson historyDoc(PrincipalHistory history) {
        if (history.isEmpty()) {
            return null;
        }
        return new HistoryJson(
                history.movements().stream().map(m -> new MovementJson(m.on(), m.paid().amount().toPlainString(),
                        m.kind().name(), m.source())).toList(),
                history.exemptions().stream().map(e -> new ExemptionJson(e.from(), e.to(),
                        e.principal().amount().toPlainString(), e.agreementId())).toList(),
                history.interestFree().isZero() ? null : history.interestFree().amount().toPlainString());
    }

    /** The rows of {@link #INSERT_FROM_JSON} for these new obligations, as jsonb text. */
    String insertRows(List<Obligation> obligations) {
        List<Map<String, Object>> rows = new ArrayList<>(obligations.size());
        for (Obligation o : obligations) {
            rows.add(newRow(o));
        }
        return write(rows);
    }

    /** One row of {@link #INSERT_FROM_JSON} as a jsonb object's text ({@link #INSERTED} names its columns). */
    String insertRow(Obligation o) {
        return write(newRow(o));
    }

    /** The columns of a new obligation, as {@link #INSERTED} names them for {@code jsonb_to_record(set)}. */
    static String insertedColumns() {
        return INSERTED;
    }

    private Map<String, Object> newRow(Obligation o) {
        Map<String, Object> row = mutableRow(o);
        row.put("debtor_id", o.debtorId().value());
        row.put("debtor_name", o.debtorName());
        row.put("type", o.type().name());
        row.put("principal", o.principal().amount().toPlainString());
        row.put("due_date", o.dueDate().toString());
        row.put("period", o.period() == null ? null : o.period().toString());
        row.put("description", o.description());
        row.put("source_system", o.externalReference() == null ? null : o.externalReference().sourceSystem());
        row.put("external_reference", o.externalReference() == null ? null : o.externalReference().reference());
        row.put("created_at", o.createdAt().toString());
        return row;
    }

    /** The rows of {@link #UPDATE_FROM_JSON} for these obligations, as jsonb text. */
    String updateRows(List<Obligation> obligations) {
        List<Map<String, Object>> rows = new ArrayList<>(obligations.size());
        for (Obligation o : obligations) {
            rows.add(mutableRow(o));
        }
        return write(rows);
    }

    private Map<String, Object> mutableRow(Obligation o) {
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
        row.put("reserved_by", o.coveringAgreement() == null ? null : o.coveringAgreement().toString());
        InstallmentOf i = o.installment();
        row.put("agreement_id", i == null ? null : i.agreementId().toString());
        row.put("installment_number", i == null ? null : i.number());
        row.put("principal_history", historyDoc(o.history()));
        return row;
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

    private static PreconditionFailedException stale(ObligationId id) {
        return new PreconditionFailedException(PreconditionFailedException.STALE_VERSION,
                "obligation " + id + " was changed by someone else meanwhile: read it again");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
