package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.obligation.DayByDayReference;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.payment.Allocation;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lump sums (batch period lines, settlements, applied unapplied funds) over random sequences: several obligations of
 * several due dates, paid by successive lump sums of random amounts on later and later value dates over a rate table
 * that changes. Each sum is placed by this test itself from a day-by-day reference of each obligation's interest
 * ({@link DayByDayReference}, never read back from the obligations): interest to the value date first, then
 * principal, oldest due first; the rest unapplied. After every sum the allocations, the amounts and every
 * obligation's balance and interest must be the reference's.
 */
class LumpSumPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final DebtorId DEBTOR = DebtorId.parse("1760001550001");

    @Property(tries = 500)
    void every_lump_sum_is_placed_as_the_day_by_day_reference_places_it(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random random = new Random(seed);
        LocalDate start = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(700));
        List<InterestRate> table = new ArrayList<>();
        table.add(new InterestRate(LocalDate.of(2000, 1, 1), BigDecimal.valueOf(300 + random.nextInt(2200), 4)));
        table.add(new InterestRate(start.plusDays(1 + random.nextInt(900)),
                BigDecimal.valueOf(300 + random.nextInt(2200), 4)));
        InterestRateTable rates = new InterestRateTable(table);
        List<Obligation> obligations = new ArrayList<>();
        Map<ObligationId, DayByDayReference> references = new LinkedHashMap<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            Money principal = new Money(BigDecimal.valueOf(1_000 + random.nextInt(2_000_000), 2));
            // Due dates repeat now and then: ties go by id.
            LocalDate due = start.plusDays(random.nextInt(4) * 30L);
            Obligation o = Obligation.create(ObligationId.random(), new NewObligation(DEBTOR, "Escuela fiscal",
                    ObligationType.GLOSA, null, principal, due, null, null, null), NOW);
            obligations.add(o);
            references.put(o.id(), new DayByDayReference(principal, due));
        }
        LocalDate day = start.plusDays(random.nextInt(200));
        for (int step = 0; step < 6; step++) {
            day = day.plusDays(random.nextInt(90));
            List<Obligation> open = obligations.stream().filter(o -> LumpSum.checkOpen(o).isEmpty()).toList();
            if (open.isEmpty()) {
                return;
            }
            // What the reference says is owed, in the order the money must go.
            LocalDate valueDate = day;
            List<Obligation> order = open.stream().sorted(Comparator.comparing(Obligation::dueDate)
                    .thenComparing(o -> o.id().value())).toList();
            BigDecimal owed = BigDecimal.ZERO;
            for (Obligation o : order) {
                DayByDayReference ref = references.get(o.id());
                owed = owed.add(ref.interestOwed(valueDate, rates).amount())
                        .add(ref.principal.amount().subtract(ref.principalPaid()));
            }
            long cents = owed.movePointRight(2).longValue();
            Money amount = new Money(BigDecimal.valueOf(1 + (long) (random.nextDouble() * cents * 1.2), 2));

            LumpSum sum = LumpSum.pay(amount, open, valueDate, rates, "p-" + step, NOW);

            List<Allocation> expected = new ArrayList<>();
            BigDecimal left = amount.amount();
            for (Obligation o : order) {
                DayByDayReference ref = references.get(o.id());
                BigDecimal interest = left.min(ref.interestOwed(valueDate, rates).amount());
                left = left.subtract(interest);
                BigDecimal principal = left.min(ref.principal.amount().subtract(ref.principalPaid()));
                left = left.subtract(principal);
                if (interest.signum() > 0 || principal.signum() > 0) {
                    expected.add(new Allocation(o.id(), new Money(interest), new Money(principal)));
                    ref.interestPaid = ref.interestPaid.add(interest);
                    if (principal.signum() > 0) {
                        ref.movements.add(Map.entry(valueDate, principal));
                    }
                }
            }
            assertThat(sum.allocations()).as("seed %d step %d", seed, step).isEqualTo(expected);
            assertThat(sum.applied().plus(sum.unapplied())).isEqualTo(amount);
            assertThat(sum.unapplied()).isEqualTo(new Money(left));
            assertThat(sum.due()).isEqualTo(new Money(owed));
            for (Obligation o : obligations) {
                DayByDayReference ref = references.get(o.id());
                BigDecimal balance = ref.principal.amount().subtract(ref.principalPaid());
                assertThat(o.principalBalance()).isEqualTo(new Money(balance));
                assertThat(o.status()).isEqualTo(balance.signum() == 0 ? ObligationStatus.PAID
                        : ObligationStatus.PENDING);
                if (o.status() == ObligationStatus.PENDING) {
                    assertThat(o.interestAsOf(valueDate.plusDays(30), rates))
                            .isEqualTo(ref.interestOwed(valueDate.plusDays(30), rates));
                }
            }
        }
    }
}
