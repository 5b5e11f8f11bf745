package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once in the channel, with 20 real threads against the real database: one payment per voucher, one payment
 * per transaction id, and consistent outcomes when a payment races a cancellation or a reversal races a
 * reconciliation.
 */
@QuarkusTest
class ChannelConcurrencyTest {

    private static final int THREADS = 20;

    @Inject
    TestClock clock;
    @Inject
    Database db;

    private String entity;
    private String bank;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @BeforeEach
    void aBank() {
        clock.fix(Instant.parse("2024-06-10T15:00:00Z"));
        db.clearRates();
        Api.setRate("2020-01-01", "0.1095");
        entity = "CARRERAS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        bank = Api.newBankKey(entity);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ExtractableResponse<Response> voucher() {
        String debtor = TestIds.companyRuc();
        String first = Api.createObligation(obligation(debtor, "FINE", "100.00", "2024-04-30"));
        String second = Api.createObligation(obligation(debtor, "GLOSA", "250.00", "2024-05-31"));
        return Api.issueVoucher(debtor, first, second);
    }

    private Map<String, Object> payment(String transaction, ExtractableResponse<Response> voucher) {
        Map<String, Object> body = new HashMap<>();
        body.put("bankTransactionId", transaction);
        body.put("reference", voucher.path("reference"));
        body.put("amount", voucher.path("amount"));
        body.put("paidAt", "2024-06-10T09:00:00-05:00");
        return body;
    }

    @Test
    void twenty_parallel_payments_of_one_voucher_with_different_transactions_apply_exactly_one() throws Exception {
        var voucher = voucher();
        List<Response> answers = race(i -> as(bank).body(payment("PAR-" + i + "-" + UUID.randomUUID(), voucher))
                .post("/api/v1/channel/payments"));

        assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 409)
                .hasSize(THREADS - 1)
                .allSatisfy(r -> assertThat(r.jsonPath().getString("type")).endsWith("/already-paid"));
        String reference = voucher.path("reference");
        assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?", reference)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id"
                + " WHERE p.voucher_reference = ?", reference)).isEqualTo(2);
        assertThat(db.string("SELECT string_agg(principal_paid::text, ',' ORDER BY principal) FROM obligation"
                + " WHERE held_by = ?", reference)).isEqualTo("100.00,250.00");
    }

    @Test
    void twenty_parallel_retries_of_one_transaction_make_one_payment_and_all_answer_it() throws Exception {
        var voucher = voucher();
        Map<String, Object> body = payment("SAME-" + UUID.randomUUID(), voucher);
        List<Response> answers = race(i -> as(bank).body(body).post("/api/v1/channel/payments"));

        assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(THREADS - 1)
                .allSatisfy(r -> assertThat(r.header("Idempotent-Replayed")).isEqualTo("true"));
        assertThat(answers.stream().map(r -> r.jsonPath().getString("paymentId")).distinct()).hasSize(1);
        assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?",
                (String) voucher.path("reference"))).isEqualTo(1);
    }

    @Test
    void a_payment_racing_a_cancellation_ends_either_paid_or_cancelled_never_both() throws Exception {
        for (int round = 0; round < 5; round++) {
            var voucher = voucher();
            String reference = voucher.path("reference");
            List<Response> answers = race(i -> i % 2 == 0
                    ? as(bank).body(payment("PC-" + i + "-" + UUID.randomUUID(), voucher))
                    .post("/api/v1/channel/payments")
                    : asStaff().delete("/api/v1/vouchers/" + reference));
            String status = db.string("SELECT status FROM voucher WHERE reference = ?", reference);
            long applied = db.count("SELECT count(*) FROM payment WHERE voucher_reference = ? AND status = 'APPLIED'",
                    reference);
            long paidObligations = db.count("SELECT count(*) FROM obligation WHERE held_by = ? AND status = 'PAID'",
                    reference);
            if (status.equals("PAID")) {
                assertThat(applied).isEqualTo(1);
                assertThat(paidObligations).isEqualTo(2);
                assertThat(answers).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            } else {
                assertThat(status).isEqualTo("CANCELLED");
                assertThat(applied).isZero();
                assertThat(db.count("SELECT count(*) FROM obligation o WHERE o.id IN (SELECT (l->>'obligationId')::uuid"
                        + " FROM voucher v, jsonb_array_elements(v.lines) l WHERE v.reference = ?)"
                        + " AND o.status = 'PENDING' AND o.principal_paid = 0 AND o.held_by IS NULL", reference))
                        .isEqualTo(2);
                assertThat(answers).noneMatch(r -> r.statusCode() == 201);
            }
            assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isLessThan(500));
        }
    }

    @Test
    void a_reversal_racing_reconciliations_ends_consistent() throws Exception {
        var voucher = voucher();
        String transaction = "RR-" + UUID.randomUUID();
        String paymentId = as(bank).body(payment(transaction, voucher)).post("/api/v1/channel/payments").then()
                .statusCode(201).extract().path("paymentId");
        String amount = voucher.path("amount");
        long before = db.count("SELECT count(*) FROM reconciliation WHERE entity_code = ?"
                + " AND business_date = '2024-06-10'", entity);
        List<Response> answers = race(i -> i == 0
                ? as(bank).body(Map.of("reason", "carrera")).post("/api/v1/channel/payments/" + paymentId
                + "/reversal")
                : as(bank).body(Map.of("items", List.of(Map.of("bankTransactionId", transaction, "amount", amount))))
                .post("/api/v1/channel/reconciliation/2024-06-10"));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        for (Response r : answers.subList(1, answers.size())) {
            int matched = r.jsonPath().getInt("matchedCount");
            int missingHere = r.jsonPath().getList("missingHere").size();
            // Each reconciliation saw the payment either still applied (matched) or already reversed (missing here).
            assertThat(matched + missingHere).isEqualTo(1);
        }
        assertThat(db.string("SELECT status FROM payment WHERE id = ?::uuid", paymentId)).isEqualTo("REVERSED");
        assertThat(db.string("SELECT status FROM voucher WHERE reference = ?", (String) voucher.path("reference")))
                .isEqualTo("ISSUED");
        assertThat(db.count("SELECT count(*) FROM obligation WHERE held_by = ? AND status = 'PENDING'"
                + " AND principal_paid = 0 AND interest_paid = 0", (String) voucher.path("reference"))).isEqualTo(2);
        // Every submission of this entity was stored, each with the answer its bank got.
        assertThat(db.count("SELECT count(*) FROM reconciliation WHERE entity_code = ?"
                + " AND business_date = '2024-06-10'", entity)).isEqualTo(before + THREADS - 1);
        assertThat(db.count("SELECT count(*) FROM reconciliation WHERE entity_code = ? AND business_date = '2024-06-10'"
                + " AND (result ->> 'matchedCount')::int + jsonb_array_length(result -> 'missingHere') = 1", entity))
                .isEqualTo(before + THREADS - 1);
    }

    @Test
    void a_payment_at_a_later_cutoff_racing_a_query_by_debtor_after_an_earlier_one_ends_paid_or_superseded()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Api.registerEntity("EARLY-" + suffix, "17:00");
        Api.registerEntity("LATER-" + suffix, "18:00");
        String early = Api.newKey("BANK", "EARLY-" + suffix);
        String later = Api.newKey("BANK", "LATER-" + suffix);
        for (int round = 0; round < 3; round++) {
            clock.fix(Instant.parse("2024-06-10T15:00:00Z"));
            var voucher = voucher(); // expires 2024-06-17
            String reference = voucher.path("reference");
            String debtor = voucher.path("debtorId");
            // 17:30 on its last day: expired for the early entity, still payable for the later one.
            clock.fix(Instant.parse("2024-06-17T22:30:00Z"));
            List<Response> answers = race(i -> i % 2 == 0
                    ? as(later).body(Map.of("bankTransactionId", "LC-" + i + "-" + UUID.randomUUID(),
                    "reference", reference, "amount", voucher.path("amount"),
                    "paidAt", "2024-06-17T17:20:00-05:00")).post("/api/v1/channel/payments")
                    : as(early).get("/api/v1/channel/payables?debtorId=" + debtor));

            assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isLessThan(500));
            List<Response> payments = new ArrayList<>();
            List<Response> queries = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                (i % 2 == 0 ? payments : queries).add(answers.get(i));
            }
            assertThat(queries).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            long vouchersOfDebtor = db.count("SELECT count(*) FROM voucher WHERE debtor_id = ?", debtor);
            if ("PAID".equals(db.string("SELECT status FROM voucher WHERE reference = ?", reference))) {
                assertThat(payments).filteredOn(r -> r.statusCode() == 201).hasSize(1);
                assertThat(payments).filteredOn(r -> r.statusCode() != 201).allSatisfy(r ->
                        assertThat(r.jsonPath().getString("type")).endsWith("/already-paid"));
                assertThat(vouchersOfDebtor).isEqualTo(1);
                assertThat(queries).allSatisfy(r -> assertThat(r.jsonPath().getList("items")).isEmpty());
                assertThat(db.count("SELECT count(*) FROM obligation WHERE held_by = ? AND status = 'PAID'",
                        reference)).isEqualTo(2);
            } else {
                assertThat(payments).hasSize(THREADS / 2).allSatisfy(r -> {
                    assertThat(r.statusCode()).isEqualTo(422);
                    assertThat(r.jsonPath().getString("type")).endsWith("/voucher-expired");
                });
                assertThat(vouchersOfDebtor).isEqualTo(2);
                String newer = db.string("SELECT reference FROM voucher WHERE debtor_id = ? AND reference <> ?",
                        debtor, reference);
                assertThat(queries).allSatisfy(r -> assertThat(r.jsonPath().getList("items.reference"))
                        .containsExactly(newer));
                assertThat(db.count("SELECT count(*) FROM obligation WHERE held_by = ? AND status = 'PENDING'"
                        + " AND principal_paid = 0", newer)).isEqualTo(2);
                assertThat(db.count("SELECT count(*) FROM payment WHERE voucher_reference = ?", reference)).isZero();
            }
        }
    }

    /** A call per thread index. */
    @FunctionalInterface
    interface Call {
        Response call(int index) throws Exception;
    }

    /** Runs THREADS calls released together; returns the answers in thread order. */
    private static List<Response> race(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
