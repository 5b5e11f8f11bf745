package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of every French schedule over debts of 1.00 to 10,000,000.00, terms of 2 to 36 months and annual
 * rates of 0 to 30 % (the debt is split into down payment and financed amount as an agreement does).
 */
class AmortizationSchedulePropertyTest {

    private static final AgreementTerms TERMS = AgreementTerms.defaults();
    private static final LocalDate SIGNED = LocalDate.of(2026, 1, 31);

    @Provide
    Arbitrary<BigDecimal> debts() {
        // Small debts are where rounding bites: weight them as much as the large ones.
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("1.00"), new BigDecimal("100.00")).ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("1.00"), new BigDecimal("10000000.00")).ofScale(2));
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.oneOf(Arbitraries.just(BigDecimal.ZERO),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("0.30")).ofScale(4));
    }

    @Property(tries = 3000)
    void principal_parts_sum_exactly_to_the_financed_amount(@ForAll("debts") BigDecimal debt,
                                                            @ForAll @IntRange(min = 2, max = 36) int months,
                                                            @ForAll("rates") BigDecimal rate) {
        Simulation s = simulate(debt, months, rate);
        Money sum = s.installments().stream().map(ScheduledInstallment::principal).reduce(Money.ZERO, Money::plus);
        assertThat(sum).isEqualTo(s.financedAmount());
        assertThat(s.downPayment().plus(s.financedAmount())).isEqualTo(new Money(debt));
        assertThat(s.installments()).hasSize(months);
        assertThat(s.installments().get(months - 1).balance()).isEqualTo(Money.ZERO);
    }

    @Property(tries = 3000)
    void no_balance_goes_negative_and_no_part_is_negative(@ForAll("debts") BigDecimal debt,
                                                          @ForAll @IntRange(min = 2, max = 36) int months,
                                                          @ForAll("rates") BigDecimal rate) {
        Simulation s = simulate(debt, months, rate);
        Money previous = s.financedAmount();
        for (ScheduledInstallment i : s.installments()) {
            assertThat(i.balance().isNegative()).as("balance after %d", i.number()).isFalse();
            assertThat(i.interest().isNegative()).as("interest of %d", i.number()).isFalse();
            assertThat(i.principal().isNegative()).as("principal of %d", i.number()).isFalse();
            assertThat(i.balance()).isEqualTo(previous.minus(i.principal()));
            assertThat(i.installment().isPositive()).isTrue();
            previous = i.balance();
        }
    }

    @Property(tries = 3000)
    void every_installment_but_the_last_is_equal(@ForAll("debts") BigDecimal debt,
                                                 @ForAll @IntRange(min = 2, max = 36) int months,
                                                 @ForAll("rates") BigDecimal rate) {
        List<ScheduledInstallment> rows = simulate(debt, months, rate).installments();
        Money first = rows.get(0).installment();
        for (ScheduledInstallment i : rows.subList(0, rows.size() - 1)) {
            assertThat(i.installment()).as("installment %d", i.number()).isEqualTo(first);
        }
    }

    @Property(tries = 1000)
    void installments_fall_due_monthly_from_the_start_on_its_day_or_the_months_last_day(
            @ForAll @IntRange(min = 2, max = 36) int months, @ForAll @IntRange(min = 0, max = 800) int offset) {
        LocalDate start = LocalDate.of(2024, 1, 1).plusDays(offset);
        List<ScheduledInstallment> rows = AmortizationSchedule.french(new Money(new BigDecimal("1000.00")),
                new BigDecimal("0.12"), months, start);
        for (ScheduledInstallment i : rows) {
            LocalDate due = i.dueDate();
            assertThat(due.withDayOfMonth(1)).isEqualTo(start.withDayOfMonth(1).plusMonths(i.number()));
            assertThat(due.getDayOfMonth()).isEqualTo(Math.min(start.getDayOfMonth(), due.lengthOfMonth()));
        }
    }

    private static Simulation simulate(BigDecimal debt, int months, BigDecimal rate) {
        return Simulation.of(new Money(debt), months, DebtorKind.COMPANY, rate, SIGNED, TERMS);
    }
}
