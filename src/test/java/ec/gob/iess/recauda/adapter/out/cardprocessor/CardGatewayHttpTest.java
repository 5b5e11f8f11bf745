package ec.gob.iess.recauda.adapter.out.cardprocessor;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ec.gob.iess.recauda.application.port.in.RunCardDebitUseCase;
import ec.gob.iess.recauda.application.port.out.CardProcessor;
import ec.gob.iess.recauda.domain.card.ChargeOutcome;
import ec.gob.iess.recauda.domain.card.ProcessorAnswer;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP card gateway adapter against a WireMock gateway started by the test on a free port (issue 12 §3): the
 * answers it understands, time-outs, 5xx answers, a dropped connection and a circuit that opens and closes; the
 * requests WireMock received prove the idempotency keys. And a run with the service configured for this adapter.
 * Its runs are of dates in 2028, which no other test class runs (a run's counts are its date's).
 */
@QuarkusTest
@TestProfile(CardGatewayHttpTest.HttpGateway.class)
class CardGatewayHttpTest {

    private static final String CHARGES = "/v1/charges";
    private static final String SECRET = "test-gateway-secret";

    /** The service with the HTTP adapter, short time-outs, and a circuit that stays open one second. */
    public static class HttpGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("recauda.card-debit.processor", "http");
            config.put("recauda.card-debit.http.api-key", SECRET);
            config.put("recauda.card-debit.http.connect-timeout", "1s");
            config.put("recauda.card-debit.http.read-timeout", "1s");
            // No background job: the tests work on runs themselves, so what each pass does is known.
            config.put("recauda.card-debit.every", "off");
            String key = "quarkus.fault-tolerance.\"" + CardGatewayCalls.class.getName() + "/send\"";
            config.put(key + ".circuit-breaker.delay", "1");
            config.put(key + ".retry.delay", "10");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Gateway.class));
        }
    }

    /** The gateway: WireMock on a free loopback port, the service pointed at it. */
    public static class Gateway implements QuarkusTestResourceLifecycleManager {
        static WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
            server.start();
            return Map.of("recauda.card-debit.http.base-url", "http://127.0.0.1:" + server.port());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Inject
    HttpCardProcessor gateway;
    @Inject
    CardProcessor configured;
    @Inject
    TestClock clock;
    @Inject
    CircuitBreakerMaintenance circuits;
    @Inject
    RunCardDebitUseCase debit;
    @Inject
    Database db;

    private WireMockServer wiremock;

    /** Each test starts with no stubs, no requests received, and the circuit closed with an empty window. */
    @BeforeEach
    void closedCircuit() {
        wiremock = Gateway.server;
        wiremock.resetAll();
        circuits.resetAll();
    }

    /** The mandates a test registered are cancelled, so that no other test's run charges them. */
    @AfterEach
    void cancelMandates() {
        for (String id : db.strings("SELECT id::text FROM card_mandate WHERE status = 'ACTIVE'"
                + " AND processor_token LIKE 'tok_live_%'")) {
            asStaff().delete("/api/v1/card-mandates/" + id).then().statusCode(200);
        }
        clock.reset();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static CardProcessor.Charge charge(String key) {
        return new CardProcessor.Charge(key, "tok_live_abc", Money.of("123.45"), "IESS 0001");
    }

    private List<LoggedRequest> chargesReceived() {
        return wiremock.findAll(postRequestedFor(urlEqualTo(CHARGES)));
    }

    @Test
    void the_configured_processor_is_the_http_gateway() {
        assertThat(configured).isSameAs(gateway);
        assertThat(gateway.available()).isTrue();
    }

    @Test
    void an_approval_is_read_and_the_request_carries_the_key_the_token_the_amount_and_the_credentials() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_1\",\"status\":\"approved\"}")));
        ProcessorAnswer answer = gateway.charge(charge("rcd-k1"));
        assertThat(answer).isEqualTo(new ProcessorAnswer(ChargeOutcome.APPROVED, "ch_1", null));
        wiremock.verify(1, postRequestedFor(urlEqualTo(CHARGES))
                .withHeader("Authorization", equalTo("Bearer " + SECRET))
                .withHeader("Idempotency-Key", equalTo("rcd-k1"))
                .withRequestBody(matchingJsonPath("$.idempotencyKey", equalTo("rcd-k1")))
                .withRequestBody(matchingJsonPath("$.token", equalTo("tok_live_abc")))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("123.45")))
                .withRequestBody(matchingJsonPath("$.currency", equalTo("USD"))));
    }

    @Test
    void soft_and_hard_declines_are_read_with_their_codes() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).withHeader("Idempotency-Key", equalTo("rcd-soft")).willReturn(
                json(402, "{\"id\":\"ch_2\",\"status\":\"declined\",\"declineType\":\"soft\","
                        + "\"declineCode\":\"insufficient_funds\"}")));
        wiremock.stubFor(post(urlEqualTo(CHARGES)).withHeader("Idempotency-Key", equalTo("rcd-hard")).willReturn(
                json(200, "{\"id\":\"ch_3\",\"status\":\"declined\",\"declineType\":\"hard\","
                        + "\"declineCode\":\"stolen_card\"}")));
        assertThat(gateway.charge(charge("rcd-soft")))
                .isEqualTo(new ProcessorAnswer(ChargeOutcome.SOFT_DECLINE, "ch_2", "insufficient_funds"));
        assertThat(gateway.charge(charge("rcd-hard")))
                .isEqualTo(new ProcessorAnswer(ChargeOutcome.HARD_DECLINE, "ch_3", "stolen_card"));
    }

    @Test
    void a_time_out_is_unknown_and_the_one_retry_carries_the_same_key() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_4\",\"status\":\"approved\"}")
                .withFixedDelay(2500)));
        ProcessorAnswer answer = gateway.charge(charge("rcd-slow"));
        assertThat(answer.outcome()).isEqualTo(ChargeOutcome.UNKNOWN);
        List<LoggedRequest> received = chargesReceived();
        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.getHeader("Idempotency-Key")).isEqualTo("rcd-slow");
            assertThat(r.getBodyAsString()).contains("\"idempotencyKey\":\"rcd-slow\"");
        });
    }

    @Test
    void a_5xx_and_a_dropped_connection_are_unknown_and_retried_once_with_the_same_key() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).withHeader("Idempotency-Key", equalTo("rcd-503"))
                .willReturn(aResponse().withStatus(503)));
        wiremock.stubFor(post(urlEqualTo(CHARGES)).withHeader("Idempotency-Key", equalTo("rcd-reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(gateway.charge(charge("rcd-503"))).isEqualTo(ProcessorAnswer.unknown("http-503"));
        assertThat(gateway.charge(charge("rcd-reset")).outcome()).isEqualTo(ChargeOutcome.UNKNOWN);
        assertThat(chargesReceived()).extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactlyInAnyOrder("rcd-503", "rcd-503", "rcd-reset", "rcd-reset");
    }

    @Test
    void a_status_query_reads_the_outcome_or_that_the_gateway_never_received_the_charge() {
        wiremock.stubFor(get(urlEqualTo(CHARGES + "/rcd-known")).willReturn(json(200,
                "{\"id\":\"ch_5\",\"status\":\"approved\"}")));
        wiremock.stubFor(get(urlEqualTo(CHARGES + "/rcd-never")).willReturn(json(404, "{}")));
        wiremock.stubFor(get(urlEqualTo(CHARGES + "/rcd-pending")).willReturn(json(200,
                "{\"id\":\"ch_6\",\"status\":\"pending\"}")));
        assertThat(gateway.status("rcd-known")).isEqualTo(new ProcessorAnswer(ChargeOutcome.APPROVED, "ch_5", null));
        assertThat(gateway.status("rcd-never").outcome()).isEqualTo(ChargeOutcome.NOT_FOUND);
        assertThat(gateway.status("rcd-pending").outcome()).isEqualTo(ChargeOutcome.UNKNOWN);
    }

    @Test
    void the_circuit_opens_after_failures_answers_unknown_without_calling_and_closes_when_the_gateway_is_back()
            throws InterruptedException {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            assertThat(gateway.charge(charge("rcd-cb-" + i)).outcome()).isEqualTo(ChargeOutcome.UNKNOWN);
        }
        int reached = chargesReceived().size();
        assertThat(reached).isEqualTo(4);
        // Open: the next charges are refused at once, and never reach the gateway.
        assertThat(gateway.charge(charge("rcd-cb-open"))).isEqualTo(ProcessorAnswer.unknown("circuit-open"));
        assertThat(gateway.status("rcd-cb-open")).isEqualTo(ProcessorAnswer.unknown("circuit-open"));
        assertThat(chargesReceived()).hasSize(reached);
        // The gateway is back; after the delay one call goes through and closes the circuit.
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_7\",\"status\":\"approved\"}")));
        Thread.sleep(1200);
        assertThat(gateway.charge(charge("rcd-cb-back")).outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(gateway.charge(charge("rcd-cb-after")).outcome()).isEqualTo(ChargeOutcome.APPROVED);
        assertThat(chargesReceived()).hasSize(reached + 2);
    }

    /** A debtor owing a fine due 2026-12-01, with a mandate of {@code debitDay}; its id. */
    private String debtorWithMandate(int debitDay) {
        clock.fix(LocalDate.of(2026, 12, 1).atTime(LocalTime.NOON).atZone(TestClock.GUAYAQUIL).toInstant());
        Api.setRate("2020-01-01", "0.1095");
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-12-01"));
        Map<String, Object> body = new HashMap<>();
        body.put("processorToken", "tok_live_" + UUID.randomUUID().toString().substring(0, 8));
        body.put("brand", "MASTERCARD");
        body.put("last4", "4444");
        body.put("expiryMonth", 1);
        body.put("expiryYear", 2031);
        body.put("holderName", "EMPRESA DEMO");
        body.put("debitDay", debitDay);
        asStaff().body(body).post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(201);
        return debtor;
    }

    /** Starts today's run ({@code day}, the clock moved to it) as staff; its id. */
    private String start(LocalDate day) {
        clock.fix(day.atTime(LocalTime.of(7, 0)).atZone(TestClock.GUAYAQUIL).toInstant());
        return asStaff().body(Map.of("date", day.toString())).post("/api/v1/admin/card-debit-runs").then()
                .statusCode(202).extract().path("runId");
    }

    private static JsonPath run(String runId) {
        return asStaff().get("/api/v1/admin/card-debit-runs/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /**
     * A run through the HTTP adapter: the charge times out (UNKNOWN), the run asks the gateway for its status by the
     * same key, learns it was approved, and pays the debt; the gateway saw one key throughout.
     */
    @Test
    void a_run_resolves_a_timed_out_charge_by_its_status_and_pays_the_debt() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_8\",\"status\":\"approved\"}")
                .withFixedDelay(2500)));
        String debtor = debtorWithMandate(6);
        String key = "rcd-" + asStaff().get("/api/v1/debtors/" + debtor + "/card-mandates").then().extract()
                .path("items[0].id") + "-20280106";
        wiremock.stubFor(get(urlEqualTo(CHARGES + "/" + key)).willReturn(json(200,
                "{\"id\":\"ch_8\",\"status\":\"approved\"}")));

        String runId = start(LocalDate.of(2028, 1, 6));
        assertThat(debit.work()).isEqualTo(1);

        JsonPath run = run(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getLong("approved")).isEqualTo(1);
        assertThat(run.getLong("unknown")).isZero();
        assertThat(db.string("SELECT o.status FROM obligation o WHERE o.debtor_id = ?", debtor)).isEqualTo("PAID");
        assertThat(chargesReceived()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Idempotency-Key")).isEqualTo(key);
            assertThat(r.getBodyAsString()).contains("\"idempotencyKey\":\"" + key + "\"");
        });
        assertThat(wiremock.findAll(getRequestedFor(urlEqualTo(CHARGES + "/" + key)))).isNotEmpty();
    }

    /**
     * The gateway down: a pass takes a chunk (here all seven mandates) and stops sending after five charges in a row
     * without an answer (the circuit opens on the way, so the last ones never reach it); the two not sent are unknown
     * too, and the run stays RUNNING. Once the gateway is back, the next pass asks about each of the seven (the gateway
     * never received them) and sends each again with its own key, once.
     */
    @Test
    void a_pass_stops_sending_while_the_gateway_is_down_and_the_next_one_sends_each_charge_with_its_key()
            throws InterruptedException {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(aResponse().withStatus(500)));
        List<String> debtors = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            debtors.add(debtorWithMandate(10));
        }
        String runId = start(LocalDate.of(2028, 1, 10));
        assertThat(debit.work()).isEqualTo(7);
        JsonPath paused = run(runId);
        assertThat(paused.getString("status")).isEqualTo("RUNNING");
        assertThat(paused.getLong("unknown")).isEqualTo(7);
        assertThat(chargesReceived()).hasSize(4); // the circuit opened after four failed requests

        wiremock.resetAll();
        wiremock.stubFor(get(urlMatching(CHARGES + "/rcd-.*")).willReturn(json(404, "{}")));
        clock.fix(clock.instant().plusSeconds(120)); // past the lease of the charges the first pass asked about
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_9\",\"status\":\"approved\"}")));
        Thread.sleep(1200); // the circuit's delay
        assertThat(debit.work()).isZero(); // no mandate left to take: the seven are sent again by the asking

        JsonPath done = run(runId);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getLong("approved")).isEqualTo(7);
        for (String debtor : debtors) {
            String key = db.string("SELECT idempotency_key FROM card_charge WHERE debtor_id = ?", debtor);
            assertThat(wiremock.findAll(postRequestedFor(urlEqualTo(CHARGES))
                    .withHeader("Idempotency-Key", equalTo(key)))).hasSize(1);
        }
        assertThat(wiremock.findAll(getRequestedFor(urlMatching(CHARGES + "/rcd-.*")))).hasSize(7);
    }

    /**
     * A charge the gateway never received is not sent again once its mandate was cancelled: it is NOT_CHARGED, its
     * voucher cancelled and its debt free, and the gateway sees no second request.
     */
    @Test
    void a_charge_never_received_is_not_sent_again_after_its_mandate_was_cancelled() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(aResponse().withStatus(500)));
        String debtor = debtorWithMandate(14);
        String mandateId = asStaff().get("/api/v1/debtors/" + debtor + "/card-mandates").then().extract()
                .path("items[0].id");
        String runId = start(LocalDate.of(2028, 1, 14));
        assertThat(debit.work()).isEqualTo(1);
        assertThat(run(runId).getLong("unknown")).isEqualTo(1);
        asStaff().delete("/api/v1/card-mandates/" + mandateId).then().statusCode(200);

        wiremock.resetAll();
        wiremock.stubFor(get(urlMatching(CHARGES + "/rcd-.*")).willReturn(json(404, "{}")));
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_x\",\"status\":\"approved\"}")));
        circuits.resetAll(); // the gateway is back (its failures had opened the circuit)
        clock.fix(clock.instant().plusSeconds(120));
        debit.work();
        JsonPath run = run(runId);
        assertThat(run.getLong("notCharged")).isEqualTo(1);
        assertThat(run.getLong("unknown")).isZero();
        assertThat(chargesReceived()).isEmpty();
        assertThat(db.string("SELECT status FROM card_charge WHERE debtor_id = ?", debtor)).isEqualTo("NOT_CHARGED");
        assertThat(db.string("SELECT status FROM voucher WHERE debtor_id = ? AND card_charge", debtor))
                .isEqualTo("CANCELLED");
        assertThat(db.string("SELECT coalesce(held_by, 'free') FROM obligation WHERE debtor_id = ?", debtor))
                .isEqualTo("free");
    }

    /**
     * A charge is sent on its own date only: one the gateway never received, found out the next day, is NOT_CHARGED
     * (sent again a day late, its amount would carry a day too little interest); the run of its day, left RUNNING,
     * takes no more mandates on a later day.
     */
    @Test
    void a_charge_never_received_is_not_sent_again_on_a_later_day() {
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(aResponse().withStatus(500)));
        String debtor = debtorWithMandate(6);
        String runId = start(LocalDate.of(2028, 2, 6));
        assertThat(debit.work()).isEqualTo(1);

        wiremock.resetAll();
        wiremock.stubFor(get(urlMatching(CHARGES + "/rcd-.*")).willReturn(json(404, "{}")));
        wiremock.stubFor(post(urlEqualTo(CHARGES)).willReturn(json(201, "{\"id\":\"ch_y\",\"status\":\"approved\"}")));
        circuits.resetAll(); // the gateway is back (its failures had opened the circuit)
        String nextDay = start(LocalDate.of(2028, 2, 7));
        debit.work();
        assertThat(run(runId).getLong("notCharged")).isEqualTo(1);
        assertThat(run(runId).getString("status")).isEqualTo("COMPLETED");
        assertThat(run(nextDay).getLong("mandates")).isZero();
        assertThat(chargesReceived()).isEmpty();
        assertThat(db.string("SELECT status FROM obligation WHERE debtor_id = ?", debtor)).isEqualTo("PENDING");
    }
}
