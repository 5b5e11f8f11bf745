package ec.gob.iess.recauda.application.service.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The fake answers as the adapter's SQL does, so service tests built on it mean something: above all whether a
 * voucher is superseded ({@code VoucherPersistenceAdapter.SUPERSEDED}), computed from the obligations as stored.
 */
class InMemoryVouchersTest {

    private static final Instant NOW = Instant.parse("2024-06-10T15:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2024, 6, 10);
    private static final DebtorId COMPANY = DebtorId.parse("1792468132001");
    private static final DebtorId OTHER = DebtorId.parse("1760001200001");

    private final Random random = new Random(11);
    private final InMemoryObligations obligations = new InMemoryObligations();
    private final InMemoryVouchers vouchers = new InMemoryVouchers(obligations);

    /** A stored obligation due in the future (no interest, so no rates needed). */
    private Obligation obligation(DebtorId debtor) {
        return obligations.seed(Obligation.create(ObligationId.random(), new NewObligation(debtor, "Andina",
                ObligationType.FINE, null, Money.of("10.00"), LocalDate.of(2024, 7, 31), null, null, null), NOW));
    }

    /** A voucher over the obligations, stored, holding them as the issuer does. */
    private Voucher issued(Instant at, Obligation... held) {
        Voucher v = Voucher.issue(VoucherReference.random(random), held[0].debtorId(), List.of(held), TODAY, 7,
                InterestRateTable.empty(), "staff", at);
        assertThat(vouchers.add(v)).isTrue();
        for (Obligation o : held) {
            Obligation current = obligations.find(o.id()).orElseThrow();
            current.holdFor(v.reference().value(), v.expiresOn(), TODAY, at);
            obligations.updateAll(List.of(current));
        }
        return v;
    }

    private boolean superseded(Voucher v) {
        return vouchers.find(v.reference()).orElseThrow().isSuperseded();
    }

    private void change(Obligation o, Consumer<Obligation> change) {
        Obligation current = obligations.find(o.id()).orElseThrow();
        change.accept(current);
        obligations.updateAll(List.of(current));
    }

    @Test
    void a_taken_reference_is_refused_with_false_and_stores_nothing() {
        Voucher first = issued(NOW, obligation(COMPANY));
        Voucher sameReference = Voucher.issue(first.reference(), COMPANY, List.of(obligation(COMPANY)), TODAY, 7,
                InterestRateTable.empty(), "other", NOW);

        assertThat(vouchers.add(sameReference)).isFalse();

        assertThat(vouchers.size()).isEqualTo(1);
        assertThat(vouchers.find(first.reference()).orElseThrow().issuedBy()).isEqualTo("staff");
    }

    @Test
    void a_voucher_holding_all_its_pending_obligations_is_not_superseded() {
        Voucher v = issued(NOW, obligation(COMPANY), obligation(COMPANY));

        assertThat(superseded(v)).isFalse();
        assertThat(vouchers.find(v.reference()).orElseThrow().statusOn(TODAY)).isEqualTo(VoucherStatus.ISSUED);
    }

    @Test
    void a_voucher_one_of_whose_obligations_a_newer_voucher_holds_is_superseded() {
        Obligation kept = obligation(COMPANY);
        Obligation taken = obligation(COMPANY);
        Voucher old = issued(NOW, kept, taken);
        change(taken, o -> o.holdFor("4852016937150404", LocalDate.of(2024, 6, 25), LocalDate.of(2024, 6, 18),
                NOW));

        assertThat(superseded(old)).isTrue();
        assertThat(vouchers.find(old.reference()).orElseThrow().statusOn(TODAY)).isEqualTo(VoucherStatus.EXPIRED);
    }

    @Test
    void a_voucher_one_of_whose_obligations_is_held_by_nobody_or_not_pending_or_missing_is_superseded() {
        Obligation released = obligation(COMPANY);
        Voucher one = issued(NOW, released, obligation(COMPANY));
        change(released, o -> o.release(one.reference().value(), NOW));
        assertThat(superseded(one)).isTrue();

        Obligation paid = obligation(COMPANY);
        Voucher two = issued(NOW, paid);
        change(paid, o -> o.applyPayment(Money.ZERO, Money.of("10.00"), TODAY, "elsewhere", NOW));
        assertThat(superseded(two)).isTrue();

        Voucher missing = Voucher.issue(VoucherReference.random(random), COMPANY, List.of(Obligation.create(
                ObligationId.random(), new NewObligation(COMPANY, "Andina", ObligationType.FINE, null,
                        Money.of("5.00"), LocalDate.of(2024, 7, 31), null, null, null), NOW)), TODAY, 7,
                InterestRateTable.empty(), "staff", NOW);
        vouchers.add(missing);
        assertThat(superseded(missing)).isTrue();
    }

    @Test
    void only_an_issued_voucher_is_ever_superseded() {
        Obligation fine = obligation(COMPANY);
        Voucher v = issued(NOW, fine);
        change(fine, o -> o.applyPayment(Money.ZERO, Money.of("10.00"), TODAY, "payment", NOW));
        Voucher paid = vouchers.lock(v.reference()).orElseThrow();
        paid.markPaid(NOW);
        vouchers.update(paid);

        assertThat(superseded(v)).isFalse();
        assertThat(vouchers.find(v.reference()).orElseThrow().statusOn(TODAY)).isEqualTo(VoucherStatus.PAID);
    }

    @Test
    void a_locked_voucher_is_never_read_as_superseded() {
        Obligation taken = obligation(COMPANY);
        Voucher old = issued(NOW, taken);
        change(taken, o -> o.release(old.reference().value(), NOW));

        assertThat(superseded(old)).isTrue();
        assertThat(vouchers.lock(old.reference()).orElseThrow().isSuperseded()).isFalse();
    }

    @Test
    void unexpired_vouchers_are_the_debtors_issued_unexpired_and_not_superseded_ones_oldest_first() {
        Voucher newest = issued(NOW.plusSeconds(60), obligation(COMPANY));
        Voucher oldest = issued(NOW, obligation(COMPANY));
        Voucher cancelled = issued(NOW, obligation(COMPANY));
        Voucher c = vouchers.lock(cancelled.reference()).orElseThrow();
        c.cancel(List.of(), TODAY, 1, NOW);
        vouchers.update(c);
        Obligation taken = obligation(COMPANY);
        issued(NOW, taken);
        change(taken, o -> o.release(o.heldBy(), NOW));
        issued(NOW, obligation(OTHER));

        assertThat(vouchers.unexpiredOf(COMPANY, TODAY)).extracting(Voucher::reference)
                .containsExactly(oldest.reference(), newest.reference());
        // Expiring 2024-06-17: still listed that day, not the day after.
        assertThat(vouchers.unexpiredOf(COMPANY, LocalDate.of(2024, 6, 17))).hasSize(2);
        assertThat(vouchers.unexpiredOf(COMPANY, LocalDate.of(2024, 6, 18))).isEmpty();
    }

    @Test
    void an_update_stores_the_status_and_its_instant_and_bumps_the_version_and_a_read_copy_changes_nothing() {
        Voucher v = issued(NOW, obligation(COMPANY));
        vouchers.find(v.reference()).orElseThrow().cancel(List.of(), TODAY, 1, NOW); // a copy, never saved

        assertThat(vouchers.find(v.reference()).orElseThrow().storedStatus()).isEqualTo(VoucherStatus.ISSUED);

        Voucher locked = vouchers.lock(v.reference()).orElseThrow();
        locked.markPaid(NOW.plusSeconds(5));
        vouchers.update(locked);
        Voucher stored = vouchers.find(v.reference()).orElseThrow();
        assertThat(stored.storedStatus()).isEqualTo(VoucherStatus.PAID);
        assertThat(stored.updatedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.amount()).isEqualTo(v.amount());
        assertThat(stored.lines()).isEqualTo(v.lines());
    }
}
