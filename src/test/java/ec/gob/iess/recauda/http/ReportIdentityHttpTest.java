package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 §1: every figure of the collections and recovery reports can be traced to the payments. Payments of every
 * shape are generated straight into the database (as any writer would leave them: a bank's, a card's, a ministry
 * batch line's; several per statement, paying one to three obligations of every type, stage and concept), some are
 * reversed (several per statement, on other days), and the summaries' deltas are folded at random moments, round
 * after round. After every round each report is compared with what the payment tables themselves say, computed here
 * row by row in Java: the rows of every grouping, their total (the APPLIED payments of the period, whatever the
 * grouping), the recovered debt by stage and through agreements, and each entity's payments and reversals.
 *
 * <p>The generated business dates are of 2041 (and the days around it), which no other test class uses; the checks
 * compare with everything the tables hold for the period all the same.
 */
@QuarkusTest
class ReportIdentityHttpTest {

    private static final LocalDate FIRST = LocalDate.of(2040, 12, 20);
    private static final int SPAN_DAYS = 390;
    private static final String[] TYPES = {"CONTRIBUTION", "RESERVE_FUND", "EMPLOYER_LIABILITY", "FINE", "GLOSA",
            "CREDIT_TITLE", "MISC_CONCEPT", "AGREEMENT_INSTALLMENT"};
    private static final String[] STAGES = {"REGULAR", "GLOSA", "CREDIT_TITLE", "ENFORCEMENT"};
    private static final String[] CONCEPTS = {"CERT-AFIL", "COPIAS"};
    private static final String[] ENTITIES = {"RPT-BANCO-1", "RPT-COOP-2"};

    @Inject
    AgroalDataSource dataSource;

    private final Random random = new Random(20411213L);
    private final List<Obl> obligations = new ArrayList<>();
    private int batchLine;

    private record Obl(UUID id, String type, String stage, LocalDate dueDate, String concept) {
    }

    @Test
    void collections_grouped_any_way_and_recovery_add_up_to_the_payments_round_after_round() throws SQLException {
        Api.registerEntity(ENTITIES[0], "23:59");
        Api.registerEntity(ENTITIES[1], "23:59");
        Api.registerEntity("CARD-PROCESSOR", "23:59");
        for (int i = 0; i < 60; i++) {
            obligations.add(newObligation());
        }
        for (int round = 0; round < 6; round++) {
            int statements = 2 + random.nextInt(4);
            for (int s = 0; s < statements; s++) {
                insertPayments(1 + random.nextInt(12));
                if (random.nextInt(3) == 0) {
                    fold();
                }
            }
            reverseSome(random.nextInt(6));
            if (random.nextBoolean()) {
                fold();
            }
            checkEverything(LocalDate.of(2041, 1, 1), LocalDate.of(2041, 12, 31));
            LocalDate from = FIRST.plusDays(random.nextInt(SPAN_DAYS - 40));
            checkEverything(from, from.plusDays(random.nextInt(60)));
        }
        // Reversed payments' deltas folded or not, the summaries still tell the same: fold all, and check once more.
        fold();
        checkEverything(FIRST, FIRST.plusDays(SPAN_DAYS));
    }

    // ---------------------------------------------------------------------------------------------------- the checks

    private void checkEverything(LocalDate from, LocalDate to) throws SQLException {
        List<Pay> payments = payments(from, to);
        List<Alloc> allocations = allocations(from, to);
        BigDecimal applied = payments.stream().filter(p -> p.status.equals("APPLIED")).map(p -> p.amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal allocated = allocations.stream().map(a -> a.principal.add(a.interest))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(allocated).as("what the payments paid is what they were").isEqualByComparingTo(applied);

        Map<String, Map<String, Figures>> expected = new HashMap<>();
        for (String g : List.of("day", "month", "year", "channel", "entity")) {
            Map<String, Figures> rows = new TreeMap<>();
            payments.stream().filter(p -> p.status.equals("APPLIED"))
                    .forEach(p -> rows.merge(paymentKey(g, p), new Figures(1, p.amount), Figures::plus));
            expected.put(g, rows);
        }
        for (String g : List.of("obligationType", "concept")) {
            Map<String, Figures> rows = new TreeMap<>();
            allocations.forEach(a -> rows.merge(g.equals("concept") && !a.concept.isEmpty() ? a.concept
                    : g.equals("concept") ? "type:" + a.type : a.type,
                    new Figures(1, a.principal.add(a.interest)), Figures::plus));
            expected.put(g, rows);
        }
        for (var grouping : expected.entrySet()) {
            JsonPath report = Api.asStaff().queryParam("from", from.toString()).queryParam("to", to.toString())
                    .queryParam("groupBy", grouping.getKey()).get("/api/v1/reports/collections")
                    .then().statusCode(200).extract().jsonPath();
            Map<String, Figures> got = new TreeMap<>();
            for (Map<String, Object> row : report.<Map<String, Object>>getList("rows")) {
                got.put((String) row.get("key"), new Figures(((Number) row.get("count")).longValue(),
                        new BigDecimal((String) row.get("amount"))));
            }
            assertThat(got).as("collections by " + grouping.getKey() + " " + from + ".." + to)
                    .isEqualTo(grouping.getValue());
            assertThat(new BigDecimal(report.getString("total"))).as("total by " + grouping.getKey())
                    .isEqualByComparingTo(applied);
            assertThat(report.<String>getList("rows.key")).as("rows in the order of their keys").isSorted();
        }

        // The CSV of a grouping says the same as its JSON, line by line.
        String csv = Api.asStaff().accept("text/csv").queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("groupBy", "entity").get("/api/v1/reports/collections")
                .then().statusCode(200).contentType("text/csv; charset=UTF-8; header=present").extract().asString();
        List<String> lines = new ArrayList<>(List.of(csv.split("\r\n")));
        assertThat(lines.remove(0)).isEqualTo("key,count,amount");
        assertThat(lines).containsExactlyElementsOf(expected.get("entity").entrySet().stream()
                .map(e -> e.getKey() + "," + e.getValue().count + "," + e.getValue().amount.toPlainString())
                .toList());

        checkRecovery(from, to, allocations);
        checkChannels(from, to, payments);
    }

    private void checkRecovery(LocalDate from, LocalDate to, List<Alloc> allocations) {
        Map<String, Figures2> stages = new TreeMap<>();
        Figures2 installments = Figures2.NONE;
        for (Alloc a : allocations) {
            if (a.type.equals("AGREEMENT_INSTALLMENT")) {
                installments = installments.plus(a);
            } else if (a.businessDate.isAfter(a.dueDate)) {
                stages.merge(a.stage, Figures2.NONE.plus(a), Figures2::plus);
            }
        }
        JsonPath report = Api.asStaff().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/recovery").then().statusCode(200).extract().jsonPath();
        Figures2 total = installments;
        for (String stage : STAGES) {
            Figures2 want = stages.getOrDefault(stage, Figures2.NONE);
            total = total.plus(want);
            Map<String, Object> got = report.getMap("byStage.find { it.stage == '" + stage + "' }");
            assertThat(figures2(got)).as("recovered at stage " + stage).isEqualTo(want);
        }
        assertThat(figures2(report.getMap("agreementInstallments"))).isEqualTo(installments);
        assertThat(figures2(report.getMap("total"))).isEqualTo(total);
        assertThat(new BigDecimal(report.getString("total.amount")))
                .isEqualByComparingTo(total.principal.add(total.interest));
    }

    private void checkChannels(LocalDate from, LocalDate to, List<Pay> payments) throws SQLException {
        JsonPath report = Api.asStaff().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/api/v1/reports/channels").then().statusCode(200).extract().jsonPath();
        List<Pay> reversedInPeriod = reversedOn(from, to);
        for (String entity : ENTITIES) {
            Figures applied = payments.stream().filter(p -> p.status.equals("APPLIED") && entity.equals(p.entity))
                    .map(p -> new Figures(1, p.amount)).reduce(Figures.NONE, Figures::plus);
            Figures reversed = reversedInPeriod.stream().filter(p -> entity.equals(p.entity))
                    .map(p -> new Figures(1, p.amount)).reduce(Figures.NONE, Figures::plus);
            Map<String, Object> line = report.getMap("entities.find { it.entityCode == '" + entity + "' }");
            if (applied.count == 0 && reversed.count == 0) {
                assertThat(line).as(entity + " had nothing in the period").isNull();
                continue;
            }
            assertThat(countAmount(line.get("payments"))).as(entity + " payments").isEqualTo(applied);
            assertThat(countAmount(line.get("reversals"))).as(entity + " reversals").isEqualTo(reversed);
        }
    }

    // ------------------------------------------------------------------------------------------ what the tables say

    private record Pay(UUID id, LocalDate businessDate, String channel, String entity, BigDecimal amount,
                       String status) {
    }

    private record Alloc(String type, String stage, LocalDate dueDate, String concept, LocalDate businessDate,
                         BigDecimal principal, BigDecimal interest) {
    }

    private record Figures(long count, BigDecimal amount) {
        static final Figures NONE = new Figures(0, BigDecimal.ZERO.setScale(2));

        Figures plus(Figures o) {
            return new Figures(count + o.count, amount.add(o.amount));
        }
    }

    private record Figures2(long count, BigDecimal principal, BigDecimal interest) {
        static final Figures2 NONE = new Figures2(0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

        Figures2 plus(Alloc a) {
            return new Figures2(count + 1, principal.add(a.principal), interest.add(a.interest));
        }

        Figures2 plus(Figures2 o) {
            return new Figures2(count + o.count, principal.add(o.principal), interest.add(o.interest));
        }
    }

    private static Figures2 figures2(Map<String, Object> json) {
        return new Figures2(((Number) json.get("count")).longValue(), new BigDecimal((String) json.get("principal")),
                new BigDecimal((String) json.get("interest")));
    }

    @SuppressWarnings("unchecked")
    private static Figures countAmount(Object json) {
        Map<String, Object> m = (Map<String, Object>) json;
        return new Figures(((Number) m.get("count")).longValue(), new BigDecimal((String) m.get("amount")));
    }

    private static String paymentKey(String grouping, Pay p) {
        return switch (grouping) {
            case "day" -> p.businessDate.toString();
            case "month" -> p.businessDate.toString().substring(0, 7);
            case "year" -> p.businessDate.toString().substring(0, 4);
            case "channel" -> p.channel;
            default -> p.entity == null ? "channel:" + p.channel : p.entity;
        };
    }

    private List<Pay> payments(LocalDate from, LocalDate to) throws SQLException {
        return query("SELECT id, business_date, channel, entity_code, amount, status FROM payment"
                + " WHERE business_date BETWEEN ? AND ?", from, to, rs -> new Pay(rs.getObject(1, UUID.class),
                rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                rs.getString(6)));
    }

    private List<Pay> reversedOn(LocalDate from, LocalDate to) throws SQLException {
        List<Pay> all = query("SELECT id, business_date, channel, entity_code, amount, status, reversed_at FROM payment"
                + " WHERE status = 'REVERSED' AND business_date BETWEEN ?::date - 400 AND ?::date + 400", from, to,
                rs -> {
                    LocalDate day = rs.getObject(7, OffsetDateTime.class).atZoneSameInstant(TestClock.GUAYAQUIL)
                            .toLocalDate();
                    return day.isBefore(from) || day.isAfter(to) ? null : new Pay(rs.getObject(1, UUID.class), day,
                            rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getString(6));
                });
        all.removeIf(java.util.Objects::isNull);
        return all;
    }

    private List<Alloc> allocations(LocalDate from, LocalDate to) throws SQLException {
        return query("""
                SELECT o.type, a.stage, o.due_date, o.source_system, o.external_reference, p.business_date,
                       a.principal, a.interest
                  FROM payment_allocation a JOIN payment p ON p.id = a.payment_id
                  JOIN obligation o ON o.id = a.obligation_id
                 WHERE p.status = 'APPLIED' AND p.business_date BETWEEN ? AND ?
                """, from, to, rs -> {
                    String reference = rs.getString(5);
                    boolean ofConcept = rs.getString(1).equals("MISC_CONCEPT")
                            && "PUBLIC-CONCEPT".equals(rs.getString(4))
                            && reference.matches("[A-Z0-9_-]{2,20}-[0-9a-f-]{36}");
                    String concept = ofConcept ? reference.substring(0, reference.length() - 37) : "";
                    return new Alloc(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), concept,
                            rs.getObject(6, LocalDate.class), rs.getBigDecimal(7), rs.getBigDecimal(8));
                });
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, LocalDate from, LocalDate to, Row<T> row) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        }
    }

    // ----------------------------------------------------------------------------------------------- the generation

    /**
     * An obligation of any type and stage; a MISC_CONCEPT one is, one time in two, a public concept voucher's
     * ({@code CONCEPT-<uuid>}). A few others carry the public concept source with a reference that is not a concept's
     * (staff may register any reference): a reference as long as it may be, or on an obligation of another type. Those
     * are of no concept.
     */
    private Obl newObligation() throws SQLException {
        String type = TYPES[random.nextInt(TYPES.length)];
        String stage = STAGES[random.nextInt(STAGES.length)];
        LocalDate due = FIRST.plusDays(random.nextInt(SPAN_DAYS) - 30);
        String concept = type.equals("MISC_CONCEPT") && random.nextBoolean() ? CONCEPTS[random.nextInt(2)] : "";
        String reference = concept.isEmpty() ? null : concept + "-" + UUID.randomUUID();
        if (concept.isEmpty() && random.nextInt(6) == 0) {
            reference = random.nextBoolean() ? "X".repeat(27) + "-" + UUID.randomUUID()
                    : "CERT-AFIL-" + UUID.randomUUID();
        }
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,
                                        interest_paid, due_date, source_system, external_reference, version,
                                        created_at, updated_at)
                VALUES (?, ?, 'Deudor de reportes', ?, ?, 'PENDING', 900000.00, 0, 0, ?, ?, ?, 0, now(), now())
                """)) {
            ps.setObject(1, id);
            ps.setString(2, TestIds.cedula());
            ps.setString(3, type);
            ps.setString(4, stage);
            ps.setObject(5, due);
            ps.setString(6, reference == null ? null : "PUBLIC-CONCEPT");
            ps.setString(7, reference);
            ps.executeUpdate();
        }
        return new Obl(id, type, stage, due, concept);
    }

    /** {@code n} payments in one statement, then their allocations in one statement. */
    private void insertPayments(int n) throws SQLException {
        StringBuilder payments = new StringBuilder("INSERT INTO payment (id, channel, entity_code, bank_transaction_id,"
                + " voucher_reference, batch_id, line_no, amount, paid_at, business_date, status, created_at) VALUES ");
        StringBuilder allocations = new StringBuilder(
                "INSERT INTO payment_allocation (payment_id, obligation_id, interest, principal, position) VALUES ");
        List<Object> pv = new ArrayList<>();
        List<Object> av = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                LocalDate day = FIRST.plusDays(random.nextInt(SPAN_DAYS));
                int kind = random.nextInt(3);
                String channel = kind == 0 ? "BANK" : kind == 1 ? "CARD" : "MINISTRY_BATCH";
                String entity = kind == 0 ? ENTITIES[random.nextInt(2)] : kind == 1 ? "CARD-PROCESSOR" : null;
                BigDecimal amount = BigDecimal.ZERO;
                List<Obl> paid = new ArrayList<>(obligations);
                java.util.Collections.shuffle(paid, random);
                int parts = 1 + random.nextInt(3);
                for (int k = 0; k < parts; k++) {
                    BigDecimal interest = cents(random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(5_000));
                    BigDecimal principal = cents(1 + random.nextInt(90_000));
                    amount = amount.add(interest).add(principal);
                    allocations.append(av.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?)");
                    av.addAll(List.of(id, paid.get(k).id, interest, principal, k));
                }
                String voucher = entity == null ? null : voucher(c, amount, day);
                payments.append(pv.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'APPLIED', now())");
                pv.addAll(java.util.Arrays.asList(id, channel, entity, entity == null ? null : "TX-" + id, voucher,
                        entity == null ? "RPT-BATCH" : null, entity == null ? ++batchLine : null, amount,
                        Timestamp.from(day.atTime(LocalTime.NOON).atZone(TestClock.GUAYAQUIL).toInstant()), day));
            }
            execute(c, payments.toString(), pv);
            execute(c, allocations.toString(), av);
            c.commit();
        }
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private String voucher(Connection c, BigDecimal amount, LocalDate day) throws SQLException {
        String reference = "9" + String.format("%015d", Math.floorMod(random.nextLong(), 1_000_000_000_000_000L));
        execute(c, """
                INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on, status,
                                     description, lines, issued_by, created_at, updated_at, version)
                VALUES (?, ?, 'Deudor de reportes', ?, ?, ?, 'PAID', 'Reportes', '[]'::jsonb, 'test', now(), now(), 0)
                """, List.of(reference, TestIds.cedula(), amount, day, day));
        return reference;
    }

    /** Reverses up to {@code n} APPLIED payments of the generated ones in one statement, each on a day of its own. */
    private void reverseSome(int n) throws SQLException {
        if (n == 0) {
            return;
        }
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM payment WHERE status = 'APPLIED' AND (batch_id = 'RPT-BATCH' OR entity_code IN (?, ?,"
                        + " 'CARD-PROCESSOR')) AND business_date BETWEEN ? AND ? ORDER BY random() LIMIT ?")) {
            ps.setString(1, ENTITIES[0]);
            ps.setString(2, ENTITIES[1]);
            ps.setObject(3, FIRST);
            ps.setObject(4, FIRST.plusDays(SPAN_DAYS));
            ps.setInt(5, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE payment p SET status = 'REVERSED', reversed_at = r.at,"
                + " reversal_reason = 'report test' FROM (VALUES ");
        List<Object> values = new ArrayList<>();
        for (String id : ids) {
            sql.append(values.isEmpty() ? "" : ", ").append("(?::uuid, ?::timestamptz)");
            Instant at = FIRST.plusDays(random.nextInt(SPAN_DAYS)).atTime(LocalTime.of(23, 30))
                    .atZone(TestClock.GUAYAQUIL).toInstant();
            values.addAll(List.of(id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
        }
        sql.append(") AS r(id, at) WHERE p.id = r.id");
        try (Connection c = dataSource.getConnection()) {
            execute(c, sql.toString(), values);
        }
    }

    private void fold() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            execute(c, "SELECT fold_report_deltas()", List.of());
        }
    }

    private static void execute(Connection c, String sql, List<Object> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.execute();
        }
    }
}
