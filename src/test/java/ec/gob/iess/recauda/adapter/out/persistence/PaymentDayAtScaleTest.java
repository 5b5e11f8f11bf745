package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static ec.gob.iess.recauda.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day of 20,000 payments of one entity (the bank of the issue reads 100,000): its CSV is produced whole, streamed,
 * and parses back to the day's rows; the JSON of the whole day and of a deep page are right; and the statements that
 * read a day, by page and by chunk, read their rows through the index ix_payment_day from where they start, never
 * sorting the day. Nothing here is timed.
 */
@QuarkusTest
class PaymentDayAtScaleTest {

    private static final int PAYMENTS = 20_000;
    /** A day no other test posts payments on. */
    private static final LocalDate DAY = LocalDate.of(2024, 7, 1);

    @Inject
    Database db;

    /** Seeded once for the class: the day's entity and a BANK key of it. */
    private static String entity;
    private static String bank;

    @BeforeEach
    void aDayOfTwentyThousandPayments() {
        if (entity != null) {
            return;
        }
        String code = "SCALE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(code, "17:00");
        String key = Api.newKey("BANK", code);
        // References: 9, five digits of this run, ten of the row (the database checks only the form).
        String run = String.valueOf(ThreadLocalRandom.current().nextInt(10_000, 100_000));
        execute("INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on, status,"
                + " description, lines, issued_by, created_at, updated_at, version)"
                + " SELECT '9" + run + "' || lpad(i::text, 10, '0'), 'SCALE-TEST', 'Deudor de prueba',"
                + " (i % 997 + 1) + 0.37, DATE '2024-06-28', DATE '2024-07-05', 'PAID', 'prueba de volumen', '[]',"
                + " 'test', now(), now(), 0 FROM generate_series(1, " + PAYMENTS + ") i");
        // One in ten reversed; every thousandth transaction id holds a comma and a double quote.
        execute("INSERT INTO payment (id, channel, entity_code, bank_transaction_id, voucher_reference, amount,"
                + " paid_at, business_date, status, created_at, reversed_at, reversal_reason)"
                + " SELECT gen_random_uuid(), 'BANK', '" + code + "',"
                + " CASE WHEN i % 1000 = 0 THEN 'LOTE, \"' || i || '\"' ELSE 'LOTE-' || i END,"
                + " '9" + run + "' || lpad(i::text, 10, '0'), (i % 997 + 1) + 0.37,"
                + " TIMESTAMPTZ '2024-07-01 08:00:00-05' + i * INTERVAL '1 second', DATE '" + DAY + "',"
                + " CASE WHEN i % 10 = 0 THEN 'REVERSED' ELSE 'APPLIED' END,"
                + " TIMESTAMPTZ '2024-07-01 08:00:00-05' + i * INTERVAL '1 second' + INTERVAL '1 millisecond',"
                + " CASE WHEN i % 10 = 0 THEN TIMESTAMPTZ '2024-07-01 16:00:00-05' END,"
                + " CASE WHEN i % 10 = 0 THEN 'prueba' END"
                + " FROM generate_series(1, " + PAYMENTS + ") i");
        execute("ANALYZE payment");
        bank = key;
        entity = code;
    }

    private void execute(String sql) {
        SQLException failure = db.tryExecute(sql);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private String path() {
        return "/api/v1/channel/reconciliation/" + DAY;
    }

    @Test
    void the_csv_of_twenty_thousand_payments_is_streamed_whole_and_parses_back_to_the_days_rows() throws IOException {
        List<String> expectedIds = db.strings("SELECT id::text FROM payment WHERE business_date = ? AND"
                + " entity_code = ? ORDER BY created_at, id", DAY, entity);
        String expectedTotal = db.string("SELECT sum(amount)::text FROM payment WHERE business_date = ? AND"
                + " entity_code = ? AND status = 'APPLIED'", DAY, entity);

        Response csv = as(bank).accept("text/csv").get(path());

        csv.then().statusCode(200).header("Transfer-Encoding", "chunked");
        assertThat(csv.getHeader("Content-Length")).as("streamed, so its length is not known up front").isNull();
        List<String> ids = new ArrayList<>();
        BigDecimal applied = new BigDecimal("0.00");
        int reversed = 0;
        int quoted = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = new InputStreamReader(csv.asInputStream(), StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord row : parser) {
                assertThat(row.isConsistent()).isTrue();
                ids.add(row.get("paymentId"));
                assertThat(row.get("amount")).matches("[0-9]+\\.[0-9]{2}");
                if (row.get("status").equals("APPLIED")) {
                    applied = applied.add(new BigDecimal(row.get("amount")));
                } else {
                    reversed++;
                }
                if (row.get("bankTransactionId").contains(",")) {
                    assertThat(row.get("bankTransactionId")).matches("LOTE, \"[0-9]+\"");
                    quoted++;
                }
            }
        }

        assertThat(ids).hasSize(PAYMENTS).doesNotHaveDuplicates().isEqualTo(expectedIds);
        assertThat(applied.toPlainString()).isEqualTo(expectedTotal);
        assertThat(reversed).isEqualTo(PAYMENTS / 10);
        assertThat(quoted).isEqualTo(PAYMENTS / 1000);
    }

    @Test
    void the_json_of_the_whole_day_and_a_deep_page_hold_the_days_rows() {
        List<String> expectedIds = db.strings("SELECT id::text FROM payment WHERE business_date = ? AND"
                + " entity_code = ? ORDER BY created_at, id", DAY, entity);

        JsonPath whole = as(bank).get(path()).then().statusCode(200).extract().jsonPath();
        JsonPath last = as(bank).queryParam("page", 39).queryParam("size", 500).get(path()).then().statusCode(200)
                .extract().jsonPath();

        assertThat(whole.getList("payments.paymentId", String.class)).isEqualTo(expectedIds);
        assertThat(whole.getInt("count")).isEqualTo(PAYMENTS - PAYMENTS / 10);
        assertThat(whole.getLong("totalItems")).isEqualTo(PAYMENTS);
        assertThat(last.getList("payments.paymentId", String.class))
                .isEqualTo(expectedIds.subList(PAYMENTS - 500, PAYMENTS));
        assertThat(Map.of("count", last.getInt("count"), "total", last.getString("total"),
                "totalItems", last.getLong("totalItems")))
                .isEqualTo(Map.of("count", whole.getInt("count"), "total", whole.getString("total"),
                        "totalItems", (long) PAYMENTS));
    }

    @Test
    void a_page_or_a_chunk_of_a_day_is_read_through_its_index_from_where_it_starts_and_the_day_is_never_sorted() {
        List<String> deepPage = explain(PaymentPersistenceAdapter.DAY_PAGE, DAY, entity, DAY, entity, DAY, entity,
                19_500L, 500);
        List<String> first = explain(PaymentPersistenceAdapter.DAY_FIRST, DAY, entity, 1000);
        String[] position = db.string("SELECT (extract(epoch FROM created_at) * 1000000)::bigint || '|' || id"
                + " FROM payment WHERE business_date = ? AND entity_code = ? ORDER BY created_at, id"
                + " OFFSET 9999 LIMIT 1", DAY, entity).split("\\|");
        Instant createdAt = Instant.EPOCH.plus(Long.parseLong(position[0]), ChronoUnit.MICROS);
        List<String> after = explain(PaymentPersistenceAdapter.DAY_AFTER, DAY, entity, Sql.timestamp(createdAt),
                UUID.fromString(position[1]), 1000);

        // The rows of a page or a chunk are read through the index, from where they start: a page from its first
        // row (found in the index alone), a chunk from the position after the last one read.
        assertThat(String.join("\n", deepPage)).contains("Index Only Scan using ix_payment_day")
                .containsPattern("Index Scan using ix_payment_day on payment p .*\\n.*ROW\\(created_at, id\\) >= ROW\\(")
                .doesNotContain("Bitmap");
        assertThat(String.join("\n", first)).contains("Index Scan using ix_payment_day").doesNotContain("Seq Scan");
        assertThat(String.join("\n", after)).contains("Index Scan using ix_payment_day")
                .contains("ROW(created_at, id) > ROW(").doesNotContain("Seq Scan");
        // A chunk comes in the index's order: no sort at all. A page sorts only its own rows (at most 500).
        assertThat(first).noneMatch(line -> line.contains("Sort"));
        assertThat(after).noneMatch(line -> line.contains("Sort"));
        assertThat(deepPage).filteredOn(line -> line.contains("Sort  ("))
                .allSatisfy(line -> assertThat(line).matches(".*rows=([0-9]|[0-9]{2}|[1-4][0-9]{2}|500) .*"));
        // Only the date's totals read every row of the date, as they must; whether through the index or the table
        // is the planner's choice by the date's share of the table (here nearly all of it; in service a sliver).
        for (int i = 0; i < deepPage.size(); i++) {
            if (deepPage.get(i).contains("Seq Scan")) {
                assertThat(deepPage.get(i - 1)).contains("Aggregate");
            }
        }
    }

    private List<String> explain(String sql, Object... params) {
        return db.strings("EXPLAIN " + sql, params);
    }
}
