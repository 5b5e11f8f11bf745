package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.Reconciliations;
import ec.gob.iess.recauda.domain.payment.Reconciliation;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Submitted reconciliations in PostgreSQL, each with its full answer as jsonb. */
@ApplicationScoped
class ReconciliationPersistenceAdapter implements Reconciliations {

    /** How a result is stored. */
    record ResultJson(String entityCode, LocalDate businessDate, int matchedCount, BigDecimal matchedTotal,
                      List<ItemJson> missingHere, List<ItemJson> missingAtBank, List<MismatchJson> amountMismatches) {
    }

    record ItemJson(String bankTransactionId, BigDecimal amount) {
    }

    record MismatchJson(String bankTransactionId, BigDecimal bankAmount, BigDecimal ourAmount) {
    }

    private final Jdbc jdbc;
    private final ObjectMapper json;

    ReconciliationPersistenceAdapter(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void add(SubmittedReconciliation s) {
        Reconciliation r = s.result();
        ResultJson stored = new ResultJson(r.entityCode(), r.businessDate(), r.matchedCount(),
                r.matchedTotal().amount(),
                r.missingHere().stream().map(i -> new ItemJson(i.bankTransactionId(), i.amount().amount())).toList(),
                r.missingAtBank().stream().map(i -> new ItemJson(i.bankTransactionId(), i.amount().amount())).toList(),
                r.amountMismatches().stream().map(m -> new MismatchJson(m.bankTransactionId(),
                        m.bankAmount().amount(), m.ourAmount().amount())).toList());
        jdbc.update("INSERT INTO reconciliation (id, entity_code, business_date, submitted_at, submitted_by, result)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb)", ps -> {
                    ps.setObject(1, s.id());
                    ps.setString(2, r.entityCode());
                    ps.setObject(3, r.businessDate());
                    ps.setObject(4, Sql.timestamp(s.submittedAt()));
                    ps.setString(5, s.submittedBy());
                    ps.setString(6, write(stored));
                });
    }

    @Override
    public List<SubmittedReconciliation> ofBusinessDate(LocalDate businessDate) {
        return jdbc.query("SELECT id, submitted_at, submitted_by, result FROM reconciliation"
                        + " WHERE business_date = ? ORDER BY submitted_at, id", ps -> ps.setObject(1, businessDate),
                rs -> {
                    ResultJson r = read(rs.getString("result"));
                    Reconciliation result = new Reconciliation(r.entityCode(), r.businessDate(), r.matchedCount(),
                            new Money(r.matchedTotal()),
                            r.missingHere().stream().map(i -> new Reconciliation.Item(i.bankTransactionId(),
                                    new Money(i.amount()))).toList(),
                            r.missingAtBank().stream().map(i -> new Reconciliation.Item(i.bankTransactionId(),
                                    new Money(i.amount()))).toList(),
                            r.amountMismatches().stream().map(m -> new Reconciliation.Mismatch(m.bankTransactionId(),
                                    new Money(m.bankAmount()), new Money(m.ourAmount()))).toList());
                    return new SubmittedReconciliation(rs.getObject("id", UUID.class), result,
                            Sql.instant(rs, "submitted_at"), rs.getString("submitted_by"));
                });
    }

    private String write(ResultJson value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResultJson read(String text) {
        try {
            return json.readValue(text, ResultJson.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable reconciliation", e);
        }
    }
}
