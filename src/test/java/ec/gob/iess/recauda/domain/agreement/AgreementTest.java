package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgreementTest {

    private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
    private static final LocalDate SIGNED = LocalDate.of(2026, 3, 10);
    private static final DebtorId COMPANY = DebtorId.parse("1790012344001");
    private static final DebtorId PERSON = DebtorId.parse("1710034065");

    private static Money m(String amount) {
        return new Money(new BigDecimal(amount));
    }

    private static CoveredObligation covered(String due, String principal, String interest) {
        return new CoveredObligation(ObligationId.random(), ObligationType.CONTRIBUTION, LocalDate.parse(due),
                m(principal), m(interest));
    }

    private static Agreement subscribe(DebtorId debtor, List<CoveredObligation> covered, int months) {
        return Agreement.subscribe(UUID.randomUUID(), debtor, "Comercial Andina S.A.", covered, months,
                new BigDecimal("0.1098"), SIGNED, AgreementTerms.defaults(), "staff", NOW);
    }

    @Test
    void a_small_debt_waits_for_its_down_payment_and_a_large_one_for_approval() {
        Agreement small = subscribe(PERSON, List.of(covered("2025-10-15", "1500.00", "100.00")), 6);
        assertThat(small.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
        assertThat(small.debt()).isEqualTo(m("1600.00"));
        assertThat(small.downPayment()).isEqualTo(m("160.00"));
        Agreement large = subscribe(PERSON, List.of(covered("2025-10-15", "1500.00", "100.01")), 6);
        assertThat(large.status()).isEqualTo(AgreementStatus.PENDING_APPROVAL);
        assertThat(subscribe(COMPANY, List.of(covered("2025-10-15", "9000.00", "1000.00")), 6).status())
                .isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
    }

    @Test
    void approval_moves_it_on_and_rejection_closes_it_once() {
        Agreement a = subscribe(COMPANY, List.of(covered("2025-10-15", "50000.00", "0.00")), 12);
        a.decide(true, "aprobado por el director provincial", "director", SIGNED, NOW);
        assertThat(a.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
        assertThatThrownBy(() -> a.decide(false, null, "director", SIGNED, NOW))
                .isInstanceOf(ConflictException.class).hasMessageContaining("AWAITING_DOWN_PAYMENT");
        Agreement b = subscribe(COMPANY, List.of(covered("2025-10-15", "50000.00", "0.00")), 12);
        b.decide(false, "garantías insuficientes", "director", SIGNED, NOW);
        assertThat(b.status()).isEqualTo(AgreementStatus.REJECTED);
        assertThat(b.closeReason()).isEqualTo("garantías insuficientes");
    }

    @Test
    void activation_dates_the_installments_monthly_from_the_activation_day() {
        Agreement a = subscribe(COMPANY, List.of(covered("2025-10-15", "1000.00", "0.00")), 3);
        a.activate(LocalDate.of(2026, 3, 31), NOW);
        assertThat(a.schedule()).extracting(ScheduledInstallment::dueDate).containsExactly(LocalDate.of(2026, 4, 30),
                LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 30));
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
    }

    @Test
    void two_consecutive_overdue_installments_default_it_but_two_apart_do_not() {
        Agreement a = subscribe(COMPANY, List.of(covered("2025-10-15", "1000.00", "0.00")), 6);
        a.activate(SIGNED, NOW); // due 2026-04-10, 05-10, 06-10, 07-10 ...
        LocalDate july = LocalDate.of(2026, 7, 11);
        assertThat(a.hasMissedConsecutive(Set.of(2, 4), july, 2)).isFalse(); // 1 and 3 missed, not consecutive
        assertThat(a.hasMissedConsecutive(Set.of(1), july, 2)).isTrue();    // 2 and 3 missed
        assertThat(a.hasMissedConsecutive(Set.of(1, 2, 3), july, 2)).isFalse(); // only 4 overdue
        assertThat(a.hasMissedConsecutive(Set.of(), LocalDate.of(2026, 5, 10), 2)).isFalse(); // 2 due today
        assertThat(a.hasMissedConsecutive(Set.of(), LocalDate.of(2026, 5, 11), 2)).isTrue();
    }

    @Test
    void payments_go_to_the_oldest_obligation_first_interest_before_principal() {
        CoveredObligation old = covered("2025-01-15", "1000.00", "200.00");
        CoveredObligation recent = covered("2025-06-15", "3000.00", "100.00");
        Agreement a = subscribe(COMPANY, List.of(recent, old), 12);
        // Down payment 430.00: old's 200.00 of interest, then 230.00 of its principal.
        List<Agreement.Remainder> left = a.reinstatement(Set.of());
        assertThat(left.get(0).obligation()).isEqualTo(old);
        assertThat(left.get(0).interest()).isEqualTo(Money.ZERO);
        assertThat(left.get(0).principal()).isEqualTo(m("770.00"));
        assertThat(left.get(1).interest()).isEqualTo(m("100.00"));
        assertThat(left.get(1).principal()).isEqualTo(m("3000.00"));
    }

    @Property(tries = 500)
    void reinstated_debt_is_the_financed_amount_less_the_principal_paid_through_installments(
            @ForAll @IntRange(min = 1, max = 6) int obligations, @ForAll @IntRange(min = 2, max = 36) int months,
            @ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        java.util.Random random = new java.util.Random(seed);
        List<CoveredObligation> covered = IntStream.range(0, obligations).mapToObj(i -> covered(
                LocalDate.of(2024, 1, 15).plusMonths(i).toString(),
                BigDecimal.valueOf(100 + random.nextInt(5_000_000), 2).toPlainString(),
                BigDecimal.valueOf(random.nextInt(300_000), 2).toPlainString())).toList();
        Agreement a = subscribe(COMPANY, covered, months);
        if (a.status() == AgreementStatus.PENDING_APPROVAL) {
            a.decide(true, null, "director", SIGNED, NOW);
        }
        a.activate(SIGNED, NOW);
        Set<Integer> paid = new HashSet<>();
        for (int k = 1; k <= months; k++) {
            if (random.nextBoolean()) {
                paid.add(k);
            }
        }
        Money reinstated = a.reinstatement(paid).stream().map(Agreement.Remainder::total)
                .reduce(Money.ZERO, Money::plus);
        assertThat(reinstated).isEqualTo(a.financedAmount().minus(a.principalPaidThroughInstallments(paid)));
        assertThat(a.reinstatement(paid)).allSatisfy(r -> {
            assertThat(r.interest().isNegative()).isFalse();
            assertThat(r.principal().isNegative()).isFalse();
        });
        Set<Integer> all = new HashSet<>();
        IntStream.rangeClosed(1, months).forEach(all::add);
        assertThat(a.reinstatement(all)).allSatisfy(r -> assertThat(r.total()).isEqualTo(Money.ZERO));
    }

    @Test
    void it_lapses_only_after_its_voucher_expired_unpaid() {
        Agreement a = subscribe(COMPANY, List.of(covered("2025-10-15", "1000.00", "0.00")), 3);
        a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher("1234567890123456", a.downPayment(),
                SIGNED.plusDays(7)), NOW);
        assertThat(a.downPaymentLapsedOn(SIGNED.plusDays(7), 0)).isFalse();
        assertThat(a.downPaymentLapsedOn(SIGNED.plusDays(8), 0)).isTrue();
        assertThat(a.downPaymentLapsedOn(SIGNED.plusDays(8), 1)).isFalse();
        assertThat(a.downPaymentLapsedOn(SIGNED.plusDays(9), 1)).isTrue();
        a.lapse(SIGNED.plusDays(9), 1, NOW);
        assertThat(a.status()).isEqualTo(AgreementStatus.LAPSED);
        assertThat(a.status().isOpen()).isFalse();
    }
}
