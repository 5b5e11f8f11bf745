package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The lists that were answered whole before issue 10 (API clients, financial entities, a debtor's payments, an
 * entity's payments of a day) come a page at a time by the API's one convention ({@code page}, {@code size},
 * {@code {items, page, size, totalItems}}); the day also comes whole, streamed, as JSON or CSV. Every page is read
 * against the contract (support/ContractFilter), and each test checks that paging visits every row exactly once in a
 * stable order while rows are added between pages.
 */
@QuarkusTest
class PagingHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final String CLIENTS = "/api/v1/admin/api-clients";
    private static final String ENTITIES = "/api/v1/admin/financial-entities";
    /** Monday 2024-06-10, 10:00 in Guayaquil. */
    private static final Instant MONDAY_10AM = Instant.parse("2024-06-10T15:00:00Z");
    private static final String DAY = "2024-06-10";

    @Inject
    TestClock clock;
    @Inject
    Database db;

    private Instant now;

    @BeforeEach
    void ratesForMonday() {
        db.clearRates();
        Api.setRate("2020-01-01", "0.1095");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Monday 10:00, a millisecond later at each call: rows get their creation instants in the order they are made. */
    private void tick() {
        now = now == null ? MONDAY_10AM : now.plusMillis(1);
        clock.fix(now);
    }

    private static String newEntity() {
        String code = "PG-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(code, "17:00");
        return code;
    }

    /** A debtor's FINE not yet due (no interest), on a voucher, paid by {@code bank}: the payment's JSON. */
    private JsonPath pay(String bank, String debtor, String transactionId, String principal) {
        tick();
        String obligationId = Api.createObligation(obligation(debtor, "FINE", principal, "2024-06-30"));
        var voucher = Api.issueVoucher(debtor, obligationId);
        Map<String, Object> body = new HashMap<>();
        body.put("bankTransactionId", transactionId);
        body.put("reference", voucher.path("reference"));
        body.put("amount", voucher.path("amount"));
        body.put("paidAt", "2024-06-10T09:00:00-05:00");
        return as(bank).body(body).post("/api/v1/channel/payments").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath page(RequestSpecification caller, String path, int page, int size) {
        JsonPath json = caller.queryParam("page", page).queryParam("size", size).get(path).then().statusCode(200)
                .extract().jsonPath();
        assertThat(json.getInt("page")).isEqualTo(page);
        assertThat(json.getInt("size")).isEqualTo(size);
        return json;
    }

    // ---- API clients and financial entities ----

    @Test
    void staff_read_the_api_clients_a_page_at_a_time_each_once_oldest_first_while_clients_are_registered() {
        clock.reset(); // the real time: a client registered now comes after every earlier one
        for (int i = 0; i < 3; i++) {
            Api.newKey("STAFF", null);
        }
        List<String> before = db.strings("SELECT id::text FROM api_client ORDER BY created_at, id");
        List<String> registeredMeanwhile = new ArrayList<>();
        List<String> seen = new ArrayList<>();

        int size = Math.max(2, before.size() / 4); // four or five pages, whatever the suite left in the table
        for (int page = 0; ; page++) {
            JsonPath json = page(asStaff(), CLIENTS, page, size);
            List<String> ids = json.getList("items.id");
            seen.addAll(ids);
            assertThat(json.getLong("totalItems")).isEqualTo(before.size() + registeredMeanwhile.size());
            if (page < 3) {
                Api.newKey("EMPLOYER", TestIds.companyRuc());
                registeredMeanwhile.add(db.string("SELECT id::text FROM api_client ORDER BY created_at DESC, id DESC"
                        + " LIMIT 1"));
            }
            if (ids.size() < size) {
                break;
            }
        }

        List<String> expected = new ArrayList<>(before);
        expected.addAll(registeredMeanwhile);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    }

    @Test
    void staff_read_the_entities_a_page_at_a_time_each_once_oldest_first_while_entities_are_registered() {
        clock.reset();
        newEntity();
        List<String> before = db.strings("SELECT code FROM financial_entity ORDER BY created_at, code");
        List<String> registeredMeanwhile = new ArrayList<>();
        List<String> seen = new ArrayList<>();

        int size = Math.max(2, before.size() / 4);
        for (int page = 0; ; page++) {
            JsonPath json = page(asStaff(), ENTITIES, page, size);
            List<String> codes = json.getList("items.code");
            seen.addAll(codes);
            assertThat(json.getLong("totalItems")).isEqualTo(before.size() + registeredMeanwhile.size());
            if (page < 3) {
                // "AA-" sorts before every other code: by code it would shift the pages already read.
                String code = "AA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
                Api.registerEntity(code, "17:00");
                registeredMeanwhile.add(code);
            }
            if (codes.size() < size) {
                break;
            }
        }

        List<String> expected = new ArrayList<>(before);
        expected.addAll(registeredMeanwhile);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    }

    @Test
    void a_list_without_page_or_size_is_its_first_page_of_fifty() {
        clock.reset();
        long missing = 51 - db.count("SELECT count(*) FROM api_client");
        for (long i = 0; i < missing; i++) {
            Api.newKey("STAFF", null);
        }
        JsonPath json = asStaff().get(CLIENTS).then().statusCode(200).extract().jsonPath();

        assertThat(json.getInt("page")).isZero();
        assertThat(json.getInt("size")).isEqualTo(50);
        assertThat(json.getList("items")).hasSize(50);
        assertThat(json.getLong("totalItems")).isEqualTo(db.count("SELECT count(*) FROM api_client"));
        assertThat(json.getList("items.id", String.class))
                .isEqualTo(db.strings("SELECT id::text FROM api_client ORDER BY created_at, id LIMIT 50"));
    }

    // ---- a debtor's payments ----

    @Test
    void a_debtor_reads_its_payments_a_page_at_a_time_each_once_in_posting_order_and_no_one_elses() {
        String entity = newEntity();
        String bank = Api.newKey("BANK", entity);
        String debtor = TestIds.companyRuc();
        String employer = Api.newKey("EMPLOYER", debtor);
        String otherDebtor = TestIds.companyRuc();
        pay(bank, otherDebtor, "OTHER-" + UUID.randomUUID(), "5.00");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(pay(bank, debtor, "DEBTOR-" + UUID.randomUUID(), (10 + i) + ".00").getString("paymentId"));
        }
        String path = "/api/v1/debtors/" + debtor + "/payments";

        List<String> seen = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath json = page(as(employer), path, page, 3);
            List<String> ids = json.getList("items.paymentId");
            seen.addAll(ids);
            assertThat(json.getList("items.allocations")).allSatisfy(a -> assertThat((List<?>) a).hasSize(1));
            assertThat(json.getLong("totalItems")).isEqualTo(posted.size());
            if (page == 0) {
                posted.add(pay(bank, debtor, "DEBTOR-LATE-" + UUID.randomUUID(), "99.00").getString("paymentId"));
            }
            if (ids.size() < 3) {
                break;
            }
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(posted);
        assertThat(page(asStaff(), path, 0, 500).getList("items.paymentId", String.class))
                .containsExactlyElementsOf(posted);
        // Object-level checks: another debtor's employer does not see this debtor; a bank may not read receipts.
        as(Api.newKey("EMPLOYER", otherDebtor)).queryParam("page", 0).get(path).then().statusCode(404);
        as(bank).queryParam("size", 3).get(path).then().statusCode(403);
    }

    // ---- an entity's payments of a day ----

    /** An entity with a bank key and the day's payments it posted, in posting order (one of them reversed). */
    private record Day(String entity, String bank, List<String> paymentIds) {
    }

    private Day aDayOfPayments(int count, String... awkwardTransactionIds) {
        String entity = newEntity();
        String bank = Api.newKey("BANK", entity);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String transaction = i < awkwardTransactionIds.length ? awkwardTransactionIds[i]
                    : "PCH-" + i + "-" + UUID.randomUUID();
            ids.add(pay(bank, TestIds.companyRuc(), transaction, (10 + i) + ".25").getString("paymentId"));
        }
        as(bank).body(Map.of("reason", "error de cajero")).post("/api/v1/channel/payments/" + ids.get(1)
                + "/reversal").then().statusCode(200);
        return new Day(entity, bank, ids);
    }

    /** The APPLIED count and total of the payments of a listing, from the payments themselves. */
    private static Map<String, Object> appliedTotals(List<Map<String, Object>> payments) {
        BigDecimal total = payments.stream().filter(p -> "APPLIED".equals(p.get("status")))
                .map(p -> new BigDecimal((String) p.get("amount"))).reduce(new BigDecimal("0.00"), BigDecimal::add);
        long count = payments.stream().filter(p -> "APPLIED".equals(p.get("status"))).count();
        return Map.of("count", (int) count, "total", total.toPlainString());
    }

    @Test
    void a_bank_reads_its_day_a_page_at_a_time_each_payment_once_in_posting_order_while_payments_arrive() {
        Day day = aDayOfPayments(12);
        Day otherBank = aDayOfPayments(3);
        List<String> posted = new ArrayList<>(day.paymentIds());
        String path = "/api/v1/channel/reconciliation/" + DAY;

        List<Map<String, Object>> seen = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath json = page(as(day.bank()), path, page, 5);
            List<Map<String, Object>> payments = json.getList("payments");
            seen.addAll(payments);
            assertThat(json.getString("entityCode")).isEqualTo(day.entity());
            assertThat(json.getString("businessDate")).isEqualTo(DAY);
            assertThat(json.getLong("totalItems")).isEqualTo(posted.size());
            if (page < 2) {
                // Posted between two pages: it comes after every payment that was there.
                posted.add(pay(day.bank(), TestIds.companyRuc(), "LATE-" + page, "1.00").getString("paymentId"));
            }
            if (payments.size() < 5) {
                // Every page carries the totals of the whole day; the last one's are those of every payment seen.
                assertThat(Map.of("count", json.getInt("count"), "total", json.getString("total")))
                        .isEqualTo(appliedTotals(seen));
                break;
            }
        }

        assertThat(seen).extracting(p -> (String) p.get("paymentId")).doesNotHaveDuplicates()
                .containsExactlyElementsOf(posted)
                .doesNotContainAnyElementsOf(otherBank.paymentIds());
        assertThat(seen.get(1)).containsEntry("status", "REVERSED");
        assertThat(seen.get(0)).containsOnlyKeys("paymentId", "bankTransactionId", "reference", "amount", "status",
                "paidAt").containsEntry("amount", "10.25").containsEntry("paidAt", "2024-06-10T14:00:00Z");
        assertThat(page(as(day.bank()), path, 3, 5).getList("payments")).isEmpty();
    }

    @Test
    void without_page_or_size_the_day_is_whole_as_before_paging_and_the_same_as_its_pages() {
        Day day = aDayOfPayments(7);
        String path = "/api/v1/channel/reconciliation/" + DAY;

        Response whole = as(day.bank()).get(path);

        whole.then().statusCode(200).contentType("application/json");
        JsonPath json = whole.jsonPath();
        List<Map<String, Object>> payments = json.getList("payments");
        assertThat(payments).extracting(p -> (String) p.get("paymentId"))
                .containsExactlyElementsOf(day.paymentIds());
        assertThat(Map.of("count", json.getInt("count"), "total", json.getString("total")))
                .isEqualTo(appliedTotals(payments)).isEqualTo(Map.of("count", 6, "total", "81.50"));
        assertThat(json.getInt("page")).isZero();
        assertThat(json.getInt("size")).isEqualTo(7);
        assertThat(json.getLong("totalItems")).isEqualTo(7);
        List<Map<String, Object>> paged = new ArrayList<>(page(as(day.bank()), path, 0, 4).getList("payments"));
        paged.addAll(page(as(day.bank()), path, 1, 4).getList("payments"));
        assertThat(paged).isEqualTo(payments);
        // A day without payments.
        JsonPath empty = as(day.bank()).get("/api/v1/channel/reconciliation/2024-06-09").then().statusCode(200)
                .extract().jsonPath();
        assertThat(empty.getList("payments")).isEmpty();
        assertThat(empty.getInt("count")).isZero();
        assertThat(empty.getString("total")).isEqualTo("0.00");
        assertThat(empty.getLong("totalItems")).isZero();
    }

    @Test
    void the_day_as_csv_parses_back_to_the_same_payments_with_every_awkward_value_quoted() throws IOException {
        Day day = aDayOfPayments(6, "PCH, \"quoted\" Nº 1", "=1+2", "línea; con ; puntos", "a\"b");
        String path = "/api/v1/channel/reconciliation/" + DAY;
        List<Map<String, Object>> json = as(day.bank()).get(path).then().statusCode(200).extract().jsonPath()
                .getList("payments");

        Response csv = as(day.bank()).accept("text/csv").get(path);

        csv.then().statusCode(200)
                .header("Content-Type", equalTo("text/csv; charset=UTF-8; header=present"))
                .header("Content-Disposition", equalTo("attachment; filename=\"pagos-" + day.entity() + "-" + DAY
                        + ".csv\""));
        String body = csv.asString();
        assertThat(body).startsWith("paymentId,bankTransactionId,reference,amount,status,paidAt\r\n")
                .endsWith("\r\n");
        assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(rows(body)).isEqualTo(json);
        // A page of the CSV is that page's payments.
        String secondPage = as(day.bank()).accept("text/csv").queryParam("page", 1).queryParam("size", 2).get(path)
                .then().statusCode(200).extract().asString();
        assertThat(rows(secondPage)).isEqualTo(json.subList(2, 4));
    }

    /** The rows of a CSV answer, read by an RFC 4180 parser, as maps shaped like the JSON payments. */
    static List<Map<String, Object>> rows(String csv) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            assertThat(parser.getHeaderNames()).containsExactly("paymentId", "bankTransactionId", "reference",
                    "amount", "status", "paidAt");
            for (CSVRecord record : parser) {
                assertThat(record.isConsistent()).as("record %d has every column", record.getRecordNumber())
                        .isTrue();
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
        }
        return rows;
    }

    @Test
    void a_bank_sees_only_its_own_entitys_payments_and_no_other_role_sees_a_day() {
        Day day = aDayOfPayments(3);
        Day other = aDayOfPayments(2);
        String path = "/api/v1/channel/reconciliation/" + DAY;

        assertThat(as(other.bank()).get(path).then().statusCode(200).extract().jsonPath()
                .getList("payments.paymentId", String.class)).containsExactlyElementsOf(other.paymentIds());
        assertThat(as(other.bank()).accept("text/csv").get(path).then().statusCode(200).extract().asString())
                .doesNotContain(day.paymentIds().get(0));

        for (Supplier<RequestSpecification> caller : List.<Supplier<RequestSpecification>>of(Api::asStaff,
                () -> as(Api.newKey("EMPLOYER", TestIds.companyRuc())))) {
            caller.get().get(path).then().statusCode(403).contentType("application/problem+json");
            caller.get().accept("text/csv").get(path).then().statusCode(403)
                    .contentType("application/problem+json");
            caller.get().queryParam("size", 2).get(path).then().statusCode(403);
        }
        asStaff().body(Map.of("active", false)).patch(ENTITIES + "/" + day.entity()).then().statusCode(200);
        as(day.bank()).accept("text/csv").get(path).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "forbidden"));
        as(day.bank()).get(path).then().statusCode(403);
    }

    // ---- bad paging input ----

    @Test
    void bad_paging_input_is_a_400_naming_the_parameter_on_every_paged_list() {
        String entity = newEntity();
        String bank = Api.newKey("BANK", entity);
        String debtor = TestIds.companyRuc();
        Map<String, Supplier<RequestSpecification>> lists = new LinkedHashMap<>();
        lists.put(CLIENTS, Api::asStaff);
        lists.put(ENTITIES, Api::asStaff);
        lists.put("/api/v1/debtors/" + debtor + "/payments", Api::asStaff);
        lists.put("/api/v1/debtors/" + debtor + "/obligations", Api::asStaff);
        lists.put("/api/v1/channel/reconciliation/" + DAY, () -> as(bank));
        lists.put("/api/v1/channel/reconciliation/" + DAY + " (CSV)", () -> as(bank).accept("text/csv"));
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("size=0", "size");
        bad.put("size=501", "size");
        bad.put("size=-1", "size");
        bad.put("size=ten", "size");
        bad.put("size=%00", "size");
        bad.put("page=-1", "page");
        bad.put("page=x", "page");
        bad.put("page=1.5", "page");
        bad.put("page=1e2", "page");
        bad.put("page=%00", "page");
        bad.put("page=%20", "page");
        bad.put("page=99999999999", "page");
        bad.put("page=2147483647&size=2", "page");
        bad.put("page=1&page=2", "page");
        bad.put("size=5&size=5", "size");

        for (Map.Entry<String, Supplier<RequestSpecification>> list : lists.entrySet()) {
            String path = list.getKey().replace(" (CSV)", "");
            for (Map.Entry<String, String> query : bad.entrySet()) {
                list.getValue().get().urlEncodingEnabled(false).get(path + "?" + query.getKey()).then()
                        .statusCode(400).contentType("application/problem+json")
                        .body("type", equalTo(PROBLEMS + "validation-error"))
                        .body("errors.field", hasItem(query.getValue()));
            }
            // Both wrong: both named.
            list.getValue().get().get(path + "?page=-1&size=0").then().statusCode(400)
                    .body("errors.field", hasItem("page")).body("errors.field", hasItem("size"));
            // The bounds themselves are fine.
            list.getValue().get().get(path + "?page=0&size=1").then().statusCode(200);
            list.getValue().get().get(path + "?page=4294967&size=500").then().statusCode(200);
        }
    }
}
