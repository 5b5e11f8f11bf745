package ec.gob.iess.recauda.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.Ministry;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The Ministry of Finance's signed batches over HTTP (issue 11 §1): accepted, settled line by line in the background
 * and reported in JSON and CSV; unsigned, tampered, stale, replayed and inconsistent batches refused with nothing
 * stored.
 */
@QuarkusTest
class PublicSectorBatchesHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    /** Thursday 4 December 2026, 10:00 in Guayaquil: the batches' value date. */
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Database db;
    @Inject
    TestClock clock;

    @BeforeEach
    void fixClock() {
        clock.fix(NOW);
        Api.setRate("2020-01-01", "0.1095");
    }

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> line(int lineNo, String employer, String reference, String period,
                                            String amount) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("lineNo", lineNo);
        line.put("employerId", employer);
        if (reference != null) {
            line.put("reference", reference);
        }
        if (period != null) {
            line.put("period", period);
        }
        line.put("amount", amount);
        return line;
    }

    private static String batch(String batchId, List<Map<String, Object>> lines) {
        BigDecimal total = lines.stream().map(l -> new BigDecimal((String) l.get("amount")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return batch(batchId, total.toPlainString(), lines.size(), lines);
    }

    private static String batch(String batchId, String controlTotal, int lineCount, List<Map<String, Object>> lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", batchId);
        body.put("transferReference", "BCE-20261204-" + batchId.hashCode());
        body.put("valueDate", "2026-12-04");
        body.put("controlTotal", controlTotal);
        body.put("lineCount", lineCount);
        body.put("lines", lines);
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String freshRuc() {
        return db.unusedPublicEntityRuc();
    }

    private static Response post(Ministry ministry, String body) {
        return ministry.post(body, NOW);
    }

    private static String contribution(String employer, String type, String period, String principal) {
        Map<String, Object> body = Api.obligation(employer, type, principal, null);
        body.put("period", period);
        return Api.createObligation(body);
    }

    private JsonPath completed(Ministry ministry, String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath batch = ministry.reader().get(Ministry.PATH + "/" + batchId).then().statusCode(200).extract()
                    .jsonPath();
            if ("COMPLETED".equals(batch.getString("status"))) {
                return batch;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("batch " + batchId + " did not complete in 60 s");
    }

    private static final String FUNDS = "/api/v1/admin/unapplied-funds";

    /** A debtor's statement lines on the value date, by obligation id. */
    private static Map<String, Map<String, Object>> statement(String debtor) {
        Map<String, Map<String, Object>> lines = new LinkedHashMap<>();
        List<Map<String, Object>> items = asStaff().get("/api/v1/debtors/" + debtor + "/statement?asOf=2026-12-04")
                .then().statusCode(200).extract().jsonPath().getList("items");
        items.forEach(l -> lines.put((String) l.get("obligationId"), l));
        return lines;
    }

    @Test
    void staff_apply_a_rejected_lines_money_to_obligations_as_of_the_value_date_and_refund_the_rest() {
        Ministry ministry = Ministry.register();
        String unknown = freshRuc();
        String debtor = freshRuc();
        String later = Api.createObligation(Api.obligation(debtor, "FINE", "80.00", "2026-11-01"));
        String older = Api.createObligation(Api.obligation(debtor, "FINE", "30.00", "2026-10-01"));
        String batchId = "MEF-" + UUID.randomUUID().toString().substring(0, 8);
        post(ministry, batch(batchId, List.of(line(1, unknown, null, "2026-11", "500.00")))).then().statusCode(202);
        completed(ministry, batchId);
        String fund = db.string("SELECT id::text FROM unapplied_fund WHERE batch_id = ? AND line_no = 1", batchId);

        Map<String, Object> listed = Api.itemOf(FUNDS + "?status=OPEN", "id", fund);
        assertThat(listed).containsEntry("status", "OPEN").containsEntry("batchId", batchId)
                .containsEntry("lineNo", 1).containsEntry("amount", "500.00")
                .containsEntry("reason", "unknown-employer").containsEntry("employerId", unknown)
                .containsEntry("valueDate", "2026-12-04");
        Map<String, Map<String, Object>> due = statement(debtor);
        BigDecimal olderInterest = new BigDecimal((String) due.get(older).get("interest"));
        BigDecimal laterInterest = new BigDecimal((String) due.get(later).get("interest"));
        assertThat(olderInterest).isPositive();
        assertThat(laterInterest).isPositive();

        // Bad requests change nothing and name the field.
        asStaff().body(Map.of("obligationIds", List.of())).post(FUNDS + "/" + fund + "/application").then()
                .statusCode(400).body("errors[0].field", equalTo("obligationIds"));
        asStaff().body(Map.of("obligationIds", List.of(older, "not-an-id"))).post(FUNDS + "/" + fund
                + "/application").then().statusCode(400).body("errors[0].field", equalTo("obligationIds[1]"));
        asStaff().body(Map.of("obligationIds", List.of(older))).post(FUNDS + "/" + UUID.randomUUID()
                + "/application").then().statusCode(404).body("type", equalTo(PROBLEMS + "unapplied-fund-not-found"));

        // Named newest first: the money still goes to the oldest due first, interest before principal.
        JsonPath applied = asStaff().body(Map.of("obligationIds", List.of(later, older)))
                .post(FUNDS + "/" + fund + "/application").then().statusCode(200).extract().jsonPath();
        assertThat(applied.getString("payment.channel")).isEqualTo("MINISTRY_BATCH");
        assertThat(applied.getString("payment.batchId")).isEqualTo(batchId);
        assertThat(applied.getInt("payment.lineNo")).isEqualTo(1);
        assertThat(applied.getString("payment.unappliedFundId")).isEqualTo(fund);
        assertThat(applied.getString("payment.businessDate")).isEqualTo("2026-12-04");
        assertThat(applied.getList("payment.allocations.obligationId")).containsExactly(older, later);
        assertThat(applied.getList("payment.allocations.interest")).containsExactly(olderInterest.toPlainString(),
                laterInterest.toPlainString());
        assertThat(applied.getList("payment.allocations.principal")).containsExactly("30.00", "80.00");
        BigDecimal used = new BigDecimal("110.00").add(olderInterest).add(laterInterest);
        assertThat(new BigDecimal(applied.getString("payment.amount"))).isEqualByComparingTo(used);
        assertThat(applied.getString("fund.status")).isEqualTo("APPLIED");
        assertThat(new BigDecimal(applied.getString("fund.appliedAmount"))).isEqualByComparingTo(used);
        String remainder = applied.getString("remainder.id");
        assertThat(applied.getString("fund.remainderFundId")).isEqualTo(remainder);
        assertThat(applied.getString("remainder.originFundId")).isEqualTo(fund);
        assertThat(applied.getString("remainder.reason")).isEqualTo("remainder");
        assertThat(applied.getString("remainder.status")).isEqualTo("OPEN");
        assertThat(new BigDecimal(applied.getString("remainder.amount")))
                .isEqualByComparingTo(new BigDecimal("500.00").subtract(used));
        asStaff().get("/api/v1/obligations/" + older).then().body("status", equalTo("PAID"));
        asStaff().get("/api/v1/obligations/" + later).then().body("status", equalTo("PAID"))
                .body("interestPaid", equalTo(laterInterest.toPlainString()));
        Map<String, Object> payment = Api.itemOf("/api/v1/debtors/" + debtor + "/payments", "paymentId",
                applied.getString("payment.paymentId"));
        assertThat(payment).containsEntry("unappliedFundId", fund).containsEntry("batchId", batchId);

        // A fund is resolved once; an obligation that owes nothing is refused, and the remainder stays OPEN.
        asStaff().body(Map.of("obligationIds", List.of(older))).post(FUNDS + "/" + fund + "/application").then()
                .statusCode(409).body("type", equalTo(PROBLEMS + "fund-resolved"));
        asStaff().body(Map.of("reason", "devuelto")).post(FUNDS + "/" + fund + "/refund").then().statusCode(409);
        asStaff().body(Map.of("obligationIds", List.of(older))).post(FUNDS + "/" + remainder + "/application")
                .then().statusCode(422).body("type", equalTo(PROBLEMS + "obligation-not-eligible"))
                .body("obligations[0].reason", equalTo("NOT_PENDING"));
        asStaff().get(FUNDS + "/" + remainder).then().statusCode(200).body("status", equalTo("OPEN"));
        assertThat(db.count("SELECT count(*) FROM payment WHERE unapplied_fund_id::text IN (?, ?)", fund, remainder))
                .isEqualTo(1);

        asStaff().body(Map.of("reason", " ")).post(FUNDS + "/" + remainder + "/refund").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        asStaff().body(Map.of("reason", "Devuelto al Ministerio de Finanzas, oficio MEF-2026-1234"))
                .post(FUNDS + "/" + remainder + "/refund").then().statusCode(200)
                .body("status", equalTo("REFUNDED"))
                .body("refundReason", equalTo("Devuelto al Ministerio de Finanzas, oficio MEF-2026-1234"))
                .body("resolvedAt", org.hamcrest.Matchers.notNullValue());
        assertThat(Api.allItems(FUNDS + "?status=OPEN")).noneMatch(f -> fund.equals(f.get("id"))
                || remainder.equals(f.get("id")));
        // The line's money is all accounted for: applied by staff, or refunded.
        assertThat(db.string("SELECT sum(amount)::text FROM (SELECT amount FROM payment WHERE batch_id = ?"
                + " UNION ALL SELECT amount FROM unapplied_fund WHERE batch_id = ? AND status = 'REFUNDED') m",
                batchId, batchId)).isEqualTo("500.00");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id IN (?, ?) AND action IN"
                + " ('UNAPPLIED_FUND_APPLIED', 'UNAPPLIED_FUND_REFUNDED')", fund, remainder)).isEqualTo(2);
    }

    @Test
    void a_line_that_fails_every_time_it_is_settled_is_rejected_alone_and_does_not_block_the_others() {
        Ministry ministry = Ministry.register();
        String batchId = "MEF-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> obligations = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            String employer = freshRuc();
            obligations.add(contribution(employer, "CONTRIBUTION", "2026-11", "100.00"));
            lines.add(line(n, employer, null, "2026-11", "100.00"));
        }
        // A defect stands for itself: storing line 3 as settled fails, every time, whatever chunk it is in.
        db.execute("CREATE OR REPLACE FUNCTION test_poisoned_line() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'poisoned line'; END $$");
        db.execute("CREATE TRIGGER test_poisoned_line BEFORE UPDATE ON ministry_batch_line FOR EACH ROW"
                + " WHEN (NEW.batch_id = '" + batchId + "' AND NEW.line_no = 3 AND NEW.status <> 'REJECTED'"
                + " AND NEW.failed_attempts = OLD.failed_attempts) EXECUTE FUNCTION test_poisoned_line()");
        try {
            post(ministry, batch(batchId, lines)).then().statusCode(202);
            JsonPath done = completed(ministry, batchId);
            assertThat(done.getInt("appliedCount")).isEqualTo(4);
            assertThat(done.getInt("rejectedCount")).isEqualTo(1);
            JsonPath page = ministry.reader().get(Ministry.PATH + "/" + batchId + "/lines").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(page.getList("items.status")).containsExactly("APPLIED", "APPLIED", "REJECTED", "APPLIED",
                    "APPLIED");
            assertThat(page.getString("items[2].reason")).isEqualTo("processing-failed");
            assertThat(page.getString("items[2].unappliedAmount")).isEqualTo("100.00");
            assertThat(db.count("SELECT failed_attempts FROM ministry_batch_line WHERE batch_id = ? AND line_no = 3",
                    batchId)).isEqualTo(3);
            assertThat(db.count("SELECT count(*) FROM unapplied_fund WHERE batch_id = ? AND line_no = 3"
                    + " AND reason = 'processing-failed' AND status = 'OPEN'", batchId)).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action ="
                    + " 'BATCH_LINE_REJECTED'", batchId + "/3")).isEqualTo(1);
            asStaff().get("/api/v1/obligations/" + obligations.get(2)).then().body("status", equalTo("PENDING"))
                    .body("principalPaid", equalTo("0.00"));
            asStaff().get("/api/v1/obligations/" + obligations.get(3)).then().body("status", equalTo("PAID"));
        } finally {
            db.execute("DROP TRIGGER test_poisoned_line ON ministry_batch_line");
        }
    }

    @Test
    void a_signed_batch_is_accepted_settled_line_by_line_and_reported_in_json_and_csv() throws IOException {
        Ministry ministry = Ministry.register();
        String school = freshRuc();
        String hospital = freshRuc();
        String unknown = freshRuc();
        // Period 2026-11 is due on 15 December: no interest yet on the value date.
        String novContribution = contribution(school, "CONTRIBUTION", "2026-11", "1000.00");
        String novReserve = contribution(school, "RESERVE_FUND", "2026-11", "250.00");
        String hospitalNov = contribution(hospital, "CONTRIBUTION", "2026-11", "800.00");
        // Period 2026-09 was due on 15 October: interest first, then principal.
        String hospitalSep = contribution(hospital, "CONTRIBUTION", "2026-09", "500.00");
        String voucherObligation = Api.createObligation(Api.obligation(hospital, "FINE", "75.10", "2026-12-20"));
        String reference = Api.issueVoucher(hospital, voucherObligation).path("reference");
        String batchId = "MEF-" + UUID.randomUUID().toString().substring(0, 8);

        List<Map<String, Object>> lines = List.of(
                line(1, school, null, "2026-11", "1250.00"),       // exactly the period: APPLIED
                line(2, hospital, null, "2026-11", "300.00"),      // less: PARTIAL
                line(3, hospital, reference, null, "75.10"),       // the voucher: APPLIED
                line(4, unknown, null, "2026-11", "40.00"),        // REJECTED unknown-employer
                line(5, hospital, null, "2026-09", "100.00"),      // interest first, then part of the principal
                line(6, hospital, reference, null, "75.10"),       // the same voucher again: already paid
                line(7, school, null, "2026-11", "10.00"));        // nothing left of the period: nothing-pending
        String body = batch(batchId, lines);
        Response accepted = post(ministry, body);
        accepted.then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith(Ministry.PATH + "/" + batchId))
                .body("batchId", equalTo(batchId))
                .body("status", equalTo("RECEIVED"))
                .body("lineCount", equalTo(7));

        JsonPath done = completed(ministry, batchId);
        assertThat(done.getInt("linesProcessed")).isEqualTo(7);
        assertThat(done.getInt("appliedCount")).isEqualTo(2);
        assertThat(done.getInt("partialCount")).isEqualTo(2);
        assertThat(done.getInt("rejectedCount")).isEqualTo(3);
        assertThat(done.getString("completedAt")).isNotNull();
        BigDecimal applied = new BigDecimal(done.getString("appliedTotal"));
        BigDecimal unapplied = new BigDecimal(done.getString("unappliedTotal"));
        assertThat(applied).isEqualByComparingTo("1725.10");
        assertThat(unapplied).isEqualByComparingTo("125.10");
        assertThat(applied.add(unapplied)).as("applied + unapplied = controlTotal")
                .isEqualByComparingTo(done.getString("controlTotal"));

        JsonPath page = ministry.reader().get(Ministry.PATH + "/" + batchId + "/lines?size=10").then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.status")).containsExactly("APPLIED", "PARTIAL", "APPLIED", "REJECTED",
                "PARTIAL", "REJECTED", "REJECTED");
        assertThat(page.getList("items.reason")).containsExactly(null, null, null, "unknown-employer", null,
                "voucher-already-paid", "nothing-pending");
        assertThat(page.getList("items[0].allocations.obligationId")).containsExactlyInAnyOrder(novContribution,
                novReserve);
        assertThat(page.getList("items[1].allocations.principal")).containsExactly("300.00");
        assertThat(page.getString("items[1].allocations[0].obligationId")).isEqualTo(hospitalNov);
        // Line 5: the September contribution's interest to the value date comes first, the rest to its principal.
        String interest = page.getString("items[4].allocations[0].interest");
        String principal = page.getString("items[4].allocations[0].principal");
        assertThat(new BigDecimal(interest)).isPositive();
        assertThat(new BigDecimal(interest).add(new BigDecimal(principal))).isEqualByComparingTo("100.00");
        asStaff().get("/api/v1/obligations/" + hospitalSep).then().statusCode(200)
                .body("interestPaid", equalTo(interest))
                .body("principalPaid", equalTo(principal))
                .body("status", equalTo("PENDING"));
        asStaff().get("/api/v1/obligations/" + novContribution).then().body("status", equalTo("PAID"));
        asStaff().get("/api/v1/obligations/" + voucherObligation).then().body("status", equalTo("PAID"));
        assertThat(page.getInt("totalItems")).isEqualTo(7);

        ministry.reader().get(Ministry.PATH + "/" + batchId + "/lines?status=REJECTED").then().statusCode(200)
                .body("totalItems", equalTo(3));

        // The payments are the debtor's like any other, under their channel.
        List<Map<String, Object>> payments = Api.allItems("/api/v1/debtors/" + hospital + "/payments");
        assertThat(payments).extracting(p -> p.get("channel")).containsOnly("MINISTRY_BATCH");
        assertThat(payments).extracting(p -> p.get("batchId")).containsOnly(batchId);
        assertThat(payments).extracting(p -> p.get("lineNo")).containsExactlyInAnyOrder(2, 3, 5);

        // Rejected money and surpluses are unapplied funds of the batch, OPEN.
        assertThat(db.count("SELECT count(*) FROM unapplied_fund WHERE batch_id = ? AND status = 'OPEN'", batchId))
                .isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE correlation_id = ? AND action = 'PAYMENT_APPLIED'",
                "batch:" + batchId)).isEqualTo(4);

        // The result file, parsed back with a CSV library.
        String csv = ministry.reader().accept("text/csv").get(Ministry.PATH + "/" + batchId + "/lines").then()
                .statusCode(200).header("Content-Type", startsWith("text/csv")).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0).get("status")).isEqualTo("APPLIED");
        assertThat(rows.get(0).get("appliedAmount")).isEqualTo("1250.00");
        assertThat(rows.get(3).get("reason")).isEqualTo("unknown-employer");
        assertThat(rows.get(3).get("unappliedAmount")).isEqualTo("40.00");
        assertThat(rows.get(0).get("allocations")).contains(novContribution + ":0.00:1000.00");
        BigDecimal csvTotal = rows.stream().map(r -> new BigDecimal(r.get("appliedAmount"))
                .add(new BigDecimal(r.get("unappliedAmount")))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(csvTotal).isEqualByComparingTo(done.getString("controlTotal"));

        // The same batch again, signed again (a new created: Ed25519 signs the same base the same way): its state;
        // another body under the same id: a conflict.
        ministry.post(body, NOW.plusSeconds(1)).then().statusCode(200).body("status", equalTo("COMPLETED"));
        post(ministry, batch(batchId, List.of(line(1, school, null, "2026-11", "1.00")))).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "batch-conflict"));
    }

    @Test
    void unsigned_tampered_stale_replayed_and_wrongly_keyed_batches_get_401_and_store_nothing() {
        Ministry ministry = Ministry.register();
        String employer = freshRuc();
        String body = batch("MEF-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(line(1, employer, null, "2026-11", "10.00")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long batches = db.count("SELECT count(*) FROM ministry_batch");
        long signatures = db.count("SELECT count(*) FROM seen_signature");

        Api.as(ministry.apiKey).body(bytes).post(Ministry.PATH).then().statusCode(401)
                .contentType("application/problem+json")
                .header("Accept-Signature", startsWith("sig1=(\"@method\" \"@path\" \"content-digest\")"))
                .body("type", equalTo(PROBLEMS + "signature-missing"));
        Ministry.Signed signed = ministry.sign(bytes, NOW);
        byte[] tampered = body.replace("10.00", "11.00").getBytes(StandardCharsets.UTF_8);
        ministry.request(signed).body(tampered).post(Ministry.PATH).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "digest-mismatch"));
        Ministry.Signed overOther = ministry.sign(tampered, NOW);
        ministry.request(new Ministry.Signed(signed.contentDigest(), overOther.signatureInput(),
                overOther.signature())).body(bytes).post(Ministry.PATH).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "signature-invalid"));
        ministry.request(ministry.withWrongPrivateKey().sign(bytes, NOW)).body(bytes).post(Ministry.PATH).then()
                .statusCode(401).body("type", equalTo(PROBLEMS + "signature-invalid"));
        ministry.request(ministry.sign(bytes, NOW.minusSeconds(301))).body(bytes).post(Ministry.PATH).then()
                .statusCode(401).body("type", equalTo(PROBLEMS + "signature-stale"));
        ministry.request(ministry.sign(bytes, NOW.plusSeconds(301))).body(bytes).post(Ministry.PATH).then()
                .statusCode(401).body("type", equalTo(PROBLEMS + "signature-stale"));
        ministry.request(ministry.namingKey("unknown-key").sign(bytes, NOW)).body(bytes).post(Ministry.PATH).then()
                .statusCode(401).body("type", equalTo(PROBLEMS + "signature-key-unknown"));
        // Another ministry's key, even a registered one, does not sign for this client.
        Ministry other = Ministry.register();
        ministry.request(other.sign(bytes, NOW)).body(bytes).post(Ministry.PATH).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "signature-key-unknown"));
        ministry.request(new Ministry.Signed(signed.contentDigest(), "sig1=(\"@method\" \"@path\");created="
                + NOW.getEpochSecond() + ";keyid=\"" + ministry.keyId + "\";alg=\"ed25519\"", signed.signature()))
                .body(bytes).post(Ministry.PATH).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "signature-malformed"));
        assertThat(db.count("SELECT count(*) FROM ministry_batch")).isEqualTo(batches);
        assertThat(db.count("SELECT count(*) FROM seen_signature")).isEqualTo(signatures);

        // Accepted once; the very same signed request again is a replay, even though the batch would be a repeat.
        ministry.request(signed).body(bytes).post(Ministry.PATH).then().statusCode(202);
        ministry.request(signed).body(bytes).post(Ministry.PATH).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "signature-replayed"));
        // A revoked key signs no more; the client's other key does (rotation).
        Ministry rotated = ministry.withNewKey();
        asStaff().delete("/api/v1/admin/api-clients/" + ministry.clientId + "/signing-keys/" + ministry.keyId)
                .then().statusCode(204);
        String next = batch("MEF-" + UUID.randomUUID().toString().substring(0, 8),
                List.of(line(1, employer, null, "2026-11", "10.00")));
        post(ministry, next).then().statusCode(401).body("type", equalTo(PROBLEMS + "signature-key-unknown"));
        post(rotated, next).then().statusCode(202);
        assertThat(db.count("SELECT count(*) FROM ministry_batch")).isEqualTo(batches + 2);

        // Only MINISTRY clients submit.
        Api.as(Api.newKey("EMPLOYER", employer)).body(bytes).post(Ministry.PATH).then().statusCode(403);
    }

    @Test
    void an_inconsistent_batch_is_refused_with_422_naming_its_lines_and_nothing_is_stored() {
        Ministry ministry = Ministry.register();
        String employer = freshRuc();
        long batches = db.count("SELECT count(*) FROM ministry_batch");
        long lines = db.count("SELECT count(*) FROM ministry_batch_line");

        String batchId = "MEF-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> good = List.of(line(1, employer, null, "2026-11", "10.00"),
                line(2, employer, null, "2026-10", "20.00"));
        post(ministry, batch(batchId, "30.00", 3, good)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "batch-invalid"))
                .body("errors.field", org.hamcrest.Matchers.contains("lineCount"));
        post(ministry, batch(batchId, "31.00", 2, good)).then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.contains("controlTotal"));

        List<Map<String, Object>> bad = List.of(
                line(1, employer, null, "2026-11", "10.00"),
                line(1, employer, null, "2026-10", "10.00"),                        // repeated lineNo
                line(3, TestIds.companyRuc().substring(0, 12), null, "2026-11", "10.00"), // a digit missing
                line(4, employer, "9100000000000011", "2026-11", "10.00"),          // both
                line(5, employer, null, null, "10.00"),                             // neither
                line(6, employer, null, "2026-13", "10.00"),                        // no such month
                line(7, employer, null, "2026-11", "10.5"));                        // one decimal
        JsonPath refused = post(ministry, batch(batchId, "60.50", 7, bad)).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "batch-invalid")).extract().jsonPath();
        assertThat(refused.getList("errors.field")).containsExactly("lines[1].lineNo", "lines[2].employerId",
                "lines[3].period", "lines[4].reference", "lines[5].period", "lines[6].amount");
        assertThat(refused.getString("errors[1].message")).startsWith("line 3: ");

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            many.add(line(i, employer, null, "2026-11", "1.0"));
        }
        JsonPath first100 = post(ministry, batch(batchId, "150.00", 150, many)).then().statusCode(422).extract()
                .jsonPath();
        assertThat(first100.getList("errors")).hasSize(100);
        assertThat(first100.getString("detail")).contains("150 lines").contains("first 100");

        post(ministry, batch(batchId, "30.00", 2, good).replace("2026-12-04", "2026-12-05")).then().statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.contains("valueDate"));
        post(ministry, batch(batchId, "30.00", 2, good).replace("\"batchId\":\"" + batchId, "\"batchId\":\" x"))
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("batchId"));
        post(ministry, batch(batchId, "30.00", 2, good).replace("\"lineCount\":2", "\"lineCount\":\"2\"")).then()
                .statusCode(400);
        assertThat(db.count("SELECT count(*) FROM ministry_batch")).isEqualTo(batches);
        assertThat(db.count("SELECT count(*) FROM ministry_batch_line")).isEqualTo(lines);
    }

    @Test
    void a_ministry_reads_only_its_own_batches_and_staff_read_every_batch() {
        Ministry ministry = Ministry.register();
        String batchId = "MEF-" + UUID.randomUUID().toString().substring(0, 8);
        post(ministry, batch(batchId, List.of(line(1, freshRuc(), null, "2026-11", "5.00"))))
                .then().statusCode(202);
        Ministry other = Ministry.register();
        other.reader().get(Ministry.PATH + "/" + batchId).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "batch-not-found"));
        other.reader().get(Ministry.PATH + "/" + batchId + "/lines").then().statusCode(404);
        other.reader().accept("text/csv").get(Ministry.PATH + "/" + batchId + "/lines").then().statusCode(404);
        asStaff().get(Ministry.PATH + "/" + batchId).then().statusCode(200).body("batchId", equalTo(batchId));
        Api.as(Api.newBankKey("BANCO-LOTE")).get(Ministry.PATH + "/" + batchId).then().statusCode(403);
        ministry.reader().get(Ministry.PATH + "/" + batchId + "/lines?status=LOST").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("status"));
    }
}
