package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what the ministry's batches, settlements, staff's resolutions and chunks of card charges pay, in set-based
 * statements: their payments (channel MINISTRY_BATCH, SETTLEMENT or CARD) with their allocations, and the unapplied
 * funds they leave. Each
 * statement takes its rows as one JSON array, so a chunk of 500 lines is three statements, not 1,500.
 */
@ApplicationScoped
class LumpSumRows {

    private static final String INSERT_PAYMENTS = """
            INSERT INTO payment (id, channel, entity_code, bank_transaction_id, voucher_reference, batch_id, line_no,
                                 settlement_id, unapplied_fund_id, amount, paid_at, business_date, status, created_at)
            SELECT id, channel, entity_code, bank_transaction_id, voucher_reference, batch_id, line_no, settlement_id,
                   unapplied_fund_id, amount, paid_at, business_date, 'APPLIED', created_at
              FROM jsonb_to_recordset(?::jsonb) AS r (id uuid, channel text, entity_code text,
                                                     bank_transaction_id text, voucher_reference text, batch_id text,
                                                     line_no int, settlement_id uuid, unapplied_fund_id uuid,
                                                     amount numeric, paid_at timestamptz, business_date date,
                                                     created_at timestamptz)""";
    private static final String INSERT_ALLOCATIONS = """
            INSERT INTO payment_allocation (payment_id, obligation_id, interest, principal, position)
            SELECT payment_id, obligation_id, interest, principal, position
              FROM jsonb_to_recordset(?::jsonb) AS a (payment_id uuid, obligation_id uuid, interest numeric,
                                                     principal numeric, position int)""";
    private static final String INSERT_FUNDS = """
            INSERT INTO unapplied_fund (id, batch_id, line_no, settlement_id, origin_fund_id, payer_id, employer_id,
                                        amount, reason, value_date, status, created_at)
            SELECT id, batch_id, line_no, settlement_id, origin_fund_id, payer_id, employer_id, amount, reason,
                   value_date, 'OPEN', created_at
              FROM jsonb_to_recordset(?::jsonb) AS f (id uuid, batch_id text, line_no int, settlement_id uuid,
                                                     origin_fund_id uuid, payer_id text, employer_id text,
                                                     amount numeric, reason text, value_date date,
                                                     created_at timestamptz)""";

    private final Jdbc jdbc;
    private final ObligationRows obligationRows;
    private final ObjectMapper json;

    LumpSumRows(Jdbc jdbc, ObligationRows obligationRows, ObjectMapper json) {
        this.jdbc = jdbc;
        this.obligationRows = obligationRows;
        this.json = json;
    }

    /**
     * Stores what these obligations now owe and are, each refused unless it still has the version read (a
     * stale-version {@code PreconditionFailedException}).
     */
    void updateObligations(List<Obligation> obligations) {
        if (!obligations.isEmpty()) {
            List<UUID> updated = jdbc.query(ObligationRows.UPDATE_FROM_JSON,
                    ps -> ps.setString(1, obligationRows.updateRows(obligations)), rs -> rs.getObject(1, UUID.class));
            ObligationRows.checkUpdated(obligations, updated);
        }
    }

    /**
     * Inserts APPLIED payments of the ministry's batches, settlements and card charges, and their allocations. A unique
     * index
     * refusing one ({@code uq_payment_batch_line}, {@code uq_payment_settlement}, {@code uq_payment_unapplied_fund},
     * {@code uq_payment_applied_voucher}) is thrown as the {@link Jdbc.ConstraintViolation} for the caller to name.
     */
    void insertPayments(List<Payment> payments) {
        if (payments.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Map<String, Object>> allocations = new ArrayList<>();
        for (Payment p : payments) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id().toString());
            row.put("channel", p.channel().name());
            row.put("entity_code", p.entityCode());
            row.put("bank_transaction_id", p.bankTransactionId());
            row.put("voucher_reference", p.voucherReference());
            row.put("batch_id", p.batchLine() == null ? null : p.batchLine().batchId());
            row.put("line_no", p.batchLine() == null ? null : p.batchLine().lineNo());
            row.put("settlement_id", text(p.settlementId()));
            row.put("unapplied_fund_id", text(p.unappliedFundId()));
            row.put("amount", p.amount().amount().toPlainString());
            row.put("paid_at", p.paidAt().toString());
            row.put("business_date", p.businessDate().toString());
            row.put("created_at", p.createdAt().toString());
            rows.add(row);
            int position = 0;
            for (Allocation a : p.allocations()) {
                Map<String, Object> alloc = new LinkedHashMap<>();
                alloc.put("payment_id", p.id().toString());
                alloc.put("obligation_id", a.obligationId().toString());
                alloc.put("interest", a.interest().amount().toPlainString());
                alloc.put("principal", a.principal().amount().toPlainString());
                alloc.put("position", position++);
                allocations.add(alloc);
            }
        }
        jdbc.update(INSERT_PAYMENTS, ps -> ps.setString(1, json(rows)));
        if (!allocations.isEmpty()) {
            jdbc.update(INSERT_ALLOCATIONS, ps -> ps.setString(1, json(allocations)));
        }
    }

    /** Inserts new OPEN funds. */
    void insertFunds(List<UnappliedFund> funds) {
        if (funds.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UnappliedFund f : funds) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", f.id().toString());
            row.put("batch_id", f.source().batchId());
            row.put("line_no", f.source().lineNo());
            row.put("settlement_id", text(f.source().settlementId()));
            row.put("origin_fund_id", text(f.originFundId()));
            row.put("payer_id", f.payerId());
            row.put("employer_id", f.employerId() == null ? null : f.employerId().value());
            row.put("amount", f.amount().amount().toPlainString());
            row.put("reason", f.reason());
            row.put("value_date", f.valueDate().toString());
            row.put("created_at", f.createdAt().toString());
            rows.add(row);
        }
        jdbc.update(INSERT_FUNDS, ps -> ps.setString(1, json(rows)));
    }

    String json(Object rows) {
        try {
            return json.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
