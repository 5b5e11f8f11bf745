package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmortizationScheduleTest {

    private static Money m(String amount) {
        return new Money(new BigDecimal(amount));
    }

    /**
     * The worked example of docs/agreements.md: 10,000.00 financed at 12 % a year over 12 months. A spreadsheet's
     * =PMT(0.12/12; 12; -10000) is 888.4878867..., so 888.49; interest of month 1 is 10,000 × 1 % = 100.00.
     */
    @Test
    void matches_the_spreadsheet_pmt_of_the_worked_example() {
        List<ScheduledInstallment> rows = AmortizationSchedule.french(m("10000.00"), new BigDecimal("0.12"), 12,
                LocalDate.of(2026, 3, 10));
        assertThat(rows.get(0)).isEqualTo(new ScheduledInstallment(1, LocalDate.of(2026, 4, 10), m("888.49"),
                m("100.00"), m("788.49"), m("9211.51"), m("10000.00")));
        assertThat(rows.get(1)).isEqualTo(new ScheduledInstallment(2, LocalDate.of(2026, 5, 10), m("888.49"),
                m("92.12"), m("796.37"), m("8415.14"), m("9211.51")));
        ScheduledInstallment last = rows.get(11);
        assertThat(last.dueDate()).isEqualTo(LocalDate.of(2027, 3, 10));
        assertThat(last.balance()).isEqualTo(Money.ZERO);
        assertThat(last.installment()).isEqualTo(m("888.47"));
        assertThat(rows.stream().map(ScheduledInstallment::interest).reduce(Money.ZERO, Money::plus))
                .isEqualTo(m("661.86"));
    }

    /**
     * The worked example of ADR 0003 ("no interest on interest"): an obligation of 8,000.00 with 3,000.00 of arrears
     * interest to the signing day; the down payment (1,100.00) pays 1,100.00 of that interest, so 1,900.00 of the
     * 9,900.00 financed is interest, which bears none. Three months at 12 % (1 % a month): month 1 is charged on
     * 8,000.00 only, and from month 2 the interest part is paid, so the base is the balance. The equal installment X
     * solves X − 80 + X − 0.01·(9,980 − X) + X − 0.01·(10,079.80 − 2.01·X) = 9,900, i.e. 3.0301·X − 280.598 = 9,900:
     * X = 3,359.8224..., so 3,359.82; the last installment absorbs the rounding.
     */
    @Test
    void financed_arrears_interest_bears_no_interest_only_the_principal_does() {
        CoveredObligation c = new CoveredObligation(ec.gob.iess.recauda.domain.obligation.ObligationId.random(),
                ec.gob.iess.recauda.domain.obligation.ObligationType.CONTRIBUTION, LocalDate.of(2024, 1, 15),
                m("8000.00"), m("3000.00"));
        List<ScheduledInstallment> rows = AmortizationSchedule.of(m("9900.00"), m("1100.00"),
                PrincipalBase.of(List.of(c)), new BigDecimal("0.12"), 3, LocalDate.of(2026, 3, 10));
        assertThat(rows).containsExactly(
                new ScheduledInstallment(1, LocalDate.of(2026, 4, 10), m("3359.82"), m("80.00"), m("3279.82"),
                        m("6620.18"), m("8000.00")),
                new ScheduledInstallment(2, LocalDate.of(2026, 5, 10), m("3359.82"), m("66.20"), m("3293.62"),
                        m("3326.56"), m("6620.18")),
                new ScheduledInstallment(3, LocalDate.of(2026, 6, 10), m("3359.83"), m("33.27"), m("3326.56"),
                        m("0.00"), m("3326.56")));
        // Interest on the whole balance would have charged interest on the 1,900.00 of interest: 3,366.22 a month.
        assertThat(AmortizationSchedule.french(m("9900.00"), new BigDecimal("0.12"), 3, LocalDate.of(2026, 3, 10))
                .get(0).installment()).isEqualTo(m("3366.22"));
    }

    @Test
    void a_zero_rate_gives_equal_principal_parts_and_the_last_takes_the_cents() {
        List<ScheduledInstallment> rows = AmortizationSchedule.french(m("100.00"), BigDecimal.ZERO, 3,
                LocalDate.of(2026, 1, 15));
        assertThat(rows).extracting(ScheduledInstallment::principal).containsExactly(m("33.33"), m("33.33"),
                m("33.34"));
        assertThat(rows).extracting(ScheduledInstallment::interest).containsOnly(Money.ZERO);
    }

    @Test
    void installments_due_on_the_31st_fall_on_the_last_day_of_shorter_months() {
        List<ScheduledInstallment> rows = AmortizationSchedule.french(m("1000.00"), new BigDecimal("0.10"), 4,
                LocalDate.of(2027, 10, 31));
        assertThat(rows).extracting(ScheduledInstallment::dueDate).containsExactly(LocalDate.of(2027, 11, 30),
                LocalDate.of(2027, 12, 31), LocalDate.of(2028, 1, 31), LocalDate.of(2028, 2, 29));
    }

    @Test
    void the_down_payment_is_ten_percent_rounded_half_up_and_the_rest_is_financed() {
        Simulation s = Simulation.of(m("1234.55"), 6, DebtorKind.PERSON, new BigDecimal("0.1133"),
                LocalDate.of(2026, 6, 1), AgreementTerms.defaults());
        assertThat(s.downPayment()).isEqualTo(m("123.46"));
        assertThat(s.financedAmount()).isEqualTo(m("1111.09"));
        assertThat(s.totalToPay()).isEqualTo(s.installments().stream().map(ScheduledInstallment::installment)
                .reduce(s.downPayment(), Money::plus));
        assertThat(s.totalInterest()).isEqualTo(s.totalToPay().minus(s.debt()));
    }

    @Test
    void approval_is_needed_above_4_basic_wages_for_a_person_and_25_for_an_organisation() {
        AgreementTerms terms = AgreementTerms.defaults();
        assertThat(terms.requiresApproval(m("1600.00"), DebtorKind.PERSON)).isFalse();
        assertThat(terms.requiresApproval(m("1600.01"), DebtorKind.PERSON)).isTrue();
        assertThat(terms.requiresApproval(m("10000.00"), DebtorKind.COMPANY)).isFalse();
        assertThat(terms.requiresApproval(m("10000.01"), DebtorKind.COMPANY)).isTrue();
    }

    @Test
    void terms_outside_2_to_36_months_are_refused() {
        AgreementTerms terms = AgreementTerms.defaults();
        assertThatThrownBy(() -> terms.checkTerm(1)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("between 2 and 36");
        assertThatThrownBy(() -> terms.checkTerm(37)).isInstanceOf(InvalidValueException.class);
        terms.checkTerm(2);
        terms.checkTerm(36);
    }

    @Test
    void a_debt_too_small_to_give_a_cent_a_month_is_refused() {
        assertThatThrownBy(() -> Simulation.of(m("0.30"), 36, DebtorKind.PERSON, BigDecimal.ZERO,
                LocalDate.of(2026, 1, 1), AgreementTerms.defaults()))
                .isInstanceOf(BusinessRuleException.class).hasMessageContaining("too small");
    }
}
