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
    private static final InterestRateTable TWELVE_PERCENT = new InterestRateTable(List.of(
            new InterestRate(LocalDate.of(2000, 1, 1), new BigDecimal("0.12"))));

    private static Money m(String amount) {
        return new Money(new BigDecimal(amount));
    }

    private static Obligation fine(String principal, String due) {
        return Obligation.create(ObligationId.random(), new NewObligation(DebtorId.parse("1790012344001"),
                "Comercial Andina S.A.", ObligationType.FINE, null, m(principal), LocalDate.parse(due), null, null,
                null), NOW);
    }

    private static PrincipalHistory paidOn(String on, String amount) {
        return PrincipalHistory.of(List.of(new PrincipalMovement(LocalDate.parse(on), m(amount),
                PrincipalMovement.Kind.AGREEMENT, "agreement")), List.of());
    }

    @Test
    void interest_accrues_on_the_balance_before_a_movement_through_its_day_and_on_the_balance_after_it_later() {
        // 1000.00 due 2025-01-15; 400.00 paid counted from 2025-06-30; 10 %:
        // (1000 × 166 days + 600 × 184 days) × 0.10 / 365 = 27,640 / 365 = 75.7260... → 75.73
        PrincipalHistory history = paidOn("2025-06-30", "400.00");
        assertThat(ArrearsInterest.accrued(m("1000.00"), history, LocalDate.of(2025, 1, 15),
                LocalDate.of(2025, 12, 31), TEN_PERCENT)).isEqualTo(m("75.73"));
        // Before the movement's day the whole principal accrues: 1000 × 31 days (to 2025-02-15) = 8.49.
        assertThat(ArrearsInterest.accrued(m("1000.00"), history, LocalDate.of(2025, 1, 15),
                LocalDate.of(2025, 2, 15), TEN_PERCENT)).isEqualTo(m("8.49"));
        // A movement dated before the due date changes nothing but the balance.
        assertThat(ArrearsInterest.accrued(m("1000.00"), paidOn("2024-01-01", "400.00"), LocalDate.of(2025, 1, 15),
                LocalDate.of(2025, 12, 31), TEN_PERCENT)).isEqualTo(ArrearsInterest.accrued(m("600.00"),
                LocalDate.of(2025, 1, 15), LocalDate.of(2025, 12, 31), TEN_PERCENT));
    }

    @Test
    void a_reversal_gives_back_exactly_what_its_payment_took_for_every_day() {
        Obligation o = fine("1000.00", "2025-01-15");
        o.applyPayment(m("5.00"), m("300.00"), LocalDate.of(2025, 3, 1), "p1", NOW);
        o.reversePayment(m("5.00"), m("300.00"), LocalDate.of(2025, 3, 1), "p1", NOW);
        assertThat(o.principalPaid()).isEqualTo(Money.ZERO);
        assertThat(o.history().movements()).hasSize(2);
        assertThat(o.interestAsOf(LocalDate.of(2025, 12, 31), TEN_PERCENT))
                .isEqualTo(fine("1000.00", "2025-01-15").interestAsOf(LocalDate.of(2025, 12, 31), TEN_PERCENT));
    }

    @Test
    void a_reserved_obligation_goes_on_no_voucher_and_cannot_be_cancelled() {
        Obligation o = fine("100.00", "2025-01-15");
        UUID agreement = UUID.randomUUID();
        o.reserveFor(agreement, TODAY, 1, NOW);
        assertThatThrownBy(() -> o.holdFor("1234567890123456", TODAY.plusDays(7), TODAY, NOW))
                .isInstanceOf(ConflictException.class).hasMessageContaining("payment agreement");
        assertThatThrownBy(() -> o.cancel("duplicated", TODAY, 1, NOW)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> o.reserveFor(UUID.randomUUID(), TODAY, 1, NOW)).isInstanceOf(ConflictException.class);
        o.releaseReservation(agreement, NOW);
        assertThat(o.isCovered()).isFalse();
        assertThat(o.link()).isNull();
    }

    @Test
    void in_an_agreement_it_accrues_nothing_and_a_default_reinstates_it_with_exact_interest_from_its_due_date() {
        Obligation o = fine("1000.00", "2025-01-15");
        UUID agreement = UUID.randomUUID();
        LocalDate signed = LocalDate.of(2025, 6, 30);
        Money interestAtSigning = o.interestAsOf(signed, TEN_PERCENT); // 1000 × 166 / 3650 = 45.48
        assertThat(interestAtSigning).isEqualTo(m("45.48"));
        o.reserveFor(agreement, signed, 1, NOW);
        o.enterAgreement(agreement, NOW);
        assertThat(o.status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
        assertThat(o.interestAsOf(LocalDate.of(2025, 12, 31), TEN_PERCENT)).isEqualTo(Money.ZERO);

        // Default: the agreement had paid all its interest to signing and 400.00 of its principal.
        o.settleThroughAgreement(agreement, interestAtSigning, m("400.00"), signed, List.of(), NOW);
        assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
        assertThat(o.principalBalance()).isEqualTo(m("600.00"));
        assertThat(o.isCovered()).isFalse();
        assertThat(o.history().movements()).containsExactly(new PrincipalMovement(signed, m("400.00"),
                PrincipalMovement.Kind.AGREEMENT, agreement.toString()));
        // Owed on 2025-12-31: 75.73 accrued (see above) − 45.48 paid = 30.25 = 600 × 184 days × 10 % / 365.
        assertThat(o.interestAsOf(LocalDate.of(2025, 12, 31), TEN_PERCENT)).isEqualTo(m("30.25"));
    }

    @Test
    void a_second_default_keeps_the_first_ones_movement_so_no_day_is_under_charged() {
        // The case: 1000.00 due 14 days before the signing day, 12 %. Agreement 1: its down payment (10 % of
        // 1004.60 = 100.46) pays 4.60 of interest and 95.86 of principal; it defaults. Agreement 2 the same day: its
        // down payment (10 % of 904.14 = 90.41) pays 90.41 of principal; it defaults.
        LocalDate today = LocalDate.of(2026, 3, 10);
        Obligation o = fine("1000.00", today.minusDays(14).toString());
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        assertThat(o.interestAsOf(today, TWELVE_PERCENT)).isEqualTo(m("4.60"));
        o.reserveFor(first, today, 1, NOW);
        o.enterAgreement(first, NOW);
        o.settleThroughAgreement(first, m("4.60"), m("95.86"), today, List.of(), NOW);
        assertThat(o.interestAsOf(today, TWELVE_PERCENT)).isEqualTo(Money.ZERO);
        o.reserveFor(second, today, 1, NOW);
        o.enterAgreement(second, NOW);
        o.settleThroughAgreement(second, Money.ZERO, m("90.41"), today, List.of(), NOW);

        // Day by day: 1000.00 × 14 days, then 813.73 × 300 days, at 12 % / 365, less the 4.60 paid:
        // (14,000 + 244,119) × 0.12 / 365 = 84.86 − 4.60 = 80.26. (The single latest reduction gave 79.82.)
        assertThat(o.interestAsOf(today.plusDays(300), TWELVE_PERCENT)).isEqualTo(m("80.26"));
        assertThat(o.history().principalPaid()).isEqualTo(o.principalPaid());
    }

    @Test
    void an_exemption_stops_arrears_on_the_principal_it_covers_for_its_days() {
        // 1000.00 due 2025-01-15 at 10 %; from 2025-03-01 through 2025-03-31 financing interest covered 700.00 of it:
        // those 31 days accrue on 300.00 only. 1000 × 44 days (01-16 to 02-28) + 300 × 31 + 1000 × 30 (to 04-30):
        // (44,000 + 9,300 + 30,000) × 0.10 / 365 = 22.8219... → 22.82
        PrincipalHistory history = PrincipalHistory.of(List.of(), List.of(new ArrearsExemption(
                LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), m("700.00"), UUID.randomUUID())));
        assertThat(ArrearsInterest.accrued(m("1000.00"), history, LocalDate.of(2025, 1, 15),
                LocalDate.of(2025, 4, 30), TEN_PERCENT)).isEqualTo(m("22.82"));
        // An exemption larger than the balance exempts the whole balance, never more.
        PrincipalHistory all = PrincipalHistory.of(List.of(), List.of(new ArrearsExemption(
                LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31), m("5000.00"), UUID.randomUUID())));
        assertThat(ArrearsInterest.accrued(m("1000.00"), all, LocalDate.of(2025, 1, 15),
                LocalDate.of(2025, 4, 30), TEN_PERCENT)).isEqualTo(m("20.27")); // 74,000 × 0.10 / 365
    }

    @Test
    void an_agreement_paying_all_of_it_leaves_it_paid() {
        Obligation o = fine("1000.00", "2025-01-15");
        UUID agreement = UUID.randomUUID();
        o.reserveFor(agreement, TODAY, 1, NOW);
        o.enterAgreement(agreement, NOW);
        o.settleThroughAgreement(agreement, m("10.00"), m("1000.00"), TODAY, List.of(), NOW);
        assertThat(o.status()).isEqualTo(ObligationStatus.PAID);
        assertThat(o.history().principalPaid()).isEqualTo(m("1000.00"));
    }

    @Test
    void a_restored_obligation_whose_history_does_not_add_up_to_its_principal_paid_is_refused() {
        Obligation o = fine("1000.00", "2025-01-15");
        assertThatThrownBy(() -> Obligation.restore().id(o.id()).debtor(o.debtorId(), o.debtorName()).type(o.type())
                .stage(o.stage()).status(o.status()).principal(o.principal()).paid(m("10.00"), Money.ZERO)
                .dueDate(o.dueDate()).timestamps(NOW, NOW).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adds up to 0.00");
    }

    @Test
    void a_late_installment_bears_arrears_on_its_principal_part_only_never_on_its_financing_interest() {
        // Installment 1 of ADR 0003's example: 309.04 = 9.09 of financing interest + 299.95; 30 days late at 12 %:
        // 299.95 × 30 × 0.12 / 365 = 2.9584 → 2.96 (on the whole 309.04 it would be 3.05: interest on interest).
        Obligation i = Obligation.installment(ObligationId.random(), DebtorId.parse("1790012344001"),
                "Comercial Andina S.A.", new InstallmentOf(UUID.randomUUID(), 1), m("309.04"), m("9.09"),
                LocalDate.of(2026, 4, 2), "Convenio, cuota 1 de 3", NOW);
        assertThat(i.interestAsOf(LocalDate.of(2026, 5, 2), TWELVE_PERCENT)).isEqualTo(m("2.96"));
        // What is paid of it pays its financing interest first: 5.00 leaves the bearing part as it was ...
        i.applyPayment(Money.ZERO, m("5.00"), LocalDate.of(2026, 4, 2), "p1", NOW);
        assertThat(i.interestAsOf(LocalDate.of(2026, 5, 2), TWELVE_PERCENT)).isEqualTo(m("2.96"));
        // ... and 100.00 more (4.09 of interest left, then 95.91 of principal) leaves 204.04 bearing.
        i.applyPayment(Money.ZERO, m("100.00"), LocalDate.of(2026, 4, 2), "p2", NOW);
        assertThat(i.interestAsOf(LocalDate.of(2026, 5, 2), TWELVE_PERCENT))
                .isEqualTo(m("2.01")); // 204.04 × 30 × 0.12 / 365 = 2.0124
    }

    @Test
    void an_installment_is_an_agreement_installment_obligation_that_knows_its_agreement() {
        UUID agreement = UUID.randomUUID();
        Obligation i = Obligation.installment(ObligationId.random(), DebtorId.parse("1790012344001"),
                "Comercial Andina S.A.", new InstallmentOf(agreement, 3), m("888.49"), m("8.80"),
                LocalDate.of(2026, 6, 10),
                "Convenio, cuota 3 de 12", NOW);
        assertThat(i.type()).isEqualTo(ObligationType.AGREEMENT_INSTALLMENT);
        assertThat(i.installment()).isEqualTo(new InstallmentOf(agreement, 3));
        assertThat(i.link()).isEqualTo(new InstallmentOf(agreement, 3));
        assertThat(i.isInstallmentOf(agreement)).isTrue();
        assertThat(i.status()).isEqualTo(ObligationStatus.PENDING);
    }
}
