package ec.gob.iess.recauda.adapter.out.persistence;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V6 and V7 on data written before them, in a database of their own on the test server: Flyway migrates a fresh
 * database to V5, the test writes what the service wrote then (vouchers paid, a payment reversed, an obligation in two
 * agreements that both defaulted, the first after one paid installment, a completed agreement, installments, the
 * old latest-reduction columns), and then migrates it to the end. Every obligation's principal history must add up to
 * its principal paid (the database checks it too), with each movement dated as its payment or agreement was and no
 * residual left unexplained; the exempt days of the paid installment and the installments' interest-free parts must
 * be there; every installment of every table must name its interest base.
 */
@QuarkusTest
class PrincipalHistoryMigrationTest {

    private static final String A1 = "11111111-0000-4000-8000-000000000001"; // defaulted
    private static final String A2 = "11111111-0000-4000-8000-000000000002"; // completed
    private static final String A3 = "11111111-0000-4000-8000-000000000003"; // defaulted, over A1's reinstated debt
    private static final String PAID_BY_VOUCHER = "22222222-0000-4000-8000-000000000001";
    private static final String REVERSED = "22222222-0000-4000-8000-000000000002";
    private static final String REDUCED = "22222222-0000-4000-8000-000000000003";
    private static final String SETTLED = "22222222-0000-4000-8000-000000000004";
    private static final String UNTOUCHED = "22222222-0000-4000-8000-000000000005";
    private static final String DOWN_1 = "22222222-0000-4000-8000-000000000006";
    private static final String INST_1 = "22222222-0000-4000-8000-000000000007";
    private static final String INST_2 = "22222222-0000-4000-8000-000000000008";
    private static final String DOWN_3 = "22222222-0000-4000-8000-000000000009";

    private String database;
    private String url;

    @BeforeEach
    void aDatabaseOfItsOwn() throws SQLException {
        String serviceUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        int slash = serviceUrl.lastIndexOf('/', serviceUrl.indexOf('?'));
        try (Connection c = DriverManager.getConnection(serviceUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        url = serviceUrl.substring(0, slash + 1) + database + serviceUrl.substring(serviceUrl.indexOf('?'));
    }

    @AfterEach
    void dropIt() throws SQLException {
        String serviceUrl = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(serviceUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration");
        return (target == null ? config : config.target(target)).load();
    }

    @Test
    void every_principal_paid_becomes_dated_movements_and_every_schedule_names_its_interest_base() throws Exception {
        flyway("5").migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO financial_entity VALUES ('MIG', 'Banco', 'BANK', '17:00', true, now(), now());
                    INSERT INTO agreement (id, debtor_id, debtor_name, debtor_kind, status, signed_on, term_months,
                           annual_rate, debt, down_payment, financed_amount, requires_approval, covered, schedule,
                           activated_on, closed_on, close_reason, created_by, created_at, updated_at, version)
                    VALUES ('%1$s', '1790012344001', 'D', 'COMPANY', 'DEFAULTED', '2025-03-10', 2, 0.12, 1100.00,
                            110.00, 990.00, false,
                            '[{"obligationId": "%4$s", "type": "FINE", "dueDate": "2025-01-31", "principal": 1000.00,
                               "interest": 100.00}]',
                            '[{"number": 1, "dueDate": "2025-04-10", "installment": 497.47, "interest": 9.90,
                               "principal": 487.57, "balance": 502.43},
                              {"number": 2, "dueDate": "2025-05-10", "installment": 507.45, "interest": 5.02,
                               "principal": 502.43, "balance": 0.00}]',
                            '2025-03-10', '2025-05-11', 'missed', 's', now(), now(), 5),
                           ('%2$s', '1790012344001', 'D', 'COMPANY', 'COMPLETED', '2024-08-01', 2, 0,
                            500.00, 50.00, 450.00, false,
                            '[{"obligationId": "%5$s", "type": "FINE", "dueDate": "2024-06-30", "principal": 500.00,
                               "interest": 0.00}]', '[]', '2024-08-02', '2024-10-02', 'paid', 's', now(), now(), 3),
                           ('%3$s', '1790012344001', 'D', 'COMPANY', 'DEFAULTED', '2025-06-01', 2, 0.12, 522.43,
                            52.24, 470.19, false,
                            '[{"obligationId": "%4$s", "type": "FINE", "dueDate": "2025-01-31", "principal": 502.43,
                               "interest": 20.00}]',
                            '[{"number": 1, "dueDate": "2025-07-01", "installment": 238.05, "interest": 4.70,
                               "principal": 233.35, "balance": 236.84},
                              {"number": 2, "dueDate": "2025-08-01", "installment": 239.21, "interest": 2.37,
                               "principal": 236.84, "balance": 0.00}]',
                            '2025-06-01', '2025-08-02', 'missed', 's', now(), now(), 4);
                    INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal,
                           principal_paid, interest_paid, due_date, version, created_at, updated_at, cancellation_reason,
                           reserved_by, agreement_id, installment_number, reduction_amount, reduced_on)
                    VALUES ('%6$s', '1790012344001', 'D', 'FINE', 'REGULAR', 'PAID', 300.00, 300.00, 1.20,
                            '2024-05-31', 1, now(), now(), NULL, NULL, NULL, NULL, NULL, NULL),
                           ('%7$s', '1790012344001', 'D', 'FINE', 'REGULAR', 'PENDING', 200.00, 0.00, 0.00,
                            '2024-05-31', 2, now(), now(), NULL, NULL, NULL, NULL, NULL, NULL),
                           ('%4$s', '1790012344001', 'D', 'FINE', 'REGULAR', 'PENDING', 1000.00, 529.81, 120.00,
                            '2025-01-31', 6, now(), now(), NULL, NULL, NULL, NULL, 32.24, '2025-06-01'),
                           ('%5$s', '1790012344001', 'D', 'FINE', 'REGULAR', 'PAID', 500.00, 500.00, 0.00,
                            '2024-06-30', 2, now(), '2024-10-02 15:00+00', NULL, NULL, NULL, NULL, NULL, NULL),
                           ('%8$s', '1790012344001', 'D', 'FINE', 'REGULAR', 'PENDING', 80.00, 0.00, 0.00,
                            '2024-05-31', 0, now(), now(), NULL, NULL, NULL, NULL, NULL, NULL),
                           ('%9$s', '1790012344001', 'D', 'AGREEMENT_INSTALLMENT', 'REGULAR', 'PAID', 110.00, 110.00,
                            0.00, '2025-03-17', 1, now(), now(), NULL, NULL, '%1$s', 0, NULL, NULL),
                           ('%10$s', '1790012344001', 'D', 'AGREEMENT_INSTALLMENT', 'REGULAR', 'PAID', 497.47, 497.47,
                            0.00, '2025-04-10', 1, now(), now(), NULL, NULL, '%1$s', 1, NULL, NULL),
                           ('%11$s', '1790012344001', 'D', 'AGREEMENT_INSTALLMENT', 'REGULAR', 'CANCELLED', 507.45,
                            0.00, 0.00, '2025-05-10', 1, now(), now(), 'defaulted', NULL, '%1$s', 2, NULL, NULL),
                           ('%12$s', '1790012344001', 'D', 'AGREEMENT_INSTALLMENT', 'REGULAR', 'PAID', 52.24, 52.24,
                            0.00, '2025-06-08', 1, now(), now(), NULL, NULL, '%3$s', 0, NULL, NULL);
                    INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on, status,
                           description, lines, issued_by, created_at, updated_at, version)
                    VALUES ('1000000000000001', '1790012344001', 'D', 301.20, '2024-06-10', '2024-06-17', 'PAID',
                            'v', '[]', 's', now(), now(), 1),
                           ('1000000000000002', '1790012344001', 'D', 200.60, '2024-06-10', '2024-06-17', 'ISSUED',
                            'v', '[]', 's', now(), now(), 2),
                           ('1000000000000003', '1790012344001', 'D', 110.00, '2025-03-10', '2025-03-17', 'PAID',
                            'v', '[]', 's', now(), now(), 1),
                           ('1000000000000004', '1790012344001', 'D', 497.47, '2025-04-05', '2025-04-10', 'PAID',
                            'v', '[]', 's', now(), now(), 1),
                           ('1000000000000005', '1790012344001', 'D', 52.24, '2025-06-01', '2025-06-08', 'PAID',
                            'v', '[]', 's', now(), now(), 1);
                    INSERT INTO payment (id, entity_code, bank_transaction_id, voucher_reference, amount, paid_at,
                           business_date, status, created_at, reversed_at, reversal_reason)
                    VALUES ('33333333-0000-4000-8000-000000000001', 'MIG', 'T1', '1000000000000001', 301.20,
                            now(), '2024-06-12', 'APPLIED', now(), NULL, NULL),
                           ('33333333-0000-4000-8000-000000000002', 'MIG', 'T2', '1000000000000002', 200.60,
                            now(), '2024-06-13', 'REVERSED', now(), now(), 'error'),
                           ('33333333-0000-4000-8000-000000000003', 'MIG', 'T3', '1000000000000003', 110.00,
                            now(), '2025-03-10', 'APPLIED', now(), NULL, NULL),
                           ('33333333-0000-4000-8000-000000000004', 'MIG', 'T4', '1000000000000004', 497.47,
                            now(), '2025-04-08', 'APPLIED', now(), NULL, NULL),
                           ('33333333-0000-4000-8000-000000000005', 'MIG', 'T5', '1000000000000005', 52.24,
                            now(), '2025-06-01', 'APPLIED', now(), NULL, NULL);
                    INSERT INTO payment_allocation (payment_id, obligation_id, interest, principal, position)
                    VALUES ('33333333-0000-4000-8000-000000000001', '%6$s', 1.20, 300.00, 0),
                           ('33333333-0000-4000-8000-000000000002', '%7$s', 0.60, 200.00, 0),
                           ('33333333-0000-4000-8000-000000000003', '%9$s', 0.00, 110.00, 0),
                           ('33333333-0000-4000-8000-000000000004', '%10$s', 0.00, 497.47, 0),
                           ('33333333-0000-4000-8000-000000000005', '%12$s', 0.00, 52.24, 0);
                    """.formatted(A1, A2, A3, REDUCED, SETTLED, PAID_BY_VOUCHER, REVERSED, UNTOUCHED, DOWN_1, INST_1,
                    INST_2, DOWN_3));
        }

        flyway(null).migrate();

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(movements(s, PAID_BY_VOUCHER)).isEqualTo(
                    "2024-06-12|300.00|PAYMENT|33333333-0000-4000-8000-000000000001");
            assertThat(history(s, REVERSED)).isNull();
            assertThat(history(s, UNTOUCHED)).isNull();
            // Each default's own payment at its own signing day (the old column kept only the latest, 32.24): agreement
            // 1's down payment and installment 1 (110.00 + 487.57) pay 100.00 of interest and 497.57 of principal;
            // agreement 3's down payment (52.24) pays 20.00 of interest and 32.24 of principal.
            assertThat(movements(s, REDUCED)).isEqualTo("2025-03-10|497.57|AGREEMENT|" + A1 + ";2025-06-01|32.24"
                    + "|AGREEMENT|" + A3);
            // Installment 1 of agreement 1 paid financing interest for 03-11 to 04-10 on 990.00, more than the
            // 502.43 that agreement reinstated: those days are exempt on all of it.
            assertThat(field(s, REDUCED, "exemptions")).isEqualTo("[{\"to\": \"2025-04-10\", \"from\": \"2025-03-11\","
                    + " \"principal\": \"502.43\", \"agreementId\": \"" + A1 + "\"}]");
            assertThat(movements(s, SETTLED)).isEqualTo("2024-08-01|500.00|AGREEMENT|" + A2);
            assertThat(field(s, INST_1, "interestFree")).isEqualTo("\"9.90\"");
            assertThat(field(s, INST_2, "interestFree")).isEqualTo("\"5.02\"");
            assertThat(field(s, DOWN_1, "interestFree")).isEqualTo("\"100.00\"");
            assertThat(field(s, DOWN_3, "interestFree")).isEqualTo("\"20.00\"");
            assertThat(movements(s, INST_1)).isEqualTo("2025-04-08|497.47|PAYMENT|33333333-0000-4000-8000-000000000004");
            try (ResultSet rs = s.executeQuery("""
                    SELECT count(*) FROM obligation
                     WHERE principal_paid <> coalesce((SELECT sum((m.value ->> 'paid')::numeric)
                                                         FROM jsonb_array_elements(principal_history -> 'movements') m), 0)
                        OR principal_history::text LIKE '%V6 migration%'""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("obligations whose history does not explain what they paid").isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns"
                    + " WHERE table_name = 'obligation' AND column_name IN ('reduction_amount', 'reduced_on')")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT string_agg((i.value ->> 'number') || ':'"
                    + " || (i.value ->> 'interestBase'), ',' ORDER BY (i.value ->> 'number')::int)"
                    + " FROM agreement a, jsonb_array_elements(a.schedule) i WHERE a.id = '" + A1 + "'")) {
                rs.next();
                // Installment 1 was charged on the financed amount, installment 2 on the balance after 1.
                assertThat(rs.getString(1)).isEqualTo("1:990.00,2:502.43");
            }
            // The check now refuses a principal paid its history does not add up to.
            assertThat((Throwable) tryExecute(s, "UPDATE obligation SET principal_paid = 5 WHERE id = '" + UNTOUCHED
                    + "'")).isNotNull().hasMessageContaining("ck_obligation_history_paid");
        }
    }

    private static String field(Statement s, String id, String field) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT (principal_history -> '" + field + "')::text FROM obligation"
                + " WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String history(Statement s, String id) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT principal_history::text FROM obligation WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String movements(Statement s, String id) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT string_agg((m.value ->> 'on') || '|' || (m.value ->> 'paid') || '|'"
                + " || (m.value ->> 'kind') || '|' || (m.value ->> 'source'), ';')"
                + " FROM obligation o, jsonb_array_elements(o.principal_history -> 'movements') m"
                + " WHERE o.id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static SQLException tryExecute(Statement s, String sql) {
        try {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
