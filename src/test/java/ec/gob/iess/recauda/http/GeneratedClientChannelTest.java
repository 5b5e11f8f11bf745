package ec.gob.iess.recauda.http;

import com.fasterxml.jackson.databind.JsonNode;
import ec.gob.iess.recauda.client.ApiClient;
import ec.gob.iess.recauda.client.ApiException;
import ec.gob.iess.recauda.client.api.ChannelApi;
import ec.gob.iess.recauda.client.model.BankReconciliationItem;
import ec.gob.iess.recauda.client.model.DailyPayment;
import ec.gob.iess.recauda.client.model.DailyPayments;
import ec.gob.iess.recauda.client.model.Payable;
import ec.gob.iess.recauda.client.model.Payables;
import ec.gob.iess.recauda.client.model.Payment;
import ec.gob.iess.recauda.client.model.PaymentStatus;
import ec.gob.iess.recauda.client.model.PostPaymentRequest;
import ec.gob.iess.recauda.client.model.ReconciliationRequest;
import ec.gob.iess.recauda.client.model.ReconciliationResult;
import ec.gob.iess.recauda.client.model.Reversal;
import ec.gob.iess.recauda.client.model.ReversalRequest;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestClock;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bank channel end to end through a Java client generated from {@code api-spec/openapi.yaml} by
 * openapi-generator 7.25.0 (library {@code native}, see pom.xml), as a partner bank would generate it: what the file
 * promises is what works. Staff set-up (entity, key, debts, vouchers) goes through the test helpers; everything the
 * bank does goes through the generated client only.
 */
@QuarkusTest
class GeneratedClientChannelTest {

    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final LocalDate MONDAY = LocalDate.parse("2024-06-10");

    @TestHTTPResource("/")
    URI service;
    @Inject
    TestClock clock;
    @Inject
    Database db;

    private String entity;
    private ChannelApi bank;

    @BeforeEach
    void aBankWithItsGeneratedClient() {
        // Monday 2024-06-10, 10:00 in Guayaquil.
        clock.fix(Instant.parse("2024-06-10T15:00:00Z"));
        db.clearRates();
        Api.setRate("2020-01-01", "0.1095");
        entity = "GEN-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(entity, "17:00");
        String key = Api.newKey("BANK", entity);
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        bank = new ChannelApi(client);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_bank_queries_pays_retries_finds_reverses_lists_and_reconciles_with_the_generated_client()
            throws ApiException {
        String debtor = TestIds.companyRuc();
        Api.createObligation(obligation(debtor, "FINE", "1000.00", "2024-05-31"));
        Api.createObligation(obligation(debtor, "FINE", "250.00", "2024-05-31"));

        // Query: what the debtor can pay now, as the teller sees it.
        Payables payables = bank.getPayables(debtor, null, null);
        assertThat(payables.getItems()).hasSize(1);
        Payable payable = payables.getItems().get(0);
        assertThat(payable.getDebtorId()).isEqualTo(debtor);
        assertThat(payable.getReference()).matches("[0-9]{16}");
        assertThat(new BigDecimal(payable.getAmount())).isGreaterThan(new BigDecimal("1250.00"));
        assertThat(bank.getPayables(null, payable.getReference(), null).getItems())
                .extracting(Payable::getReference).containsExactly(payable.getReference());

        // Pay, and retry the same transaction after a timeout: one payment.
        PostPaymentRequest pay = new PostPaymentRequest()
                .bankTransactionId("GEN-0001-" + UUID.randomUUID())
                .reference(payable.getReference())
                .amount(payable.getAmount())
                .paidAt(OffsetDateTime.parse("2024-06-10T09:30:00-05:00"));
        Payment paid = bank.postPayment(pay, null);
        assertThat(paid.getStatus()).isEqualTo(PaymentStatus.APPLIED);
        assertThat(paid.getAmount()).isEqualTo(payable.getAmount());
        assertThat(paid.getBusinessDate()).isEqualTo(MONDAY);
        assertThat(paid.getEntityCode()).isEqualTo(entity);
        assertThat(paid.getAllocations()).hasSize(2);
        Payment replayed = bank.postPayment(pay, null);
        assertThat(replayed.getPaymentId()).isEqualTo(paid.getPaymentId());
        assertThat(db.count("SELECT count(*) FROM payment WHERE entity_code = ?", entity)).isEqualTo(1);

        // Find it by id and by the bank's own transaction id.
        assertThat(bank.getPayment(paid.getPaymentId(), null).getStatus()).isEqualTo(PaymentStatus.APPLIED);
        assertThat(bank.findPaymentByTransactionId(pay.getBankTransactionId(), null).getPaymentId())
                .isEqualTo(paid.getPaymentId());

        // A second payment of the same voucher is refused with a problem the client can read.
        ApiException twice = catchThrowableOfType(ApiException.class, () -> bank.postPayment(new PostPaymentRequest()
                .bankTransactionId("GEN-0002-" + UUID.randomUUID()).reference(payable.getReference())
                .amount(payable.getAmount()).paidAt(OffsetDateTime.parse("2024-06-10T09:35:00-05:00")), null));
        assertThat(twice.getCode()).isBetween(400, 499);
        JsonNode problem = problem(twice);
        assertThat(problem.path("type").asText()).startsWith(PROBLEMS);
        assertThat(problem.path("status").asInt()).isEqualTo(twice.getCode());
        assertThat(twice.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        // Reverse it on the same business day, then list the day and reconcile it.
        Reversal reversal = bank.reversePayment(paid.getPaymentId(),
                new ReversalRequest().reason("Cajero anuló la transacción"), null);
        assertThat(reversal.getStatus()).isEqualTo(PaymentStatus.REVERSED);
        assertThat(reversal.getReversedAt()).isNotNull();

        DailyPayments day = bank.listDailyPayments(MONDAY, null, null, null);
        assertThat(day.getEntityCode()).isEqualTo(entity);
        List<DailyPayment> listed = day.getPayments();
        assertThat(listed).extracting(DailyPayment::getPaymentId).containsExactly(paid.getPaymentId());
        assertThat(listed.get(0).getStatus()).isEqualTo(PaymentStatus.REVERSED);
        DailyPayments firstPage = bank.listDailyPayments(MONDAY, 0, 1, null);
        assertThat(firstPage.getPayments()).extracting(DailyPayment::getPaymentId)
                .containsExactly(paid.getPaymentId());
        assertThat(firstPage.getTotalItems()).isEqualTo(1);

        ReconciliationResult result = bank.reconcile(MONDAY, new ReconciliationRequest().items(List.of()), null);
        assertThat(result.getBalanced()).isTrue();
        assertThat(result.getMatchedCount()).isZero();
        ReconciliationResult unbalanced = bank.reconcile(MONDAY, new ReconciliationRequest().items(List.of(
                new BankReconciliationItem().bankTransactionId(pay.getBankTransactionId())
                        .amount(payable.getAmount()))), null);
        assertThat(unbalanced.getBalanced()).isFalse();
        assertThat(unbalanced.getMissingHere()).hasSize(1);
    }

    @Test
    void a_bank_key_without_access_gets_problems_through_the_generated_client() {
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(service.toString().replaceAll("/$", ""));
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new ChannelApi(anonymous).listDailyPayments(MONDAY, null, null, null));
        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(problem(refused).path("type").asText()).isEqualTo(PROBLEMS + "unauthorized");

        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> bank.getPayment(UUID.randomUUID(), null));
        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(problem(unknown).path("type").asText()).startsWith(PROBLEMS);
    }

    private static JsonNode problem(ApiException e) {
        try {
            return ApiClient.createDefaultObjectMapper().readTree(e.getResponseBody());
        } catch (IOException io) {
            throw new AssertionError("not a JSON problem: " + e.getResponseBody(), io);
        }
    }
}
