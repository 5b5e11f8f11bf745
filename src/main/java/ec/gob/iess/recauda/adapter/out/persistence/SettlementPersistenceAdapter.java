package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.Settlements;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.Settlement;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Settlements in PostgreSQL, in plain SQL (ADR 0011). The transfer reference is unique whatever its case
 * ({@code uq_settlement_transfer} on its upper case); the settlement is inserted first, so a request that loses the
 * race to a reference stores nothing. What it named and what it answered are kept whole in {@code result}, so a
 * repeat is answered the same.
 */
@ApplicationScoped
class SettlementPersistenceAdapter implements Settlements {

    private static final String SELECT = "SELECT id, transfer_reference, payer_id, amount, value_date,"
            + " request_sha256, applied_amount, unapplied_amount, result::text AS result, created_at, created_by"
            + " FROM settlement";

    private final Jdbc jdbc;
    private final LumpSumRows rows;
    private final ObjectMapper json;

    SettlementPersistenceAdapter(Jdbc jdbc, LumpSumRows rows, ObjectMapper json) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public Optional<Settlement> findByTransfer(String transferReference) {
        return jdbc.one(SELECT + " WHERE upper(transfer_reference) = upper(?)",
                ps -> ps.setString(1, transferReference), this::settlement);
    }

    @Override
    public Optional<Settlement> find(UUID id) {
        return jdbc.one(SELECT + " WHERE id = ?", ps -> ps.setObject(1, id), this::settlement);
    }

    @Override
    public boolean add(Settlement settlement, Payment payment, UnappliedFund fund, List<Obligation> obligations) {
        Settlement.Request request = settlement.request();
        int inserted = jdbc.update("INSERT INTO settlement (id, transfer_reference, payer_id, amount, value_date,"
                + " request_sha256, applied_amount, unapplied_amount, result, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
                + " ON CONFLICT ((upper(transfer_reference))) DO NOTHING",
                ps -> {
                    ps.setObject(1, settlement.id());
                    ps.setString(2, request.transferReference());
                    ps.setString(3, request.payerId().value());
                    ps.setBigDecimal(4, request.amount().amount());
                    ps.setObject(5, request.valueDate());
                    ps.setBytes(6, settlement.requestSha256());
                    ps.setBigDecimal(7, settlement.appliedAmount().amount());
                    ps.setBigDecimal(8, settlement.unappliedAmount().amount());
                    ps.setString(9, rows.json(result(settlement)));
                    ps.setObject(10, Sql.timestamp(settlement.createdAt()));
                    ps.setString(11, settlement.createdBy());
                });
        if (inserted == 0) {
            return false;
        }
        if (payment != null) {
            rows.insertPayments(List.of(payment));
        }
        rows.updateObligations(obligations);
        if (fund != null) {
            rows.insertFunds(List.of(fund));
        }
        return true;
    }

    private static Map<String, Object> result(Settlement s) {
        Map<String, Object> result = new LinkedHashMap<>();
        Settlement.Request r = s.request();
        result.put("obligationIds", r.obligationIds() == null ? null
                : r.obligationIds().stream().map(ObligationId::toString).toList());
        result.put("debtorIds", r.debtorIds() == null ? null : r.debtorIds().stream().map(DebtorId::value).toList());
        List<Map<String, Object>> applied = new ArrayList<>();
        for (Settlement.Applied a : s.applied()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("obligationId", a.obligationId().toString());
            row.put("interest", a.interest().toString());
            row.put("principal", a.principal().toString());
            row.put("fullyPaid", a.fullyPaid());
            applied.add(row);
        }
        result.put("applied", applied);
        result.put("unappliedFundId", s.unappliedFundId() == null ? null : s.unappliedFundId().toString());
        return result;
    }

    private Settlement settlement(ResultSet rs) throws SQLException {
        JsonNode result;
        try {
            result = json.readTree(rs.getString("result"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable settlement result", e);
        }
        List<ObligationId> obligationIds = null;
        List<DebtorId> debtorIds = null;
        if (result.hasNonNull("obligationIds")) {
            obligationIds = new ArrayList<>();
            for (JsonNode id : result.get("obligationIds")) {
                obligationIds.add(ObligationId.parse(id.asText()));
            }
        } else {
            debtorIds = new ArrayList<>();
            for (JsonNode id : result.get("debtorIds")) {
                debtorIds.add(DebtorId.parsePayer(id.asText()));
            }
        }
        List<Settlement.Applied> applied = new ArrayList<>();
        for (JsonNode a : result.get("applied")) {
            applied.add(new Settlement.Applied(ObligationId.parse(a.get("obligationId").asText()),
                    Money.of(a.get("interest").asText()), Money.of(a.get("principal").asText()),
                    a.get("fullyPaid").asBoolean()));
        }
        Settlement.Request request = new Settlement.Request(DebtorId.parsePayer(rs.getString("payer_id")),
                rs.getString("transfer_reference"), new Money(rs.getBigDecimal("amount")),
                rs.getObject("value_date", LocalDate.class), obligationIds, debtorIds);
        return new Settlement(rs.getObject("id", UUID.class), request, rs.getBytes("request_sha256"), applied,
                new Money(rs.getBigDecimal("applied_amount")), new Money(rs.getBigDecimal("unapplied_amount")),
                result.hasNonNull("unappliedFundId") ? UUID.fromString(result.get("unappliedFundId").asText()) : null,
                Sql.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
