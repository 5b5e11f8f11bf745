package ec.gob.iess.recauda.application.service.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import ec.gob.iess.recauda.domain.obligation.InterestRate;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fake keeps the promises of the voucher adapter, so the agreement service tests built on it mean something. */
class AgreementsTestVouchersTest {

    private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final DebtorId COMPANY = DebtorId.parse("1792468132001");
    private static final InterestRateTable RATES = new InterestRateTable(List.of(
            new InterestRate(LocalDate.of(2020, 1, 1), new BigDecimal("0.12"))));

    private final Random random = new Random(11);
    private final InMemoryObligations obligations = new InMemoryObligations();
    private final AgreementsTestVouchers vouchers = new AgreementsTestVouchers(obligations);

    /** A voucher issued today over a new overdue fine, stored with the fine held by it, as the issuer does. */
    private Voucher issued(Instant at) {
        Obligation fine = obligations.seed(Obligation.create(ObligationId.random(), new NewObligation(COMPANY,
                "Andina", ObligationType.FINE, null, Money.of("100.00"), LocalDate.of(2026, 2, 24), null, null, null),
                NOW));
        Voucher voucher = Voucher.issue(VoucherReference.random(random), COMPANY, List.of(fine), TODAY, 7, RATES,
                "staff", at);
        assertThat(vouchers.add(voucher)).isTrue();
        fine.holdFor(voucher.reference().value(), voucher.expiresOn(), TODAY, at);
        obligations.updateAll(List.of(fine));
        return voucher;
    }

    @Test
    void a_taken_reference_is_refused_and_the_stored_voucher_kept() {
        Voucher first = issued(NOW);
        Voucher same = Voucher.restore(first.reference(), COMPANY, "Otro", Money.of("1.00"), TODAY, TODAY,
                first.lines(), "other", NOW, VoucherStatus.ISSUED, NOW, 0);

        assertThat(vouchers.add(same)).isFalse();
        assertThat(vouchers.size()).isEqualTo(1);
        assertThat(vouchers.get(first.reference().value()).amount()).isEqualTo(first.amount());
    }

    @Test
    void find_says_superseded_once_a_line_is_no_longer_held_by_it_and_lock_never_does() {
        Voucher voucher = issued(NOW);
        assertThat(vouchers.find(voucher.reference()).orElseThrow().isSuperseded()).isFalse();

        Obligation fine = obligations.find(voucher.lines().get(0).obligationId()).orElseThrow();
        fine.release(voucher.reference().value(), NOW);
        obligations.updateAll(List.of(fine));

        assertThat(vouchers.find(voucher.reference()).orElseThrow().isSuperseded()).isTrue();
        assertThat(vouchers.find(voucher.reference()).orElseThrow().statusOn(TODAY)).isEqualTo(VoucherStatus.EXPIRED);
        assertThat(vouchers.lock(voucher.reference()).orElseThrow().isSuperseded()).isFalse();
        assertThat(vouchers.unexpiredOf(COMPANY, TODAY)).isEmpty();
    }

    @Test
    void a_change_to_a_read_copy_is_stored_only_by_update_which_bumps_the_version() {
        Voucher voucher = issued(NOW);

        Voucher read = vouchers.lock(voucher.reference()).orElseThrow();
        read.cancel(NOW);
        assertThat(vouchers.get(voucher.reference().value()).storedStatus()).isEqualTo(VoucherStatus.ISSUED);

        vouchers.update(read);
        Voucher stored = vouchers.get(voucher.reference().value());
        assertThat(stored.storedStatus()).isEqualTo(VoucherStatus.CANCELLED);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.isSuperseded()).isFalse();
    }

    @Test
    void the_unexpired_vouchers_of_a_debtor_are_listed_oldest_first() {
        Voucher older = issued(NOW);
        Voucher newer = issued(NOW.plusSeconds(60));
        Voucher cancelled = issued(NOW.plusSeconds(120));
        Voucher read = vouchers.lock(cancelled.reference()).orElseThrow();
        read.cancel(NOW);
        vouchers.update(read);

        assertThat(vouchers.unexpiredOf(COMPANY, TODAY)).extracting(Voucher::reference)
                .containsExactly(older.reference(), newer.reference());
        assertThat(vouchers.unexpiredOf(COMPANY, older.expiresOn().plusDays(1))).isEmpty();
    }
}
