package ec.gob.iess.recauda.application.service.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.PaymentPostings;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The postings fake reads and refuses as the adapter's two statements do: what {@code lockForPayment} answers, and a
 * {@code record} that is all or nothing.
 */
class InMemoryPaymentPostingsTest {

    private static final Instant NOW = Instant.parse("2024-06-10T15:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2024, 6, 10);
    private static final DebtorId COMPANY = DebtorId.parse("1792468132001");

    private final Random random = new Random(5);
    private final InMemoryObligations obligations = new InMemoryObligations();
    private final InMemoryVouchers vouchers = new InMemoryVouchers(obligations);
    private final InMemoryPayments payments = new InMemoryPayments(vouchers);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemoryPaymentPostings postings = new InMemoryPaymentPostings(payments, vouchers, obligations,
            audit);

    private Obligation fine(String principal) {
        return obligations.seed(Obligation.create(ObligationId.random(), new NewObligation(COMPANY, "Andina",
                ObligationType.FINE, null, Money.of(principal), LocalDate.of(2024, 7, 31), null, null, null), NOW));
    }

    private Voucher issued(Obligation... held) {
        Voucher v = Voucher.issue(VoucherReference.random(random), COMPANY, List.of(held), TODAY, 7,
                InterestRateTable.empty(), "staff", NOW);
        vouchers.add(v);
        List<Obligation> current = new ArrayList<>();
        for (Obligation o : held) {
            Obligation c = obligations.find(o.id()).orElseThrow();
            c.holdFor(v.reference().value(), v.expiresOn(), TODAY, NOW);
            current.add(c);
        }
        obligations.updateAll(current);
        return v;
    }

    /** Pays the voucher whole from what {@code lockForPayment} read, as the service does, without recording it. */
    private Payment pay(PaymentPostings.Locked read, String transaction) {
        Voucher v = read.voucher().orElseThrow();
        UUID id = UUID.randomUUID();
        List<Allocation> allocations = new ArrayList<>();
        for (Obligation o : read.obligations()) {
            o.applyPayment(Money.ZERO, o.principalBalance(), TODAY, id.toString(), NOW);
            allocations.add(new Allocation(o.id(), Money.ZERO, o.principal()));
        }
        v.markPaid(NOW);
        return Payment.applied(id, "BANK-A", transaction, v.reference().value(), v.amount(), NOW, TODAY, allocations,
                NOW);
    }

    private static AuditLog.Entry entry(Payment p) {
        return new AuditLog.Entry(NOW, "bank", "PAYMENT_APPLIED", "PAYMENT", p.id().toString(), "corr", Map.of());
    }

    @Test
    void the_lock_reads_the_transaction_id_the_voucher_and_its_obligations_in_id_order() {
        Obligation a = fine("10.00");
        Obligation b = fine("20.00");
        Voucher v = issued(a, b);

        PaymentPostings.Locked read = postings.lockForPayment("BANK-A", "T-1", v.reference());

        assertThat(read.earlier()).isFalse();
        assertThat(read.voucher()).get().extracting(Voucher::reference).isEqualTo(v.reference());
        assertThat(read.voucher().orElseThrow().isSuperseded()).isFalse();
        assertThat(read.obligations()).extracting(Obligation::id)
                .containsExactlyElementsOf(Stream.of(a.id(), b.id())
                        .sorted(Comparator.comparing(ObligationId::toString)).toList());
    }

    @Test
    void without_a_voucher_or_for_a_voucher_of_installments_the_obligations_are_not_locked() {
        PaymentPostings.Locked none = postings.lockForPayment("BANK-A", "T-1",
                VoucherReference.parse("4852016937150404"));
        assertThat(none.voucher()).isEmpty();
        assertThat(none.obligations()).isNull();

        Obligation installment = obligations.seed(Obligation.installment(ObligationId.random(), COMPANY, "Andina",
                new InstallmentOf(UUID.randomUUID(), 1), Money.of("30.00"), Money.of("0.30"), LocalDate.of(2024, 7, 5), "Cuota 1",
                NOW));
        Voucher v = issued(installment, fine("10.00"));
        PaymentPostings.Locked read = postings.lockForPayment("BANK-A", "T-1", v.reference());
        assertThat(read.voucher()).isPresent();
        assertThat(read.obligations()).isNull();
    }

    @Test
    void a_second_payment_with_the_same_transaction_id_or_of_a_paid_voucher_stores_nothing() {
        Voucher first = issued(fine("10.00"));
        Voucher second = issued(fine("20.00"));
        PaymentPostings.Locked read = postings.lockForPayment("BANK-A", "T-1", first.reference());
        Payment p = pay(read, "T-1");
        postings.record(p, read.obligations(), read.voucher().orElseThrow(), entry(p));
        assertThat(postings.lockForPayment("BANK-A", "T-1", first.reference()).earlier()).isTrue();
        assertThat(postings.lockForPayment("BANK-B", "T-1", first.reference()).earlier()).isFalse();
        List<Obligation> before = obligations.all();

        PaymentPostings.Locked sameId = postings.lockForPayment("BANK-A", "T-2", second.reference());
        Payment taken = Payment.restore(UUID.randomUUID(), "BANK-A", "T-1", second.reference().value(),
                second.amount(), NOW, TODAY, pay(sameId, "T-1").allocations(), NOW, PaymentStatus.APPLIED, null,
                null);
        Throwable transactionTaken = catchThrowable(() -> postings.record(taken, sameId.obligations(),
                sameId.voucher().orElseThrow(), entry(taken)));
        assertThat(transactionTaken).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.kind()).isEqualTo("transaction-taken"));

        PaymentPostings.Locked again = postings.lockForPayment("BANK-A", "T-3", first.reference());
        Payment twice = Payment.applied(UUID.randomUUID(), "BANK-A", "T-3", first.reference().value(),
                first.amount(), NOW, TODAY, p.allocations(), NOW);
        Throwable alreadyPaid = catchThrowable(() -> postings.record(twice, List.of(),
                again.voucher().orElseThrow(), entry(twice)));
        assertThat(alreadyPaid).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.kind()).isEqualTo("already-paid"));

        assertThat(payments.all()).extracting(Payment::id).containsExactly(p.id());
        assertThat(obligations.all()).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
        assertThat(vouchers.find(second.reference()).orElseThrow().storedStatus()).isEqualTo(VoucherStatus.ISSUED);
        assertThat(audit.entries()).hasSize(1);
    }

    @Test
    void a_stale_obligation_refuses_the_whole_payment() {
        Obligation a = fine("10.00");
        Obligation b = fine("20.00");
        Voucher v = issued(a, b);
        PaymentPostings.Locked read = postings.lockForPayment("BANK-A", "T-1", v.reference());
        Payment p = pay(read, "T-1");
        // Someone else changed b meanwhile (no row locks here to prevent it).
        Obligation meanwhile = obligations.find(b.id()).orElseThrow();
        obligations.updateAll(List.of(meanwhile));

        Throwable stale = catchThrowable(() -> postings.record(p, read.obligations(), read.voucher().orElseThrow(),
                entry(p)));

        assertThat(stale).isInstanceOfSatisfying(PreconditionFailedException.class,
                e -> assertThat(e.kind()).isEqualTo(PreconditionFailedException.STALE_VERSION));
        assertThat(payments.all()).isEmpty();
        assertThat(obligations.find(a.id()).orElseThrow().principalPaid()).isEqualTo(Money.ZERO);
        assertThat(vouchers.find(v.reference()).orElseThrow().storedStatus()).isEqualTo(VoucherStatus.ISSUED);
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void a_recorded_payment_is_stored_with_its_allocations_obligations_voucher_and_audit_entry() {
        Obligation a = fine("10.00");
        Voucher v = issued(a);
        PaymentPostings.Locked read = postings.lockForPayment("BANK-A", "T-1", v.reference());
        Payment p = pay(read, "T-1");

        postings.record(p, read.obligations(), read.voucher().orElseThrow(), entry(p));

        assertThat(payments.findByTransaction("BANK-A", "T-1")).get().usingRecursiveComparison().isEqualTo(p);
        assertThat(payments.ofDebtor(COMPANY, new PageRequest(0, 50)).items()).extracting(Payment::id)
                .containsExactly(p.id());
        Obligation stored = obligations.find(a.id()).orElseThrow();
        assertThat(stored.principalPaid()).isEqualTo(Money.of("10.00"));
        assertThat(stored.version()).isEqualTo(2);
        Voucher paid = vouchers.find(v.reference()).orElseThrow();
        assertThat(paid.storedStatus()).isEqualTo(VoucherStatus.PAID);
        assertThat(paid.version()).isEqualTo(1);
        assertThat(audit.single()).isEqualTo(entry(p));
    }
}
