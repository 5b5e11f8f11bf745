package ec.gob.iess.recauda.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Notifications of card debit (issue 12 §4): written in the transaction of the change, delivered to the employer's
 * webhook (WireMock on a free port) signed with HMAC-SHA256 over the timestamp and the body, tried again on the retry
 * schedule (1 s, 1 s in tests) until delivered or FAILED, and listed for staff while undelivered. Its runs are of
 * dates in mid-2028, which no other test class runs (a run's counts are its date's).
 */
@QuarkusTest
class CardNotificationsHttpTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static WireMockServer hooks;

    @Inject
    TestClock clock;
    @Inject
    Database db;

    @BeforeAll
    static void startReceiver() {
        hooks = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        hooks.start();
    }

    @AfterAll
    static void stopReceiver() {
        hooks.stop();
    }

    @BeforeEach
    void setUp() {
        hooks.resetAll();
        clock.fix(LocalDate.of(2026, 12, 1).atTime(LocalTime.NOON).atZone(TestClock.GUAYAQUIL).toInstant());
        Api.setRate("2020-01-01", "0.1095");
    }

    /** The mandates a test registered are cancelled, so that no other test's run charges them. */
    @AfterEach
    void cancelMandates() {
        for (String id : db.strings("SELECT id::text FROM card_mandate WHERE status = 'ACTIVE'"
                + " AND holder_name = 'EMPRESA NOTIFICADA'")) {
            asStaff().delete("/api/v1/card-mandates/" + id).then().statusCode(200);
        }
        clock.reset();
    }

    /** A debtor owing a fine, with a webhook at {@code path} and a mandate; the webhook's secret. */
    private static String[] debtorWithWebhook(String path, String token, int debitDay) {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "100.00", "2026-11-01"));
        String secret = asStaff().body(Map.of("url", hooks.baseUrl() + path)).put("/api/v1/debtors/" + debtor
                + "/webhook").then().statusCode(200).body("url", equalTo(hooks.baseUrl() + path)).extract()
                .path("secret");
        Map<String, Object> body = new HashMap<>();
        body.put("processorToken", token + "_" + UUID.randomUUID().toString().substring(0, 8));
        body.put("brand", "VISA");
        body.put("last4", "1881");
        body.put("expiryMonth", 3);
        body.put("expiryYear", 2031);
        body.put("holderName", "EMPRESA NOTIFICADA");
        body.put("debitDay", debitDay);
        String mandate = asStaff().body(body).post("/api/v1/debtors/" + debtor + "/card-mandates").then()
                .statusCode(201).extract().path("id");
        return new String[]{debtor, secret, mandate};
    }

    private void run(LocalDate day) {
        clock.fix(day.atTime(LocalTime.of(7, 0)).atZone(TestClock.GUAYAQUIL).toInstant());
        String runId = asStaff().body(Map.of("date", day.toString())).post("/api/v1/admin/card-debit-runs").then()
                .statusCode(202).extract().path("runId");
        await(() -> "COMPLETED".equals(asStaff().get("/api/v1/admin/card-debit-runs/" + runId).then().extract()
                .path("status")));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits for {@code condition} while the service's clock (fixed by the test) moves on half a second every 300 ms
     * of real time: the retries' waits (1 s in tests) pass on the service's clock, as the job's polls do.
     */
    private void awaitRetries(BooleanSupplier condition) {
        await(() -> {
            clock.fix(clock.instant().plusMillis(500));
            sleep(200);
            return condition.getAsBoolean();
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String hmac(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The signature header checked as a receiver checks it: HMAC-SHA256 of "t.body" with the secret. */
    private static void assertSigned(LoggedRequest request, String secret) throws Exception {
        String header = request.getHeader("Recauda-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        String t = header.substring(2, header.indexOf(','));
        String v1 = header.substring(header.indexOf("v1=") + 3);
        assertThat(v1).isEqualTo(hmac(secret, t + "." + request.getBodyAsString()));
        assertThat(v1).isNotEqualTo(hmac(secret + "x", t + "." + request.getBodyAsString()));
    }

    @Test
    void an_approved_charge_is_posted_to_the_webhook_signed_and_delivered_once() throws Exception {
        hooks.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(204)));
        String[] d = debtorWithWebhook("/ok", "tok_sim_approve", 6);
        asStaff().get("/api/v1/debtors/" + d[0] + "/webhook").then().statusCode(200)
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));
        assertThat(d[1]).startsWith("whsec_");
        run(LocalDate.of(2028, 7, 6));
        await(() -> !hooks.findAll(postRequestedFor(urlEqualTo("/ok"))).isEmpty());
        LoggedRequest request = hooks.findAll(postRequestedFor(urlEqualTo("/ok"))).get(0);
        assertSigned(request, d[1]);
        JsonPath event = new JsonPath(request.getBodyAsString());
        assertThat(event.getString("type")).isEqualTo("card.charge.approved");
        assertThat(event.getString("id")).isEqualTo(request.getHeader("Recauda-Notification-Id"));
        assertThat(event.getString("data.debtorId")).isEqualTo(d[0]);
        assertThat(event.getString("data.status")).isEqualTo("APPROVED");
        assertThat(event.getString("data.paymentId")).isNotNull();
        await(() -> db.count("SELECT count(*) FROM notification WHERE debtor_id = ? AND status = 'DELIVERED'",
                d[0]) == 1);
        Thread.sleep(1500); // another poll or two: nothing is sent again
        assertThat(hooks.findAll(postRequestedFor(urlEqualTo("/ok")))).hasSize(1);
    }

    @Test
    void a_hard_decline_tells_the_failed_charge_and_the_suspended_mandate() {
        hooks.stubFor(post(urlEqualTo("/hard")).willReturn(aResponse().withStatus(200)));
        String[] d = debtorWithWebhook("/hard", "tok_sim_hard", 10);
        run(LocalDate.of(2028, 7, 10));
        await(() -> hooks.findAll(postRequestedFor(urlEqualTo("/hard"))).size() == 2);
        List<String> types = hooks.findAll(postRequestedFor(urlEqualTo("/hard"))).stream()
                .map(r -> new JsonPath(r.getBodyAsString()).getString("type")).toList();
        assertThat(types).containsExactlyInAnyOrder("card.charge.failed", "card.mandate.suspended");
        assertThat(db.string("SELECT data ->> 'declineCode' FROM notification WHERE debtor_id = ?"
                + " AND type = 'CHARGE_FAILED'", d[0])).isEqualTo("stolen_card");
    }

    @Test
    void a_failing_webhook_is_tried_again_on_the_schedule_until_it_answers() {
        hooks.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        hooks.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        String[] d = debtorWithWebhook("/flaky", "tok_sim_approve", 14);
        run(LocalDate.of(2028, 7, 14));
        awaitRetries(() -> db.count("SELECT count(*) FROM notification WHERE debtor_id = ? AND status ="
                + " 'DELIVERED'", d[0]) == 1);
        assertThat(db.count("SELECT attempts FROM notification WHERE debtor_id = ?", d[0])).isEqualTo(2);
        List<LoggedRequest> sent = hooks.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getHeader("Recauda-Notification-Id"))
                .isEqualTo(sent.get(1).getHeader("Recauda-Notification-Id"));
    }

    @Test
    void a_webhook_that_never_answers_fails_after_the_schedule_and_staff_see_it_undelivered() {
        hooks.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        String[] d = debtorWithWebhook("/down", "tok_sim_approve", 6);
        run(LocalDate.of(2028, 8, 6));
        awaitRetries(() -> db.count("SELECT count(*) FROM notification WHERE debtor_id = ? AND status = 'FAILED'",
                d[0]) == 1);
        assertThat(hooks.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(3); // at once, then 1 s, 1 s
        String id = db.string("SELECT id::text FROM notification WHERE debtor_id = ?", d[0]);
        Map<String, Object> listed = Api.itemOf("/api/v1/admin/notifications?status=FAILED", "id", id);
        assertThat(listed).containsEntry("status", "FAILED").containsEntry("attempts", 3)
                .containsEntry("lastError", "http-500").containsEntry("type", "card.charge.approved");
        assertThat(Api.allItems("/api/v1/admin/notifications")).extracting(n -> n.get("id")).contains(id);
        asStaff().get("/api/v1/admin/notifications?status=DELIVERED").then().statusCode(400);
    }

    @Test
    void webhooks_are_the_debtors_own_https_urls() {
        String debtor = TestIds.companyRuc();
        String key = Api.newKey("EMPLOYER", debtor);
        Api.as(key).body(Map.of("url", "https://erp.example.ec/hooks")).put("/api/v1/debtors/" + debtor
                + "/webhook").then().statusCode(200);
        String other = TestIds.companyRuc();
        Api.as(key).body(Map.of("url", "https://erp.example.ec/hooks")).put("/api/v1/debtors/" + other
                + "/webhook").then().statusCode(404).body("type", equalTo(PROBLEMS + "debtor-not-found"));
        asStaff().body(Map.of("url", "ftp://erp.example.ec/hooks")).put("/api/v1/debtors/" + debtor + "/webhook")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        asStaff().body(Map.of("url", "https://user:pw@erp.example.ec/")).put("/api/v1/debtors/" + debtor
                + "/webhook").then().statusCode(400);
        Api.as(key).delete("/api/v1/debtors/" + debtor + "/webhook").then().statusCode(204);
        Api.as(key).get("/api/v1/debtors/" + debtor + "/webhook").then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "webhook-not-found"));
        Api.as(key).get("/api/v1/admin/notifications").then().statusCode(403);
    }
}
