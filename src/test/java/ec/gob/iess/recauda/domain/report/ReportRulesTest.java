package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.obligation.ArrearsInterest;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reports' own rules: buckets, periods, rates, recovery, the statuses of agreements on a past day. */
class ReportRulesTest {

    @Test
    void buckets_meet_at_their_edges_and_debt_not_overdue_is_in_none() {
        long[][] edges = {{1, 0}, {30, 0}, {31, 1}, {90, 1}, {91, 2}, {180, 2}, {181, 3}, {365, 3}, {366, 4},
                {1825, 4}, {1826, 5}, {40_000, 5}};
        for (long[] e : edges) {
            assertThat(AgingBucket.of(e[0])).as(e[0] + " days").isEqualTo(AgingBucket.values()[(int) e[1]]);
        }
        assertThatThrownBy(() -> AgingBucket.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.stream(AgingBucket.values()).map(AgingBucket::label))
                .containsExactly("1-30", "31-90", "91-180", "181-365", "366-1825", "over-1825");
    }

    @Test
    void the_buckets_first_due_dates_numbered_as_width_bucket_numbers_them_are_the_buckets_by_days_overdue() {
        for (LocalDate asOf : List.of(LocalDate.of(2033, 5, 20), LocalDate.of(2024, 2, 29), LocalDate.of(2027, 1, 1))) {
            LocalDate[] first = AgingBucket.firstDueDates(asOf);
            assertThat(first).hasSize(AgingBucket.values().length - 1).isSorted();
            for (long days = 1; days <= 4_000; days++) {
                LocalDate due = asOf.minusDays(days);
                // PostgreSQL's width_bucket(operand, thresholds): how many thresholds are at or before the operand.
                int interval = (int) Arrays.stream(first).filter(t -> !t.isAfter(due)).count();
                assertThat(AgingBucket.ofDueDateInterval(interval)).as(asOf + " due " + due)
                        .isEqualTo(AgingBucket.of(days));
            }
        }
        assertThatThrownBy(() -> AgingBucket.ofDueDateInterval(6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgingBucket.ofDueDateInterval(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_aging_read_in_parts_adds_up_to_the_aging_read_whole() {
        LocalDate asOf = LocalDate.of(2033, 5, 20);
        PortfolioAging.Builder whole = new PortfolioAging.Builder(asOf);
        PortfolioAging.Builder sum = new PortfolioAging.Builder(asOf);
        PortfolioAging.Builder[] parts = {new PortfolioAging.Builder(asOf), new PortfolioAging.Builder(asOf),
                new PortfolioAging.Builder(asOf)};
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            ObligationType type = ObligationType.values()[random.nextInt(ObligationType.values().length)];
            ObligationStage stage = ObligationStage.values()[random.nextInt(ObligationStage.values().length)];
            LocalDate due = asOf.minusDays(1 + random.nextInt(3_000));
            Amount principal = new Amount(BigDecimal.valueOf(random.nextInt(1_000_000), 2));
            Amount interest = new Amount(BigDecimal.valueOf(random.nextInt(100_000), 2));
            whole.add(type, stage, due, 1, principal, interest);
            parts[i % 3].add(type, stage, AgingBucket.of(asOf.toEpochDay() - due.toEpochDay()), 1, principal,
                    interest);
            if (i % 10 == 0) {
                whole.addInAgreement(type, stage, 2, principal);
                parts[(i + 1) % 3].addInAgreement(type, stage, 2, principal);
            }
        }
        for (PortfolioAging.Builder part : parts) {
            sum.addAll(part);
        }
        assertThat(sum.build()).isEqualTo(whole.build());
        assertThat(whole.build().total().count()).isEqualTo(300);
        assertThatThrownBy(() -> sum.addAll(new PortfolioAging.Builder(asOf.plusDays(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_period_runs_forwards_and_for_at_most_ten_years() {
        assertThat(new ReportPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2035, 12, 31)).contains(
                LocalDate.of(2035, 12, 31))).isTrue();
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 1)))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("to"));
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2036, 1, 2)))
                .isInstanceOf(InvalidValueException.class);
        assertThat(ReportPeriod.year(2024)).isEqualTo(new ReportPeriod(LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 12, 31)));
    }

    @Test
    void year_over_year_differences_and_growth_round_half_up_and_growth_is_absent_from_nothing() {
        Amount[] now = new Amount[12];
        Amount[] before = new Amount[12];
        Arrays.fill(now, Amount.ZERO);
        Arrays.fill(before, Amount.ZERO);
        now[0] = Amount.of("8604.00");
        before[0] = Amount.of("8359.00");
        YearOverYear y = YearOverYear.of(2021, now, before);
        assertThat(y.difference()).isEqualTo(Amount.of("245.00"));
        assertThat(y.growthPercent()).isEqualByComparingTo("2.93"); // 245 / 8359 = 2.9310...%
        assertThat(y.months().get(0).total()).isEqualTo(Amount.of("8604.00"));
        Arrays.fill(before, Amount.ZERO);
        assertThat(YearOverYear.of(2021, now, before).growthPercent()).isNull();
        now[0] = Amount.ZERO;
        before[0] = Amount.of("10.00");
        assertThat(YearOverYear.of(2021, now, before).difference()).isEqualTo(Amount.of("-10.00"));
        assertThat(YearOverYear.of(2021, now, before).growthPercent()).isEqualByComparingTo("-100.00");
    }

    @Test
    void recovery_is_overdue_debt_by_stage_and_every_installment_and_nothing_paid_on_time() {
        Recovery r = new Recovery.Builder(ReportPeriod.year(2026))
                .add(ObligationType.CONTRIBUTION, ObligationStage.REGULAR, false, 5, Amount.of("500.00"), Amount.ZERO)
                .add(ObligationType.CONTRIBUTION, ObligationStage.REGULAR, true, 2, Amount.of("200.00"),
                        Amount.of("3.10"))
                .add(ObligationType.GLOSA, ObligationStage.ENFORCEMENT, true, 1, Amount.of("50.00"), Amount.of("9.99"))
                .add(ObligationType.AGREEMENT_INSTALLMENT, ObligationStage.REGULAR, false, 3, Amount.of("90.00"),
                        Amount.of("1.00"))
                .build();
        assertThat(r.byStage()).extracting(Recovery.StageLine::stage).containsExactly(ObligationStage.values());
        assertThat(r.byStage().get(0).line()).isEqualTo(new Recovery.Line(2, Amount.of("200.00"), Amount.of("3.10")));
        assertThat(r.byStage().get(3).line().amount()).isEqualTo(Amount.of("59.99"));
        assertThat(r.agreementInstallments().count()).isEqualTo(3);
        assertThat(r.total()).isEqualTo(new Recovery.Line(6, Amount.of("340.00"), Amount.of("14.09")));
    }

    @Test
    void an_agreement_on_a_past_day_is_in_the_status_its_dates_give() {
        LocalDate signed = LocalDate.of(2026, 3, 1);
        AgreementsReport.Facts defaulted = new AgreementsReport.Facts(AgreementStatus.DEFAULTED, signed,
                LocalDate.of(2026, 3, 5), LocalDate.of(2026, 8, 1), true, LocalDate.of(2026, 3, 3),
                Amount.of("1000.00"), Amount.of("100.00"), Amount.of("900.00"));
        assertThat(AgreementsReport.statusOn(defaulted, signed.minusDays(1))).isNull();
        assertThat(AgreementsReport.statusOn(defaulted, signed)).isEqualTo(AgreementStatus.PENDING_APPROVAL);
        assertThat(AgreementsReport.statusOn(defaulted, LocalDate.of(2026, 3, 3)))
                .isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
        assertThat(AgreementsReport.statusOn(defaulted, LocalDate.of(2026, 3, 5))).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(AgreementsReport.statusOn(defaulted, LocalDate.of(2026, 8, 1)))
                .isEqualTo(AgreementStatus.DEFAULTED);
        AgreementsReport.Facts lapsed = new AgreementsReport.Facts(AgreementStatus.LAPSED, signed, null,
                LocalDate.of(2026, 3, 20), false, null, Amount.of("500.00"), Amount.of("50.00"), Amount.of("450.00"));
        assertThat(AgreementsReport.statusOn(lapsed, signed)).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);

        AgreementsReport report = new AgreementsReport.Builder(LocalDate.of(2026, 9, 1)).add(defaulted).add(lapsed)
                .build();
        assertThat(report.count()).isEqualTo(2);
        assertThat(report.defaultRate()).isEqualByComparingTo("100.00");
        assertThat(new AgreementsReport.Builder(LocalDate.of(2026, 3, 2)).add(lapsed).build().defaultRate())
                .isNull();
    }

    @Test
    void the_approval_rate_counts_only_the_charges_the_processor_answered() {
        CardDebitReport r = CardDebitReport.of(ReportPeriod.year(2027), Map.of(
                CardCharge.Status.APPROVED, new CountAmount(3, Amount.of("300.00")),
                CardCharge.Status.SOFT_DECLINED, new CountAmount(1, Amount.of("10.00")),
                CardCharge.Status.PENDING_CONFIRMATION, new CountAmount(5, Amount.of("50.00")),
                CardCharge.Status.SKIPPED, new CountAmount(7, Amount.ZERO)));
        assertThat(r.approvalRate()).isEqualByComparingTo("75.00");
        assertThat(r.charges()).isEqualTo(16);
        assertThat(r.amountCharged()).isEqualTo(Amount.of("300.00"));
        assertThat(r.byStatus()).hasSize(CardCharge.Status.values().length);
    }

    @Test
    void the_rate_days_of_each_due_date_give_the_interest_the_domain_computes_obligation_by_obligation() {
        Random random = new Random(13);
        for (int round = 0; round < 200; round++) {
            LocalDate start = LocalDate.of(2015, 1, 1);
            List<InterestRate> list = new java.util.ArrayList<>();
            list.add(new InterestRate(start, BigDecimal.valueOf(random.nextInt(200_000), 6)));
            for (int i = 0; i < random.nextInt(6); i++) {
                list.add(new InterestRate(start.plusDays(1 + random.nextInt(3_000)),
                        BigDecimal.valueOf(random.nextInt(200_000), 6)));
            }
            InterestRateTable rates = new InterestRateTable(list);
            LocalDate asOf = start.plusDays(50 + random.nextInt(3_200));
            LocalDate first = start.plusDays(random.nextInt(40));
            BigDecimal[] rateDays = ArrearsInterest.rateDaysByDueDate(first, asOf, rates);
            assertThat(rateDays).hasSize((int) (asOf.toEpochDay() - first.toEpochDay()));
            for (int k = 0; k < 20; k++) {
                int i = random.nextInt(rateDays.length);
                Money balance = Money.of(BigDecimal.valueOf(1 + random.nextInt(900_000_000), 2));
                Money viaRateDays = Money.rounded(balance.amount().multiply(rateDays[i])
                        .divide(BigDecimal.valueOf(365), 2, java.math.RoundingMode.HALF_UP));
                assertThat(viaRateDays).isEqualTo(ArrearsInterest.accrued(balance, first.plusDays(i), asOf, rates));
            }
        }
        InterestRateTable late = new InterestRateTable(List.of(new InterestRate(LocalDate.of(2020, 1, 1),
                new BigDecimal("0.10"))));
        assertThatThrownBy(() -> ArrearsInterest.rateDaysByDueDate(LocalDate.of(2019, 12, 1),
                LocalDate.of(2020, 2, 1), late)).isInstanceOf(BusinessRuleException.class);
    }
}
