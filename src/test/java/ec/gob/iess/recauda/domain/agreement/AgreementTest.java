package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.ArrearsExemption;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.Money;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The life of an agreement as pure domain operations, with no framework: each transition is called on the agreement
 * and its obligations (kept here in a map, as a store would keep them) and its answer says what changed.
 */
class AgreementTest {

    private static final Instant NOW = Instant.parse("2026-03-10T15:00:00Z");
    private static final LocalDate SIGNED = LocalDate.of(2026, 3, 10);
    private static final DebtorId COMPANY = DebtorId.parse("1790012344001");
    private static final DebtorId PERSON = DebtorId.parse("1710034065");
    private static final AgreementTerms TERMS = AgreementTerms.defaults();
    private static final BigDecimal RATE = new BigDecimal("0.12");
    private static final InterestRateTable RATES = new InterestRateTable(List.of(
            new InterestRate(LocalDate.of(2000, 1, 1), RATE)));
    private static final int GRACE = 1;

    /** The obligations, by id, as a store would hold them after each transition. */
    private final Map<ObligationId, Obligation> store = new LinkedHashMap<>();

    private static Money m(String amount) {
        return new Money(new BigDecimal(amount));
    }

    private static CoveredObligation covered(String due, String principal, String interest) {
        return new CoveredObligation(ObligationId.random(), ObligationType.CONTRIBUTION, LocalDate.parse(due),
                m(principal), m(interest));
    }

    private static Agreement subscribe(DebtorId debtor, List<CoveredObligation> covered, int months) {
        return Agreement.subscribe(UUID.randomUUID(), debtor, "Comercial Andina S.A.", covered, months,
                new BigDecimal("0.1098"), SIGNED, TERMS, "staff", NOW);
    }

    private Obligation fine(String principal, String due) {
        Obligation o = Obligation.create(ObligationId.random(), new NewObligation(COMPANY, "Comercial Andina S.A.",
                ObligationType.FINE, null, m(principal), LocalDate.parse(due), null, null, null), NOW);
        store.put(o.id(), o);
        return o;
    }

    private AgreementObligations own(Agreement a) {
        return AgreementObligations.of(a, store.values());
    }

    private AgreementChange keep(AgreementChange change) {
        change.created().forEach(o -> store.put(o.id(), o));
        change.changed().forEach(o -> store.put(o.id(), o));
        return change;
    }

    /** Subscribes over fresh fines, issues its down payment (as the service does) and pays it on {@code paidOn}. */
    private Agreement active(int months, LocalDate paidOn, String... principals) {
        List<Obligation> chosen = new ArrayList<>();
        for (int i = 0; i < principals.length; i++) {
            chosen.add(fine(principals[i], LocalDate.of(2025, 6, 30).plusMonths(i).toString()));
        }
        Agreement.Subscription s = Agreement.subscribe(UUID.randomUUID(), COMPANY, chosen, months, RATE, SIGNED,
                TERMS, RATES, 1, "staff", NOW);
        keep(s.change());
        Agreement a = s.agreement();
        if (a.status() == AgreementStatus.PENDING_APPROVAL) {
            keep(a.decide(true, null, "director", SIGNED, own(a), GRACE, NOW));
        }
        Obligation downPayment = a.newDownPayment(ObligationId.random(), SIGNED, 7, NOW);
        store.put(downPayment.id(), downPayment);
        a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher("1234567890123456", a.downPayment(),
                SIGNED.plusDays(7)), NOW);
        pay(downPayment, paidOn);
        AgreementChange activation = keep(a.onPaid(List.of(downPayment), own(a), paidOn, NOW));
        assertThat(activation.events()).containsExactly(new AgreementEvent.Activated(paidOn));
        return a;
    }

    private void pay(Obligation o, LocalDate on) {
        o.applyPayment(Money.ZERO, o.principalBalance(), on, "payment-" + o.id(), NOW);
        store.put(o.id(), o);
    }

    private Obligation installment(Agreement a, int number) {
        return own(a).installments().get(number);
    }

    // ------------------------------------------------------------------------------------- subscription, approval

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
    void subscribing_reserves_the_chosen_obligations_at_their_debt_of_the_signing_day() {
        Obligation o = fine("1000.00", "2026-02-24"); // 14 days overdue: 1000 × 14 × 12 % / 365 = 4.60
        Agreement.Subscription s = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(o), 6, RATE, SIGNED,
                TERMS, RATES, 1, "staff", NOW);
        assertThat(s.agreement().debt()).isEqualTo(m("1004.60"));
        assertThat(s.change().changed()).containsExactly(o);
        assertThat(o.coveringAgreement()).isEqualTo(s.agreement().id());
        assertThat(s.change().events()).singleElement().isInstanceOf(AgreementEvent.Subscribed.class);
        assertThatThrownBy(() -> Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(), 6, RATE, SIGNED, TERMS,
                RATES, 1, "staff", NOW)).isInstanceOfSatisfying(BusinessRuleException.class,
                e -> assertThat(e.kind()).isEqualTo("no-eligible-debt"));
    }

    @Test
    void approval_moves_it_on_and_rejection_closes_it_once_and_frees_its_obligations() {
        Obligation o = fine("50000.00", "2025-10-15");
        Agreement a = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(o), 12, RATE, SIGNED, TERMS, RATES,
                1, "staff", NOW).agreement();
        keep(a.decide(true, "aprobado por el director provincial", "director", SIGNED, own(a), GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
        assertThatThrownBy(() -> a.decide(false, null, "director", SIGNED, own(a), GRACE, NOW))
                .isInstanceOf(ConflictException.class).hasMessageContaining("AWAITING_DOWN_PAYMENT");

        Obligation p = fine("50000.00", "2025-10-15");
        Agreement b = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(p), 12, RATE, SIGNED, TERMS, RATES,
                1, "staff", NOW).agreement();
        AgreementChange rejected = keep(b.decide(false, "garantías insuficientes", "director", SIGNED, own(b), GRACE,
                NOW));
        assertThat(b.status()).isEqualTo(AgreementStatus.REJECTED);
        assertThat(b.closeReason()).isEqualTo("garantías insuficientes");
        assertThat(rejected.changed()).containsExactly(p);
        assertThat(p.link()).isNull();
        assertThat(rejected.events()).containsExactly(new AgreementEvent.Decided(false, "garantías insuficientes"));
    }

    @Test
    void four_eyes_whoever_subscribed_an_agreement_may_not_decide_it_either_way() {
        Obligation o = fine("50000.00", "2025-10-15");
        Agreement a = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(o), 12, RATE, SIGNED, TERMS, RATES,
                1, "person:director-a", NOW).agreement();
        for (boolean approved : new boolean[] {true, false}) {
            assertThatThrownBy(() -> a.decide(approved, null, "person:director-a", SIGNED, own(a), GRACE, NOW))
                    .isInstanceOfSatisfying(ForbiddenException.class,
                            e -> assertThat(e.kind()).isEqualTo("four-eyes"));
        }
        assertThat(a.status()).isEqualTo(AgreementStatus.PENDING_APPROVAL);
        assertThat(a.decision()).isNull();
        keep(a.decide(true, null, "person:director-b", SIGNED, own(a), GRACE, NOW));
        assertThat(a.decision().decidedBy()).isEqualTo("person:director-b");
    }

    @Test
    void staff_cancel_it_before_activation_its_down_payment_is_cancelled_and_its_debt_free() {
        Obligation o = fine("700.00", "2025-10-15");
        Agreement.Subscription s = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(o), 4, RATE, SIGNED,
                TERMS, RATES, 1, "staff", NOW);
        Agreement a = s.agreement();
        Obligation downPayment = a.newDownPayment(ObligationId.random(), SIGNED, 7, NOW);
        downPayment.holdFor("1234567890123456", SIGNED.plusDays(7), SIGNED, NOW);
        store.put(downPayment.id(), downPayment);
        a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher("1234567890123456", a.downPayment(),
                SIGNED.plusDays(7)), NOW);

        AgreementChange cancelled = keep(a.cancel("el empleador desistió", SIGNED, own(a), GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.CANCELLED);
        assertThat(downPayment.status()).isEqualTo(ObligationStatus.CANCELLED);
        assertThat(o.link()).isNull();
        assertThat(cancelled.events()).containsExactly(new AgreementEvent.Cancelled("el empleador desistió"));
        assertThatThrownBy(() -> a.cancel("again", SIGNED, own(a), GRACE, NOW)).isInstanceOf(ConflictException.class);
    }

    // --------------------------------------------------------------------------------- activation and completion

    @Test
    void paying_the_down_payment_activates_it_with_installments_due_monthly_from_that_day() {
        Agreement a = active(3, LocalDate.of(2026, 3, 31), "1000.00");
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(a.activatedOn()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(own(a).installments().values()).extracting(Obligation::dueDate).containsExactly(
                LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 30));
        assertThat(own(a).covered()).extracting(Obligation::status).containsOnly(ObligationStatus.IN_AGREEMENT);
        // Paying something else changes nothing.
        assertThat(a.onPaid(List.of(fine("5.00", "2025-01-01")), own(a), SIGNED, NOW).isEmpty()).isTrue();
    }

    @Test
    void paying_the_last_installment_completes_it_and_each_covered_obligation_receives_its_whole_debt() {
        Agreement a = active(2, SIGNED, "600.00", "400.00");
        Obligation first = installment(a, 1);
        pay(first, LocalDate.of(2026, 4, 10));
        assertThat(keep(a.onPaid(List.of(first), own(a), LocalDate.of(2026, 4, 10), NOW)).isEmpty()).isTrue();
        Obligation last = installment(a, 2);
        pay(last, LocalDate.of(2026, 5, 8));
        AgreementChange completed = keep(a.onPaid(List.of(last), own(a), LocalDate.of(2026, 5, 8), NOW));

        assertThat(a.status()).isEqualTo(AgreementStatus.COMPLETED);
        assertThat(completed.events()).containsExactly(new AgreementEvent.Completed(LocalDate.of(2026, 5, 8)));
        for (CoveredObligation c : a.covered()) {
            Obligation o = store.get(c.obligationId());
            assertThat(o.status()).isEqualTo(ObligationStatus.PAID);
            assertThat(o.interestPaid()).isEqualTo(c.interest());
            assertThat(o.history().movements()).containsExactly(new PrincipalMovement(SIGNED, c.principal(),
                    PrincipalMovement.Kind.AGREEMENT, a.id().toString()));
        }
    }

    // ---------------------------------------------------------------------------------------------------- reversals

    @Test
    void reversing_the_down_payment_before_any_installment_takes_it_back_to_waiting_for_it() {
        Agreement a = active(3, SIGNED, "900.00");
        Obligation downPayment = own(a).downPayment().orElseThrow();
        downPayment.reversePayment(Money.ZERO, downPayment.principalPaid(), SIGNED, "payment-dp", NOW);
        store.put(downPayment.id(), downPayment);

        AgreementChange back = keep(a.onReversed(List.of(downPayment), own(a), SIGNED, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
        assertThat(a.activatedOn()).isNull();
        assertThat(back.events()).containsExactly(new AgreementEvent.Deactivated());
        assertThat(own(a).installments()).isEmpty(); // cancelled and detached
        assertThat(own(a).covered()).extracting(Obligation::status).containsOnly(ObligationStatus.PENDING);
        assertThat(own(a).covered()).allSatisfy(o -> assertThat(o.coveringAgreement()).isEqualTo(a.id()));
    }

    @Test
    void the_down_payment_is_not_reversed_once_an_installment_is_paid_nor_anything_once_it_defaulted() {
        Agreement a = active(3, SIGNED, "900.00");
        pay(installment(a, 1), LocalDate.of(2026, 4, 10));
        Obligation downPayment = own(a).downPayment().orElseThrow();
        assertThatThrownBy(() -> a.onReversed(List.of(downPayment), own(a), SIGNED, GRACE, NOW))
                .isInstanceOfSatisfying(BusinessRuleException.class,
                        e -> assertThat(e.kind()).isEqualTo("agreement-installments-paid"));

        keep(a.check(LocalDate.of(2026, 6, 11), own(a), TERMS, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.DEFAULTED);
        assertThatThrownBy(() -> a.onReversed(List.of(installment(a, 1)), own(a), SIGNED, GRACE, NOW))
                .isInstanceOfSatisfying(BusinessRuleException.class,
                        e -> assertThat(e.kind()).isEqualTo("agreement-defaulted"));
    }

    @Test
    void reversing_the_payment_that_completed_it_reopens_it_and_takes_back_what_it_settled() {
        Agreement a = active(2, SIGNED, "300.00");
        pay(installment(a, 1), LocalDate.of(2026, 4, 10));
        Obligation last = installment(a, 2);
        pay(last, LocalDate.of(2026, 5, 10));
        keep(a.onPaid(List.of(last), own(a), LocalDate.of(2026, 5, 10), NOW));
        last.reversePayment(Money.ZERO, last.principalPaid(), LocalDate.of(2026, 5, 10), "p", NOW);
        store.put(last.id(), last);

        AgreementChange reopened = keep(a.onReversed(List.of(last), own(a), LocalDate.of(2026, 5, 10), GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(a.closedOn()).isNull();
        assertThat(reopened.events()).containsExactly(new AgreementEvent.Reopened());
        Obligation covered = store.get(a.covered().get(0).obligationId());
        assertThat(covered.status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
        assertThat(covered.principalPaid()).isEqualTo(Money.ZERO);
        assertThat(covered.interestPaid()).isEqualTo(Money.ZERO);
        assertThat(covered.history().movements()).extracting(PrincipalMovement::kind).containsExactly(
                PrincipalMovement.Kind.AGREEMENT, PrincipalMovement.Kind.AGREEMENT_REOPENED);
    }

    // ------------------------------------------------------------------------------------------- lapse and default

    @Test
    void it_lapses_only_after_its_voucher_expired_and_the_grace_day_passed() {
        Obligation o = fine("1000.00", "2025-10-15");
        Agreement a = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(o), 3, RATE, SIGNED, TERMS, RATES,
                1, "staff", NOW).agreement();
        Obligation downPayment = a.newDownPayment(ObligationId.random(), SIGNED, 7, NOW);
        downPayment.holdFor("1234567890123456", SIGNED.plusDays(7), SIGNED, NOW);
        store.put(downPayment.id(), downPayment);
        a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher("1234567890123456", a.downPayment(),
                SIGNED.plusDays(7)), NOW);
        assertThat(a.downPaymentLapsedOn(SIGNED.plusDays(8), 0)).isTrue();
        assertThat(a.check(SIGNED.plusDays(8), own(a), TERMS, GRACE, NOW).isEmpty()).isTrue();
        assertThat(a.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);

        AgreementChange lapsed = keep(a.check(SIGNED.plusDays(9), own(a), TERMS, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.LAPSED);
        assertThat(a.status().isOpen()).isFalse();
        assertThat(lapsed.events()).containsExactly(new AgreementEvent.Lapsed(SIGNED.plusDays(9), SIGNED.plusDays(7)));
        assertThat(downPayment.status()).isEqualTo(ObligationStatus.CANCELLED);
        assertThat(o.link()).isNull();
    }

    @Test
    void two_consecutive_overdue_installments_default_it_but_two_apart_do_not() {
        Agreement a = subscribe(COMPANY, List.of(covered("2025-10-15", "1000.00", "0.00")), 6);
        LocalDate july = LocalDate.of(2026, 7, 11); // due 2026-04-10, 05-10, 06-10, 07-10 ... (dated from signing)
        assertThat(a.hasMissedConsecutive(Set.of(2, 4), july, 2)).isFalse(); // 1 and 3 missed, not consecutive
        assertThat(a.hasMissedConsecutive(Set.of(1), july, 2)).isTrue();    // 2 and 3 missed
        assertThat(a.hasMissedConsecutive(Set.of(1, 2, 3), july, 2)).isFalse(); // only 4 overdue
        assertThat(a.hasMissedConsecutive(Set.of(), LocalDate.of(2026, 5, 10), 2)).isFalse(); // 2 due today
        assertThat(a.hasMissedConsecutive(Set.of(), LocalDate.of(2026, 5, 11), 2)).isTrue();
    }

    @Test
    void a_default_cancels_the_unpaid_installments_and_reinstates_the_unpaid_debt_with_its_interest_to_signing() {
        Agreement a = active(6, SIGNED, "500.00", "3000.00");
        pay(installment(a, 1), LocalDate.of(2026, 4, 9));
        assertThat(a.check(LocalDate.of(2026, 5, 11), own(a), TERMS, GRACE, NOW).isEmpty()).isTrue();

        AgreementChange defaulted = keep(a.check(LocalDate.of(2026, 6, 11), own(a), TERMS, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.DEFAULTED);
        assertThat(a.closedOn()).isEqualTo(LocalDate.of(2026, 6, 11));
        assertThat(own(a).installments().values()).extracting(Obligation::status).containsExactly(
                ObligationStatus.PAID, ObligationStatus.CANCELLED, ObligationStatus.CANCELLED,
                ObligationStatus.CANCELLED, ObligationStatus.CANCELLED, ObligationStatus.CANCELLED);
        AgreementEvent.Defaulted event = (AgreementEvent.Defaulted) defaulted.events().get(0);
        Money reinstated = a.reinstatement(Set.of(1)).stream().map(Agreement.Remainder::total)
                .reduce(Money.ZERO, Money::plus);
        assertThat(reinstated).isEqualTo(a.financedAmount().minus(a.schedule().get(0).principal()));
        assertThat(event.principalPaidThroughInstallments()).isEqualTo(a.schedule().get(0).principal());
        for (Agreement.Remainder r : a.reinstatement(Set.of(1))) {
            Obligation o = store.get(r.obligation().obligationId());
            assertThat(o.coveringAgreement()).isNull();
            assertThat(o.principalBalance()).isEqualTo(r.principal());
            assertThat(o.interestPaid()).isEqualTo(r.obligation().interest().minus(r.interest()));
            assertThat(o.status()).isEqualTo(r.principal().isZero() ? ObligationStatus.PAID : ObligationStatus.PENDING);
            assertThat(o.interestAsOf(SIGNED, RATES)).isEqualTo(r.principal().isZero() ? Money.ZERO : r.interest());
        }
        // A second check changes nothing.
        assertThat(a.check(LocalDate.of(2026, 6, 12), own(a), TERMS, GRACE, NOW).isEmpty()).isTrue();
    }

    @Test
    void no_day_is_charged_twice_the_days_whose_financing_interest_was_paid_accrue_no_arrears() {
        // One obligation, 6 months. Installments 1 and 2 paid (their financing interest covered 03-11 to 05-10 on
        // the principal then unpaid); 3 and 4 missed: default on 07-11.
        Agreement a = active(6, SIGNED, "5000.00");
        pay(installment(a, 1), LocalDate.of(2026, 4, 10));
        pay(installment(a, 2), LocalDate.of(2026, 5, 10));
        keep(a.check(LocalDate.of(2026, 7, 11), own(a), TERMS, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.DEFAULTED);

        Obligation o = store.get(a.covered().get(0).obligationId());
        Money reinstated = o.principalBalance();
        assertThat(o.history().exemptions()).containsExactly(new ArrearsExemption(LocalDate.of(2026, 3, 11),
                LocalDate.of(2026, 5, 10), reinstated, a.id()));
        // Day by day: through the signing day on 5000.00; from 03-11 to 05-10 nothing on the reinstated principal
        // (the financing interest paid for those days); from 05-11 arrears on it again. Less the interest paid.
        LocalDate asOf = LocalDate.of(2026, 12, 31);
        BigDecimal timesRate = BigDecimal.ZERO;
        for (LocalDate day = LocalDate.of(2025, 7, 1); !day.isAfter(asOf); day = day.plusDays(1)) {
            BigDecimal balance = day.isAfter(SIGNED) ? reinstated.amount() : new BigDecimal("5000.00");
            boolean exempt = !day.isBefore(LocalDate.of(2026, 3, 11)) && !day.isAfter(LocalDate.of(2026, 5, 10));
            if (!exempt) {
                timesRate = timesRate.add(balance.multiply(RATE));
            }
        }
        Money expected = Money.rounded(timesRate.divide(BigDecimal.valueOf(365), 10, java.math.RoundingMode.HALF_UP))
                .minus(o.interestPaid());
        assertThat(o.interestAsOf(asOf, RATES)).isEqualTo(expected);
    }

    /** The worked example of ADR 0003, "No day is charged twice". */
    @Test
    void the_worked_example_of_adr_0003_a_paid_installments_days_accrue_no_arrears_after_a_default() {
        LocalDate signed = LocalDate.of(2026, 3, 2);
        Obligation o = fine("1000.00", "2026-01-31");
        Agreement.Subscription s = Agreement.subscribe(UUID.randomUUID(), COMPANY, List.of(o), 3, RATE, signed,
                TERMS, RATES, 1, "staff", NOW);
        keep(s.change());
        Agreement a = s.agreement();
        assertThat(a.debt()).isEqualTo(m("1009.86"));       // 1000 × 30 days × 12 % / 365 = 9.86
        assertThat(a.downPayment()).isEqualTo(m("100.99"));  // pays 9.86 of interest and 91.13 of principal
        assertThat(a.schedule()).extracting(ScheduledInstallment::installment)
                .containsExactly(m("309.04"), m("309.04"), m("309.03"));
        assertThat(a.schedule().get(0).interest()).isEqualTo(m("9.09"));
        assertThat(a.schedule().get(0).principal()).isEqualTo(m("299.95"));
        Obligation downPayment = a.newDownPayment(ObligationId.random(), signed, 7, NOW);
        store.put(downPayment.id(), downPayment);
        a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher("1234567890123456", a.downPayment(),
                signed.plusDays(7)), NOW);
        pay(downPayment, signed);
        keep(a.onPaid(List.of(downPayment), own(a), signed, NOW));
        pay(installment(a, 1), LocalDate.of(2026, 4, 2));
        keep(a.check(LocalDate.of(2026, 6, 3), own(a), TERMS, GRACE, NOW)); // 2 (05-02) and 3 (06-02) unpaid
        assertThat(a.status()).isEqualTo(AgreementStatus.DEFAULTED);

        Obligation reinstated = store.get(o.id());
        assertThat(reinstated.principalBalance()).isEqualTo(m("608.92"));
        assertThat(reinstated.interestPaid()).isEqualTo(m("9.86"));
        assertThat(reinstated.history().exemptions()).containsExactly(new ArrearsExemption(LocalDate.of(2026, 3, 3),
                LocalDate.of(2026, 4, 2), m("608.92"), a.id()));
        // (1000.00 × 30 days + 608.92 × (120 − 31) days) × 12 % / 365 = 27.68, less 9.86 paid = 17.82; charging the
        // 31 days of installment 1 again would have given 24.03.
        assertThat(reinstated.interestAsOf(LocalDate.of(2026, 6, 30), RATES)).isEqualTo(m("17.82"));
    }

    @Test
    void a_default_waits_while_a_voucher_still_holds_an_unpaid_installment_then_works_on_what_is_left() {
        Agreement a = active(6, SIGNED, "2000.00");
        // Installments 1 and 2 unpaid; on 05-09 the debtor takes a voucher for installment 1 (expires 05-10 at the
        // latest: installment 2 is not due yet) ... only installment 1 here, expiring 05-16.
        Obligation first = installment(a, 1);
        first.holdFor("1111111111111111", LocalDate.of(2026, 5, 16), LocalDate.of(2026, 5, 9), NOW);
        store.put(first.id(), first);

        AgreementChange waiting = a.check(LocalDate.of(2026, 5, 11), own(a), TERMS, GRACE, NOW);
        assertThat(waiting.events()).containsExactly(new AgreementEvent.DefaultDeferred(LocalDate.of(2026, 5, 11),
                LocalDate.of(2026, 5, 17)));
        assertThat(waiting.changed()).isEmpty();
        assertThat(waiting.agreementChanged()).isFalse();
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(a.isInDefaultOn(LocalDate.of(2026, 5, 11), own(a), TERMS)).isTrue();
        assertThat(a.check(LocalDate.of(2026, 5, 17), own(a), TERMS, GRACE, NOW).events().get(0))
                .isInstanceOf(AgreementEvent.DefaultDeferred.class);

        // A bank posts the voucher's payment late: it applies, and the default then works on what is left.
        pay(first, LocalDate.of(2026, 5, 16));
        keep(a.check(LocalDate.of(2026, 5, 18), own(a), TERMS, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE); // only installment 2 is overdue now
        keep(a.check(LocalDate.of(2026, 6, 11), own(a), TERMS, GRACE, NOW));
        assertThat(a.status()).isEqualTo(AgreementStatus.DEFAULTED);
        assertThat(own(a).paidInstallments()).containsExactly(1);
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
        // The agreement's interest is charged on principal only: the first installment's base is 770.00 + 3000.00.
        assertThat(a.schedule().get(0).interestBase()).isEqualTo(m("3770.00"));
    }

    @Test
    void only_an_active_agreement_is_paid_off_and_its_payoff_takes_every_unpaid_installment() {
        Agreement a = active(3, SIGNED, "900.00");
        pay(installment(a, 1), LocalDate.of(2026, 4, 10));
        assertThat(a.payoffInstallments(own(a))).containsExactly(installment(a, 2), installment(a, 3));
        Agreement waiting = subscribe(COMPANY, List.of(covered("2025-10-15", "1000.00", "0.00")), 3);
        assertThatThrownBy(() -> waiting.payoffInstallments(own(waiting))).isInstanceOf(ConflictException.class);
    }

    @Test
    void the_obligations_of_many_agreements_are_split_between_them_in_one_pass() {
        Agreement first = active(2, SIGNED, "500.00");
        Agreement second = active(3, SIGNED, "700.00", "300.00");
        fine("9.99", "2025-01-01"); // nobody's
        Map<UUID, AgreementObligations> split = AgreementObligations.byAgreement(List.of(first, second),
                store.values());
        assertThat(split.get(first.id()).covered()).extracting(Obligation::id)
                .containsExactlyElementsOf(first.covered().stream().map(CoveredObligation::obligationId).toList());
        assertThat(split.get(first.id()).installments()).hasSize(2);
        assertThat(split.get(second.id()).covered()).hasSize(2);
        assertThat(split.get(second.id()).installments()).hasSize(3);
        assertThat(split.get(second.id()).downPayment()).isPresent();
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
}
