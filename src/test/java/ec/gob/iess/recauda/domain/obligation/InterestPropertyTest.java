package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementChange;
import ec.gob.iess.recauda.domain.agreement.AgreementObligations;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interest invariants of ADR 0003 over random sequences of events: partial payments (interest first), their
 * reversals, payment agreements (down payment, its reversal and payment again, installments paid or missed), their
 * completion (sometimes reopened by a reversal) or default, over a rate table that changes. After every event, for every obligation:
 * <ul>
 *   <li>its interest equals a day-by-day reference kept by this test from the events it caused (never read back
 *       from the obligation): the balance of each day (principal less every movement dated before it), less what the
 *       days of paid installments exempt, times the rate of that day, summed, divided by 365 and rounded once, less
 *       the interest paid;</li>
 *   <li>principal paid + principal balance = principal, and the history's movements add up to the principal paid;</li>
 *   <li>at a default, the debt reinstated = the covered debt − what the installments paid towards it (the down
 *       payment and their principal parts), and each obligation's balance is what the reference left.</li>
 * </ul>
 * Each seed is one scenario, reproducible from it.
 */
class InterestPropertyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T15:00:00Z");
    private static final DebtorId DEBTOR = DebtorId.parse("1790012344001");
    private static final AgreementTerms TERMS = AgreementTerms.defaults();

    @Property(tries = 1000)
    void interest_is_the_day_by_day_reference_through_any_sequence_of_events(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        new Scenario(new Random(seed)).run();
    }

    private static final class Scenario {
        final Random random;
        final InterestRateTable rates;
        final Map<ObligationId, Obligation> world = new LinkedHashMap<>();
        final Map<ObligationId, DayByDayReference> references = new LinkedHashMap<>();
        final List<ObligationId> originals = new ArrayList<>();
        LocalDate day;
        int serial;

        Scenario(Random random) {
            this.random = random;
            LocalDate start = LocalDate.of(2023, 1, 1).plusDays(random.nextInt(365));
            List<InterestRate> list = new ArrayList<>();
            list.add(new InterestRate(LocalDate.of(2000, 1, 1), rate()));
            Set<LocalDate> used = new HashSet<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                LocalDate from = start.plusDays(random.nextInt(1500));
                if (used.add(from)) {
                    list.add(new InterestRate(from, rate()));
                }
            }
            rates = new InterestRateTable(list);
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Money principal = new Money(BigDecimal.valueOf(10_000 + random.nextInt(5_000_000), 2));
                LocalDate due = start.plusDays(random.nextInt(90));
                Obligation o = Obligation.create(ObligationId.random(), new NewObligation(DEBTOR, "Deudor",
                        ObligationType.FINE, null, principal, due, null, null, null), NOW);
                world.put(o.id(), o);
                references.put(o.id(), new DayByDayReference(principal, due));
                originals.add(o.id());
            }
            day = start.plusDays(random.nextInt(120));
        }

        BigDecimal rate() {
            return BigDecimal.valueOf(300 + random.nextInt(2200), 4);
        }

        void run() {
            for (int step = 0; step < 12; step++) {
                day = day.plusDays(random.nextInt(60));
                int action = random.nextInt(10);
                if (action < 4) {
                    payPart();
                } else if (action < 6) {
                    payAndReverse();
                } else {
                    agreement();
                }
                checkAll();
            }
        }

        /** Pending, not covered, with a balance: can be paid or enter an agreement. */
        List<Obligation> free() {
            return originals.stream().map(world::get).filter(o -> o.status() == ObligationStatus.PENDING
                    && o.link() == null && o.principalBalance().isPositive()).toList();
        }

        Optional<Map.Entry<Obligation, Allocation>> payPart() {
            List<Obligation> free = free();
            if (free.isEmpty()) {
                return Optional.empty();
            }
            Obligation o = free.get(random.nextInt(free.size()));
            Money interest = o.interestAsOf(day, rates);
            Money total = interest.plus(o.principalBalance());
            Money amount = new Money(BigDecimal.valueOf(1 + (long) (random.nextDouble() * total.amount()
                    .movePointRight(2).longValue()), 2)).min(total);
            Allocation a = Allocation.allocate(amount, List.of(new Allocation.Due(o.id(), o.dueDate(), interest,
                    o.principalBalance()))).get(0);
            o.applyPayment(a.interest(), a.principal(), day, "payment-" + ++serial, NOW);
            DayByDayReference ref = references.get(o.id());
            if (a.principal().isPositive()) {
                ref.movements.add(Map.entry(day, a.principal().amount()));
            }
            ref.interestPaid = ref.interestPaid.add(a.interest().amount());
            return Optional.of(Map.entry(o, a));
        }

        /** A payment reversed the same day: the obligation and the reference are back where they were. */
        void payAndReverse() {
            payPart().ifPresent(paid -> {
                checkAll();
                Obligation o = paid.getKey();
                Allocation a = paid.getValue();
                o.reversePayment(a.interest(), a.principal(), day, "payment-" + serial, NOW);
                DayByDayReference ref = references.get(o.id());
                if (a.principal().isPositive()) {
                    ref.movements.add(Map.entry(day, a.principal().amount().negate()));
                }
                ref.interestPaid = ref.interestPaid.subtract(a.interest().amount());
            });
        }

        void agreement() {
            List<Obligation> chosen = free().stream().filter(o -> o.dueDate().isBefore(day)).toList();
            if (chosen.isEmpty()) {
                return;
            }
            int months = 2 + random.nextInt(11);
            BigDecimal agreementRate = BigDecimal.valueOf(random.nextInt(2000), 4);
            Agreement.Subscription s;
            try {
                s = Agreement.subscribe(UUID.randomUUID(), DEBTOR, chosen, months, agreementRate, day, TERMS, rates,
                        1, "staff", NOW);
            } catch (BusinessRuleException e) {
                // A debt left too small for the term (each installment is at least a cent) is paid by a voucher.
                assertThat(e.kind()).isEqualTo("debt-too-small");
                return;
            }
            Agreement a = s.agreement();
            keep(s.change());
            if (a.status() == AgreementStatus.PENDING_APPROVAL) {
                keep(a.decide(true, null, "director", day, own(a), 1, NOW));
            }
            Obligation downPayment = a.newDownPayment(ObligationId.random(), day, 7, NOW);
            world.put(downPayment.id(), downPayment);
            a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher("1234567890123456", a.downPayment(),
                    day.plusDays(7)), NOW);
            day = day.plusDays(random.nextInt(8));
            payWhole(downPayment);
            keep(a.onPaid(List.of(downPayment), own(a), day, NOW));
            assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
            checkAll();
            if (random.nextInt(5) == 0) {
                // The bank reverses the down payment the same day: back to waiting for it; then it is paid again.
                downPayment.reversePayment(Money.ZERO, downPayment.principalPaid(), day, "payment-" + serial, NOW);
                keep(a.onReversed(List.of(downPayment), own(a), day, 1, NOW));
                assertThat(a.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
                checkAll();
                day = day.plusDays(random.nextInt(3));
                payWhole(downPayment);
                keep(a.onPaid(List.of(downPayment), own(a), day, NOW));
                assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
                checkAll();
            }

            Set<Integer> paid = new HashSet<>();
            for (ScheduledInstallment i : a.schedule()) {
                if (random.nextInt(4) > 0) {
                    Obligation installment = own(a).installments().get(i.number());
                    LocalDate on = i.dueDate().minusDays(random.nextInt(6));
                    day = on.isAfter(day) ? on : day;
                    payWhole(installment);
                    paid.add(i.number());
                    keep(a.onPaid(List.of(installment), own(a), day, NOW));
                    if (a.status() == AgreementStatus.COMPLETED) {
                        completed(a);
                        if (random.nextInt(3) == 0) {
                            // The bank reverses the payment that completed it: ACTIVE again, the settlement undone.
                            checkAll();
                            installment.reversePayment(Money.ZERO, installment.principalPaid(), day,
                                    "payment-" + serial, NOW);
                            keep(a.onReversed(List.of(installment), own(a), day, 1, NOW));
                            assertThat(a.status()).isEqualTo(AgreementStatus.ACTIVE);
                            reopened(a);
                        }
                        return;
                    }
                }
                LocalDate checkDay = i.dueDate().plusDays(1);
                day = checkDay.isAfter(day) ? checkDay : day;
                keep(a.check(day, own(a), TERMS, 1, NOW));
                if (a.status() == AgreementStatus.DEFAULTED) {
                    defaulted(a, paid);
                    return;
                }
            }
        }

        void payWhole(Obligation o) {
            o.applyPayment(Money.ZERO, o.principalBalance(), day, "payment-" + ++serial, NOW);
        }

        void completed(Agreement a) {
            for (CoveredObligation c : a.covered()) {
                DayByDayReference ref = references.get(c.obligationId());
                ref.movements.add(Map.entry(a.signedOn(), c.principal().amount()));
                ref.interestPaid = ref.interestPaid.add(c.interest().amount());
                assertThat(world.get(c.obligationId()).status()).isEqualTo(ObligationStatus.PAID);
            }
        }

        /** A completed agreement reopened: what its completion paid is given back, dated like it. */
        void reopened(Agreement a) {
            for (CoveredObligation c : a.covered()) {
                DayByDayReference ref = references.get(c.obligationId());
                ref.movements.add(Map.entry(a.signedOn(), c.principal().amount().negate()));
                ref.interestPaid = ref.interestPaid.subtract(c.interest().amount());
                assertThat(world.get(c.obligationId()).status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
            }
        }

        /**
         * The reference's own account of a default: what was paid towards the debt (the down payment and the
         * principal parts of the paid installments) goes to the covered obligations oldest first, interest before
         * principal; each paid installment exempts its days on the principal the schedule still counted before it.
         */
        void defaulted(Agreement a, Set<Integer> paid) {
            List<CoveredObligation> oldestFirst = a.covered().stream().sorted(Comparator
                    .comparing(CoveredObligation::dueDate).thenComparing(c -> c.obligationId().value())).toList();
            BigDecimal towardDebt = a.downPayment().amount();
            for (ScheduledInstallment i : a.schedule()) {
                if (paid.contains(i.number())) {
                    towardDebt = towardDebt.add(i.principal().amount());
                }
            }
            Map<ObligationId, BigDecimal[]> taken = walk(oldestFirst, towardDebt);
            BigDecimal reinstated = BigDecimal.ZERO;
            for (CoveredObligation c : oldestFirst) {
                BigDecimal[] t = taken.get(c.obligationId());
                DayByDayReference ref = references.get(c.obligationId());
                if (t[1].signum() > 0) {
                    ref.movements.add(Map.entry(a.signedOn(), t[1]));
                }
                ref.interestPaid = ref.interestPaid.add(t[0]);
                BigDecimal left = c.principal().amount().subtract(t[1]);
                reinstated = reinstated.add(left).add(c.interest().amount().subtract(t[0]));
                assertThat(world.get(c.obligationId()).principalBalance().amount())
                        .isEqualByComparingTo(ref.balanceOn(LocalDate.MAX));
                // Exemptions: installment j paid covers (due of j − 1, due of j] on what was unpaid before it.
                BigDecimal before = a.downPayment().amount();
                LocalDate previousDue = a.activatedOn();
                for (ScheduledInstallment i : a.schedule()) {
                    if (paid.contains(i.number()) && left.signum() > 0) {
                        BigDecimal[] beforeIt = walk(oldestFirst, before).get(c.obligationId());
                        BigDecimal cap = c.principal().amount().subtract(beforeIt[1]).min(left);
                        for (LocalDate d = previousDue.plusDays(1); !d.isAfter(i.dueDate()); d = d.plusDays(1)) {
                            if (cap.signum() > 0) {
                                ref.exempt.merge(d, cap, BigDecimal::add);
                            }
                        }
                    }
                    before = before.add(i.principal().amount());
                    previousDue = i.dueDate();
                }
            }
            // Reinstated = covered debt − what the installments paid towards it.
            assertThat(new Money(reinstated)).isEqualTo(a.debt().minus(a.downPayment())
                    .minus(a.principalPaidThroughInstallments(paid)));
            assertThat(a.reinstatement(paid).stream().map(Agreement.Remainder::total).reduce(Money.ZERO, Money::plus))
                    .isEqualTo(new Money(reinstated));
        }

        /** Per covered obligation, {interest, principal} that {@code paid} reaches, oldest first. */
        Map<ObligationId, BigDecimal[]> walk(List<CoveredObligation> oldestFirst, BigDecimal paid) {
            Map<ObligationId, BigDecimal[]> taken = new HashMap<>();
            BigDecimal left = paid;
            for (CoveredObligation c : oldestFirst) {
                BigDecimal interest = left.min(c.interest().amount());
                left = left.subtract(interest);
                BigDecimal principal = left.min(c.principal().amount());
                left = left.subtract(principal);
                taken.put(c.obligationId(), new BigDecimal[]{interest, principal});
            }
            return taken;
        }

        AgreementObligations own(Agreement a) {
            return AgreementObligations.of(a, world.values());
        }

        void keep(AgreementChange change) {
            change.created().forEach(o -> world.put(o.id(), o));
            change.changed().forEach(o -> world.put(o.id(), o));
        }

        void checkAll() {
            for (ObligationId id : originals) {
                Obligation o = world.get(id);
                DayByDayReference ref = references.get(id);
                assertThat(o.principalPaid().plus(o.principalBalance())).isEqualTo(o.principal());
                assertThat(o.history().principalPaid()).isEqualTo(o.principalPaid());
                assertThat(o.principalPaid().amount()).isEqualByComparingTo(ref.principalPaid());
                assertThat(o.interestPaid().amount()).isEqualByComparingTo(ref.interestPaid);
                LocalDate asOf = day.plusDays(random.nextInt(400));
                Money expected = o.status() == ObligationStatus.PENDING ? ref.interestOwed(asOf, rates) : Money.ZERO;
                assertThat(o.interestAsOf(asOf, rates)).as("interest of %s on %s", id, asOf).isEqualTo(expected);
            }
        }
    }
}
