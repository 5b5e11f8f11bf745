package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObligationInAgreementTest {

    private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final InterestRateTable TEN_PERCENT = new InterestRateTable(List.of(
            new InterestRate(LocalDate.of(2000, 1, 1), new BigDecimal("0.10"))));

    private static Money m(String amount) {
        return new Money(new BigDecimal(amount));
    }

    private static Obligation fine(String principal, String due) {
        return Obligation.create(ObligationId.random(), new NewObligation(DebtorId.parse("1790012344001"),
                "Comercial Andina S.A.", ObligationType.FINE, null, m(principal), LocalDate.parse(due), null, null,
                null), NOW);
    }

    @Test
    void interest_with_a_principal_reduction_accrues_on_the_old_balance_up_to_its_day_and_the_new_one_after() {
        // 1000.00 due 2025-01-15; 400.00 paid counted from 2025-06-30; 10 %:
        // (1000 × 166 days + 600 × 184 days) × 0.10 / 365 = 27,640 / 365 = 75.7260... → 75.73
        Money interest = ArrearsInterest.accrued(m("600.00"), new PrincipalReduction(m("400.00"),
                LocalDate.of(2025, 6, 30)), LocalDate.of(2025, 1, 15), LocalDate.of(2025, 12, 31), TEN_PERCENT);
        assertThat(interest).isEqualTo(m("75.73"));
        // Before the reduction's day the whole balance accrues: 1000 × 31 days (to 2025-02-15) = 8.49.
        assertThat(ArrearsInterest.accrued(m("600.00"), new PrincipalReduction(m("400.00"), LocalDate.of(2025, 6, 30)),
                LocalDate.of(2025, 1, 15), LocalDate.of(2025, 2, 15), TEN_PERCENT)).isEqualTo(m("8.49"));
        // A reduction dated before the due date changes nothing but the balance.
        assertThat(ArrearsInterest.accrued(m("600.00"), new PrincipalReduction(m("400.00"), LocalDate.of(2024, 1, 1)),
                LocalDate.of(2025, 1, 15), LocalDate.of(2025, 12, 31), TEN_PERCENT))
                .isEqualTo(ArrearsInterest.accrued(m("600.00"), LocalDate.of(2025, 1, 15), LocalDate.of(2025, 12, 31),
                        TEN_PERCENT));
    }

    @Test
    void a_reserved_obligation_goes_on_no_voucher_and_cannot_be_cancelled() {
        Obligation o = fine("100.00", "2025-01-15");
        UUID agreement = UUID.randomUUID();
        o.reserveFor(agreement, TODAY, NOW);
        assertThatThrownBy(() -> o.holdFor("1234567890123456", TODAY.plusDays(7), TODAY, NOW))
                .isInstanceOf(ConflictException.class).hasMessageContaining("payment agreement");
        assertThatThrownBy(() -> o.cancel("duplicated", TODAY, NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> o.reserveFor(UUID.randomUUID(), TODAY, NOW)).isInstanceOf(ConflictException.class);
        o.releaseReservation(agreement, NOW);
        assertThat(o.isReserved()).isFalse();
    }

    @Test
    void in_an_agreement_it_accrues_nothing_and_a_default_reinstates_it_with_exact_interest_from_its_due_date() {
        Obligation o = fine("1000.00", "2025-01-15");
        UUID agreement = UUID.randomUUID();
        LocalDate signed = LocalDate.of(2025, 6, 30);
        Money interestAtSigning = o.interestAsOf(signed, TEN_PERCENT); // 1000 × 166 / 3650 = 45.48
        assertThat(interestAtSigning).isEqualTo(m("45.48"));
        o.reserveFor(agreement, signed, NOW);
        o.enterAgreement(agreement, NOW);
        assertThat(o.status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
        assertThat(o.interestAsOf(LocalDate.of(2025, 12, 31), TEN_PERCENT)).isEqualTo(Money.ZERO);

        // Default: the agreement had paid all its interest to signing and 400.00 of its principal.
        o.settleThroughAgreement(agreement, interestAtSigning, m("400.00"), signed, NOW);
        assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
        assertThat(o.principalBalance()).isEqualTo(m("600.00"));
        assertThat(o.isReserved()).isFalse();
        // Owed on 2025-12-31: 75.73 accrued (see above) − 45.48 paid = 30.25 = 600 × 184 days × 10 % / 365.
        assertThat(o.interestAsOf(LocalDate.of(2025, 12, 31), TEN_PERCENT)).isEqualTo(m("30.25"));
    }

    @Test
    void an_agreement_paying_all_of_it_leaves_it_paid() {
        Obligation o = fine("1000.00", "2025-01-15");
        UUID agreement = UUID.randomUUID();
        o.reserveFor(agreement, TODAY, NOW);
        o.enterAgreement(agreement, NOW);
        o.settleThroughAgreement(agreement, m("10.00"), m("1000.00"), TODAY, NOW);
        assertThat(o.status()).isEqualTo(ObligationStatus.PAID);
        assertThat(o.reduction()).isNull();
    }

    @Test
    void an_installment_is_an_agreement_installment_obligation_that_knows_its_agreement() {
        UUID agreement = UUID.randomUUID();
        Obligation i = Obligation.installment(ObligationId.random(), DebtorId.parse("1790012344001"),
                "Comercial Andina S.A.", new InstallmentOf(agreement, 3), m("888.49"), LocalDate.of(2026, 6, 10),
                "Convenio, cuota 3 de 12", NOW);
        assertThat(i.type()).isEqualTo(ObligationType.AGREEMENT_INSTALLMENT);
        assertThat(i.installment()).isEqualTo(new InstallmentOf(agreement, 3));
        assertThat(i.status()).isEqualTo(ObligationStatus.PENDING);
    }
}
