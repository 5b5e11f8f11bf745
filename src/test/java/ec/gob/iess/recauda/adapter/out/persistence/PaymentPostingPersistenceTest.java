package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.PaymentPostings;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The payment's two statements against the real PostgreSQL: what the first locks and sees, what the second refuses. */
@QuarkusTest
class PaymentPostingPersistenceTest {

    private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");

    @Inject
    PaymentPostings postings;
    @Inject
    Database db;

    private record Issued(String debtor, VoucherReference reference, List<String> obligationIds) {
    }

    private Issued voucherOfTwo() {
        Api.setRate("2020-01-01", "0.1095");  // the arrears interest of the overdue fines needs a rate
        String debtor = TestIds.cedula();
        String first = Api.createObligation(obligation(debtor, "FINE", "40.00", "2024-05-31"));
        String second = Api.createObligation(obligation(debtor, "FINE", "25.00", "2024-04-30"));
        String reference = Api.issueVoucher(debtor, first, second).path("reference");
        return new Issued(debtor, VoucherReference.parse(reference), List.of(first, second));
    }

    /** From another connection: whether the row can be locked at once (not while this test's transaction has it). */
    private boolean lockableElsewhere(String table, String key, String value) {
        SQLException failure = CompletableFuture.supplyAsync(() -> db.tryExecute(
                "SELECT 1 FROM " + table + " WHERE " + key + " = '" + value + "' FOR UPDATE NOWAIT")).join();
        return failure == null;
    }

    @Test
    void the_first_statement_locks_the_voucher_then_its_obligations_in_id_order() {
        Issued issued = voucherOfTwo();

        QuarkusTransaction.requiringNew().run(() -> {
            PaymentPostings.Locked read = postings.lockForPayment("NO-SUCH-ENTITY", "tx-1", issued.reference());

            assertThat(read.earlier()).isFalse();
            assertThat(read.voucher()).get().extracting(Voucher::reference).isEqualTo(issued.reference());
            // PostgreSQL orders uuids by their bytes, unsigned: as their lowercase texts, all of one length, sort.
            assertThat(read.obligations()).extracting(o -> o.id().toString())
                    .containsExactlyElementsOf(issued.obligationIds().stream().sorted().toList());
            assertThat(lockableElsewhere("voucher", "reference", issued.reference().value())).isFalse();
            for (String id : issued.obligationIds()) {
                assertThat(lockableElsewhere("obligation", "id", id)).isFalse();
            }
        });
        assertThat(lockableElsewhere("voucher", "reference", issued.reference().value())).isTrue();
    }

    @Test
    void an_unknown_voucher_locks_nothing_and_a_used_transaction_id_is_seen() {
        String entity = "PP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String bank = Api.newBankKey(entity);
        Issued issued = voucherOfTwo();
        String amount = Api.as(bank).get("/api/v1/vouchers/" + issued.reference().value()).then().statusCode(200)
                .extract().path("amount");
        Api.as(bank).body(Map.of("bankTransactionId", "used-1", "reference", issued.reference().value(),
                        "amount", amount, "paidAt", Instant.now().toString()))
                .post("/api/v1/channel/payments").then().statusCode(201);
        VoucherReference unknown = VoucherReference.random(new java.util.Random(7));

        PaymentPostings.Locked used = QuarkusTransaction.requiringNew().call(
                () -> postings.lockForPayment(entity, "used-1", unknown));
        PaymentPostings.Locked fresh = QuarkusTransaction.requiringNew().call(
                () -> postings.lockForPayment(entity, "used-2", unknown));

        assertThat(used.earlier()).isTrue();
        assertThat(fresh.earlier()).isFalse();
        assertThat(fresh.voucher()).isEmpty();
        assertThat(fresh.obligations()).isNull();
    }

    @Test
    void the_second_statement_refuses_an_obligation_changed_since_it_was_read_and_stores_nothing() {
        String entity = "PP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api.registerEntity(entity, "23:59");
        Issued issued = voucherOfTwo();
        PaymentPostings.Locked read = QuarkusTransaction.requiringNew().call(
                () -> postings.lockForPayment(entity, "tx-stale", issued.reference()));
        Voucher voucher = read.voucher().orElseThrow();
        List<Obligation> obligations = read.obligations();
        // Someone else changes the second one after it was read (here, after that transaction ended).
        SQLException failure = db.tryExecute("UPDATE obligation SET version = version + 1 WHERE id = '"
                + obligations.get(1).id() + "'");
        assertThat((Object) failure).isNull();
        List<Allocation> allocations = obligations.stream()
                .map(o -> new Allocation(o.id(), Money.ZERO, o.principal())).toList();
        Money total = allocations.stream().map(Allocation::total).reduce(Money.ZERO, Money::plus);
        Payment payment = Payment.applied(UUID.randomUUID(), entity, "tx-stale", voucher.reference().value(), total,
                NOW, LocalDate.of(2026, 12, 2), allocations, NOW);
        voucher.markPaid(NOW);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> postings.record(payment, obligations,
                voucher, new AuditLog.Entry(NOW, "test", "PAYMENT_APPLIED", "PAYMENT", payment.id().toString(),
                        "corr-stale", Map.of()))))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.getMessage()).contains(obligations.get(1).id().toString()));
        assertThat(db.count("SELECT count(*) FROM payment WHERE id = '" + payment.id() + "'")).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = '" + payment.id() + "'")).isZero();
        assertThat(db.string("SELECT status FROM voucher WHERE reference = '" + voucher.reference().value() + "'"))
                .isEqualTo("ISSUED");
    }
}
