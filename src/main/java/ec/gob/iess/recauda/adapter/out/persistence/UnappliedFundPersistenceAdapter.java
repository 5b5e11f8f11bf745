package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.UnappliedFunds;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Unapplied funds in PostgreSQL, in plain SQL (ADR 0011). A resolution changes the fund only while it is OPEN and at
 * the version read, and a fund's payment is unique ({@code uq_payment_unapplied_fund}): a fund is resolved once.
 */
@ApplicationScoped
class UnappliedFundPersistenceAdapter implements UnappliedFunds {

    private static final String COLUMNS = "id, batch_id, line_no, settlement_id, origin_fund_id, payer_id,"
            + " employer_id, amount, reason, value_date, status, created_at, resolved_at, resolved_by,"
            + " resolution::text AS resolution, version";

    private final Jdbc jdbc;
    private final LumpSumRows rows;
    private final ObjectMapper json;

    UnappliedFundPersistenceAdapter(Jdbc jdbc, LumpSumRows rows, ObjectMapper json) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.json = json;
    }

    @Override
    public Page<UnappliedFund> list(UnappliedFund.Status status, PageRequest page) {
        String where = status == null ? "" : " WHERE status = ?";
        Jdbc.Binder filter = ps -> {
            if (status != null) {
                ps.setString(1, status.name());
            }
        };
        int next = status == null ? 1 : 2;
        List<UnappliedFund> items = jdbc.query("SELECT " + COLUMNS + " FROM unapplied_fund" + where
                + " ORDER BY created_at, id LIMIT ? OFFSET ?", ps -> {
                    filter.bind(ps);
                    ps.setInt(next, page.size());
                    ps.setLong(next + 1, page.offset());
                }, this::fund);
        long total = jdbc.one("SELECT count(*) FROM unapplied_fund" + where, filter, rs -> rs.getLong(1))
                .orElse(0L);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public Optional<UnappliedFund> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM unapplied_fund WHERE id = ?", ps -> ps.setObject(1, id),
                this::fund);
    }

    @Override
    public Optional<UnappliedFund> lock(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM unapplied_fund WHERE id = ? FOR UPDATE",
                ps -> ps.setObject(1, id), this::fund);
    }

    @Override
    public void applied(UnappliedFund.Application application, Payment payment, List<Obligation> obligations) {
        resolve(application.fund());
        try {
            rows.insertPayments(List.of(payment));
        } catch (Jdbc.ConstraintViolation e) {
            if ("uq_payment_unapplied_fund".equals(e.constraint())) {
                throw resolvedMeanwhile(application.fund());
            }
            throw e;
        }
        rows.updateObligations(obligations);
        if (application.remainder() != null) {
            rows.insertFunds(List.of(application.remainder()));
        }
    }

    @Override
    public void refunded(UnappliedFund fund) {
        resolve(fund);
    }

    private void resolve(UnappliedFund fund) {
        UnappliedFund.Resolution r = fund.resolution();
        Map<String, Object> resolution = new LinkedHashMap<>();
        resolution.put("paymentId", r.paymentId() == null ? null : r.paymentId().toString());
        resolution.put("applied", r.applied() == null ? null : r.applied().toString());
        resolution.put("remainderFundId", r.remainderFundId() == null ? null : r.remainderFundId().toString());
        resolution.put("refundReason", r.refundReason());
        int updated = jdbc.update("UPDATE unapplied_fund SET status = ?, resolved_at = ?, resolved_by = ?,"
                + " resolution = ?::jsonb, version = version + 1 WHERE id = ? AND status = 'OPEN' AND version = ?",
                ps -> {
                    ps.setString(1, fund.status().name());
                    ps.setObject(2, Sql.timestamp(r.at()));
                    ps.setString(3, r.by());
                    ps.setString(4, rows.json(resolution));
                    ps.setObject(5, fund.id());
                    ps.setLong(6, fund.version());
                });
        if (updated != 1) {
            throw resolvedMeanwhile(fund);
        }
    }

    private static ConflictException resolvedMeanwhile(UnappliedFund fund) {
        return new ConflictException("fund-resolved", "unapplied fund " + fund.id() + " was resolved meanwhile");
    }

    private UnappliedFund fund(ResultSet rs) throws SQLException {
        String batchId = rs.getString("batch_id");
        UnappliedFund.Source source = batchId != null ? UnappliedFund.Source.ofLine(batchId, rs.getInt("line_no"))
                : UnappliedFund.Source.ofSettlement(rs.getObject("settlement_id", UUID.class));
        String employer = rs.getString("employer_id");
        String resolutionText = rs.getString("resolution");
        UnappliedFund.Resolution resolution = null;
        if (resolutionText != null) {
            JsonNode r = read(resolutionText);
            resolution = new UnappliedFund.Resolution(Sql.instant(rs, "resolved_at"), rs.getString("resolved_by"),
                    uuid(r.get("paymentId")), r.hasNonNull("applied") ? Money.of(r.get("applied").asText()) : null,
                    uuid(r.get("remainderFundId")),
                    r.hasNonNull("refundReason") ? r.get("refundReason").asText() : null);
        }
        return new UnappliedFund(rs.getObject("id", UUID.class), source, rs.getString("payer_id"),
                employer == null ? null : DebtorId.parsePayer(employer), new Money(rs.getBigDecimal("amount")),
                rs.getString("reason"), rs.getObject("value_date", LocalDate.class),
                UnappliedFund.Status.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"),
                rs.getObject("origin_fund_id", UUID.class), resolution, rs.getLong("version"));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable fund resolution", e);
        }
    }

    private static UUID uuid(JsonNode node) {
        return node == null || node.isNull() ? null : UUID.fromString(node.asText());
    }
}
