package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTest {

    private static final DebtorId DEBTOR = DebtorId.parse("1790012344001");
    private static final InterestRateTable RATES = new InterestRateTable(List.of(
            new InterestRate(LocalDate.of(2020, 1, 1), new BigDecimal("0.1095"))));

    private static UnpaidObligation unpaid(String due, String balance, String interestPaid) {
        return new UnpaidObligation(ObligationId.random(), ObligationType.FINE, LocalDate.parse(due),
                Money.of(balance), Money.ZERO, Money.of(interestPaid), PrincipalHistory.empty(), null);
    }

    @Test
    void lines_run_oldest_due_first_with_interest_to_the_date_and_totals_of_the_rounded_lines() {
        // 0.1095 / 365 = 0.0003 a day exactly.
        // 1000.00 due 2024-01-31, 30 days to 2024-03-01: 1000 × 0.0003 × 30 = 9.00
        // 333.33 due 2024-02-20, 10 days: 333.33 × 0.0003 × 10 = 0.99999 → 1.00
        Statement s = Statement.of(DEBTOR, LocalDate.of(2024, 3, 1), List.of(
                unpaid("2024-02-20", "333.33", "0.00"),
                unpaid("2024-01-31", "1000.00", "0.00")), RATES);

        assertThat(s.items()).extracting(Statement.Line::dueDate)
                .containsExactly(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 20));
        assertThat(s.items()).extracting(l -> l.interest().toString()).containsExactly("9.00", "1.00");
        assertThat(s.items()).extracting(Statement.Line::daysOverdue).containsExactly(30L, 10L);
        assertThat(s.totals().principalBalance()).isEqualTo(Money.of("1333.33"));
        assertThat(s.totals().interest()).isEqualTo(Money.of("10.00"));
        assertThat(s.totals().total()).isEqualTo(Money.of("1343.33"));
    }

    @Test
    void interest_already_paid_is_subtracted_and_never_goes_below_zero() {
        Statement s = Statement.of(DEBTOR, LocalDate.of(2024, 3, 1), List.of(
                unpaid("2024-01-31", "1000.00", "4.00"),
                unpaid("2024-01-30", "1000.00", "50.00")), RATES);

        // 9.30 accrued − 50.00 paid floors at 0.00; 9.00 accrued − 4.00 paid = 5.00
        assertThat(s.items()).extracting(l -> l.interest().toString()).containsExactly("0.00", "5.00");
    }

    @Test
    void a_down_payment_awaited_is_listed_apart_and_never_added_to_the_totals() {
        java.util.UUID agreement = java.util.UUID.randomUUID();
        UnpaidObligation covered = new UnpaidObligation(ObligationId.random(), ObligationType.FINE,
                LocalDate.parse("2024-01-31"), Money.of("1000.00"), Money.ZERO, Money.ZERO, PrincipalHistory.empty(),
                new AgreementLink.Covered(agreement));
        UnpaidObligation downPayment = new UnpaidObligation(ObligationId.random(), ObligationType.AGREEMENT_INSTALLMENT,
                LocalDate.parse("2024-03-08"), Money.of("100.90"), Money.ZERO, Money.ZERO, PrincipalHistory.empty(),
                new InstallmentOf(agreement, 0));
        Statement s = Statement.of(DEBTOR, LocalDate.of(2024, 3, 1), List.of(downPayment, covered), RATES);

        assertThat(s.items()).extracting(Statement.Line::obligationId).containsExactly(covered.id());
        assertThat(s.items().get(0).agreementId()).isEqualTo(agreement);
        assertThat(s.downPayments()).containsExactly(new Statement.DownPayment(agreement, downPayment.id(),
                Money.of("100.90"), LocalDate.parse("2024-03-08")));
        assertThat(s.totals().total()).isEqualTo(Money.of("1009.00"));
    }

    @Test
    void a_debtor_who_owes_nothing_has_an_empty_statement_with_zero_totals() {
        Statement s = Statement.of(DEBTOR, LocalDate.of(2024, 3, 1), List.of(), RATES);

        assertThat(s.items()).isEmpty();
        assertThat(s.totals().total()).isEqualTo(Money.ZERO);
    }
}
