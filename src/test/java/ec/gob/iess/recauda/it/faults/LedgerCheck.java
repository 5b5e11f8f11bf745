package ec.gob.iess.recauda.it.faults;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the ledger straight from PostgreSQL after a fault: every acknowledged payment is stored exactly once, and
 * nothing is half-written (a payment without its allocations, a voucher paid without a payment, an obligation whose
 * paid amounts disagree with its allocations, a payment without its audit row, or the reverse of each).
 */
final class LedgerCheck {

    /** Each query lists what breaks one rule; every list must be empty. */
    private static final Map<String, String> RULES = Map.of(
            "a payment whose allocations do not add up to its amount (or that has none)",
            "SELECT p.id::text FROM payment p LEFT JOIN payment_allocation a ON a.payment_id = p.id"
                    + " GROUP BY p.id, p.amount"
                    + " HAVING count(a.obligation_id) = 0 OR sum(a.interest + a.principal) <> p.amount",
            "a voucher PAID without exactly one APPLIED payment, or ISSUED with one",
            "SELECT v.reference FROM voucher v WHERE (v.status = 'PAID') <> ((SELECT count(*) FROM payment p"
                    + " WHERE p.voucher_reference = v.reference AND p.status = 'APPLIED') = 1)"
                    + " OR (SELECT count(*) FROM payment p WHERE p.voucher_reference = v.reference) > 1",
            "an obligation whose paid amounts or status disagree with its allocations",
            "SELECT o.id::text FROM obligation o LEFT JOIN (SELECT obligation_id, sum(interest) AS interest,"
                    + " sum(principal) AS principal FROM payment_allocation GROUP BY obligation_id) a"
                    + " ON a.obligation_id = o.id"
                    + " WHERE o.principal_paid <> coalesce(a.principal, 0)"
                    + " OR o.interest_paid <> coalesce(a.interest, 0)"
                    + " OR (o.status = 'PAID') <> (a.obligation_id IS NOT NULL AND o.principal_paid = o.principal)",
            "an allocation to an obligation that is not on the paid voucher",
            "SELECT a.payment_id::text FROM payment_allocation a JOIN payment p ON p.id = a.payment_id"
                    + " JOIN voucher v ON v.reference = p.voucher_reference WHERE NOT EXISTS (SELECT 1 FROM"
                    + " jsonb_array_elements(v.lines) l WHERE (l ->> 'obligationId')::uuid = a.obligation_id)",
            "a payment without exactly one PAYMENT_APPLIED audit row, or such a row without its payment",
            "SELECT p.id::text FROM payment p WHERE (SELECT count(*) FROM audit_log l WHERE l.entity_type = 'PAYMENT'"
                    + " AND l.action = 'PAYMENT_APPLIED' AND l.entity_id = p.id::text) <> 1"
                    + " UNION ALL SELECT l.entity_id FROM audit_log l WHERE l.action = 'PAYMENT_APPLIED'"
                    + " AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.id::text = l.entity_id)");

    private LedgerCheck() {
    }

    /**
     * The entity's payments in the database are exactly the acknowledged ones (transaction id to payment id), each
     * once, and the whole ledger is consistent.
     */
    static void assertConsistent(DataSource db, String entityCode, Map<String, String> acknowledged)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            Map<String, String> stored = new HashMap<>();
            List<String> twice = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT bank_transaction_id, id::text FROM payment WHERE entity_code = ?")) {
                ps.setString(1, entityCode);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (stored.put(rs.getString(1), rs.getString(2)) != null) {
                            twice.add(rs.getString(1));
                        }
                    }
                }
            }
            assertThat(twice).as("transaction ids stored twice").isEmpty();
            assertThat(stored).as("the payments stored are exactly those acknowledged (201, or 200 to a retry)")
                    .containsExactlyInAnyOrderEntriesOf(acknowledged);
            for (Map.Entry<String, String> rule : RULES.entrySet()) {
                assertThat(rows(c, rule.getValue())).as(rule.getKey()).isEmpty();
            }
        }
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
