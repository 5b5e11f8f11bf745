package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.obligation.ArrearsInterest;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.IneligibleObligationsException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a ministry's batch line with a period is settled (issue 11 §1), against the arrears formula itself. */
class LineSettlementTest {

    private static final DebtorId EMPLOYER = DebtorId.parse("1760001550001");
    private static final Period SEPTEMBER = Period.parse("2026-09");
    private static final LocalDate VALUE_DATE = LocalDate.of(2026, 12, 4);
    private static final InterestRateTable RATES = new InterestRateTable(List.of(
            new InterestRate(LocalDate.of(2020, 1, 1), new BigDecimal("0.1095"))));
    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private static Obligation contribution(ObligationType type, Period period, String principal) {
        return Obligation.create(new ObligationId(UUID.randomUUID()), new NewObligation(EMPLOYER, "Escuela fiscal",
                type, null, Money.of(principal), null, period, null, null), NOW);
    }

    private static BatchLine line(Period period, String amount) {
        return new BatchLine(1, EMPLOYER, null, period, Money.of(amount));
    }

    @Test
    void interest_to_the_value_date_first_then_principal_oldest_first_and_a_surplus_is_left_unapplied() {
        Obligation contribution = contribution(ObligationType.CONTRIBUTION, SEPTEMBER, "1000.00");
        Obligation reserve = contribution(ObligationType.RESERVE_FUND, SEPTEMBER, "200.00");
        Obligation otherMonth = contribution(ObligationType.CONTRIBUTION, Period.parse("2026-08"), "300.00");
        Money interest1 = ArrearsInterest.accrued(Money.of("1000.00"), contribution.dueDate(), VALUE_DATE, RATES);
        Money interest2 = ArrearsInterest.accrued(Money.of("200.00"), reserve.dueDate(), VALUE_DATE, RATES);
        Money due = interest1.plus(interest2).plus(Money.of("1200.00"));

        LineOutcome outcome = LineSettlement.settlePeriod(line(SEPTEMBER, due.plus(Money.of("5.00")).toString()),
                List.of(contribution, reserve, otherMonth), true, VALUE_DATE, RATES, 1, "p-1", NOW);

        assertThat(outcome.status()).isEqualTo(LineStatus.APPLIED);
        assertThat(outcome.applied()).isEqualTo(due);
        assertThat(outcome.unapplied()).isEqualTo(Money.of("5.00"));
        assertThat(outcome.reason()).isEqualTo(LineOutcome.SURPLUS);
        assertThat(contribution.status()).isEqualTo(ObligationStatus.PAID);
        assertThat(contribution.interestPaid()).isEqualTo(interest1);
        assertThat(reserve.status()).isEqualTo(ObligationStatus.PAID);
        assertThat(otherMonth.principalPaid()).isEqualTo(Money.ZERO);
    }

    /** Any amount below what is due: all of it applied, interest before principal, the rest left pending. */
    @Property(tries = 200)
    void a_smaller_amount_is_applied_whole_interest_first_and_leaves_the_rest_pending(
            @ForAll @IntRange(min = 1, max = 120_000) int cents) {
        Obligation contribution = contribution(ObligationType.CONTRIBUTION, SEPTEMBER, "1000.00");
        Money interest = ArrearsInterest.accrued(Money.of("1000.00"), contribution.dueDate(), VALUE_DATE, RATES);
        Money due = interest.plus(Money.of("1000.00"));
        Money amount = Money.of(BigDecimal.valueOf(cents, 2));
        if (!amount.isGreaterThan(Money.ZERO) || !due.isGreaterThan(amount)) {
            return;
        }
        LineOutcome outcome = LineSettlement.settlePeriod(line(SEPTEMBER, amount.toString()), List.of(contribution),
                true, VALUE_DATE, RATES, 1, "p-1", NOW);
        assertThat(outcome.status()).isEqualTo(LineStatus.PARTIAL);
        assertThat(outcome.applied()).isEqualTo(amount);
        assertThat(outcome.unapplied()).isEqualTo(Money.ZERO);
        assertThat(contribution.interestPaid()).isEqualTo(amount.min(interest));
        assertThat(contribution.principalPaid()).isEqualTo(amount.minus(amount.min(interest)));
        assertThat(contribution.status()).isEqualTo(ObligationStatus.PENDING);
        // What is still owed on the value date is exactly what was due less what was paid.
        assertThat(contribution.interestAsOf(VALUE_DATE, RATES).plus(contribution.principalBalance()))
                .isEqualTo(due.minus(amount));
    }

    @Test
    void nothing_to_pay_is_a_rejection_with_its_reason_and_the_whole_amount_unapplied() {
        Obligation contribution = contribution(ObligationType.CONTRIBUTION, SEPTEMBER, "1000.00");
        assertThat(LineSettlement.settlePeriod(line(SEPTEMBER, "10.00"), List.of(), false, VALUE_DATE, RATES, 1,
                "p", NOW).reason()).isEqualTo(LineSettlement.UNKNOWN_EMPLOYER);
        assertThat(LineSettlement.settlePeriod(line(Period.parse("2026-10"), "10.00"), List.of(contribution), true,
                VALUE_DATE, RATES, 1, "p", NOW).reason()).isEqualTo(LineSettlement.NOTHING_PENDING);

        contribution.holdFor("9100000000000011", VALUE_DATE.plusDays(2), VALUE_DATE, NOW);
        LineOutcome held = LineSettlement.settlePeriod(line(SEPTEMBER, "10.00"), List.of(contribution), true,
                VALUE_DATE, RATES, 1, "p", NOW);
        assertThat(held.status()).isEqualTo(LineStatus.REJECTED);
        assertThat(held.reason()).isEqualTo(LineSettlement.HELD_BY_VOUCHER);
        assertThat(held.unapplied()).isEqualTo(Money.of("10.00"));
        assertThat(contribution.principalPaid()).isEqualTo(Money.ZERO);
        // Past the voucher's expiry and its grace day, a bank can no longer post it: the batch pays.
        LineOutcome later = LineSettlement.settlePeriod(line(SEPTEMBER, "10.00"), List.of(contribution), true,
                VALUE_DATE.plusDays(4), RATES, 1, "p", NOW);
        assertThat(later.status()).isEqualTo(LineStatus.PARTIAL);
    }

    @Test
    void applied_plus_unapplied_is_always_the_line_amount() {
        List<LineOutcome> outcomes = new ArrayList<>();
        for (String amount : List.of("0.01", "999.99", "1000.00", "5000.00")) {
            Obligation o = contribution(ObligationType.CONTRIBUTION, SEPTEMBER, "1000.00");
            outcomes.add(LineSettlement.settlePeriod(line(SEPTEMBER, amount), List.of(o), true, VALUE_DATE, RATES, 1,
                    "p", NOW));
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.applied().plus(o.unapplied())).isEqualTo(o.amount()));
        assertThat(outcomes).extracting(LineOutcome::amount).extracting(Money::toString)
                .containsExactly("0.01", "999.99", "1000.00", "5000.00");
    }

    /** A lump sum dated before a principal payment would change the interest that payment settled: refused. */
    @Test
    void debt_paid_after_the_value_date_is_not_paid_by_a_lump_sum_dated_before() {
        Obligation contribution = contribution(ObligationType.CONTRIBUTION, SEPTEMBER, "1000.00");
        Money interest = contribution.interestAsOf(VALUE_DATE, RATES);
        contribution.applyPayment(interest, Money.of("100.00"), VALUE_DATE, "bank-1", NOW);

        LineOutcome line = LineSettlement.settlePeriod(line(SEPTEMBER, "50.00"), List.of(contribution), true,
                VALUE_DATE.minusDays(3), RATES, 1, "p", NOW);
        assertThat(line.status()).isEqualTo(LineStatus.REJECTED);
        assertThat(line.reason()).isEqualTo(LineSettlement.PAID_AFTER_VALUE_DATE);
        assertThat(contribution.principalPaid()).isEqualTo(Money.of("100.00"));

        assertThatThrownBy(() -> LumpSum.chosen(List.of(contribution), List.of(contribution.id()), VALUE_DATE, 1,
                VALUE_DATE.minusDays(1)))
                .isInstanceOfSatisfying(IneligibleObligationsException.class, e -> assertThat(e.obligations())
                        .extracting(IneligibleObligationsException.Ineligible::reason)
                        .containsExactly("PAID_AFTER_VALUE_DATE"));
        // On the payment's own day or later, it may.
        assertThat(LumpSum.chosen(List.of(contribution), List.of(contribution.id()), VALUE_DATE, 1, VALUE_DATE))
                .containsExactly(contribution);
        // A payment reversed is as if it never was: it no longer stands in the way.
        contribution.reversePayment(interest, Money.of("100.00"), VALUE_DATE, "bank-1", NOW);
        assertThat(LumpSum.chosen(List.of(contribution), List.of(contribution.id()), VALUE_DATE, 1,
                VALUE_DATE.minusDays(1))).containsExactly(contribution);
    }
}
