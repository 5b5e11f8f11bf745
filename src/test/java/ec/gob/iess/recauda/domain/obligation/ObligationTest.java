package ec.gob.iess.recauda.domain.obligation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObligationTest {

    private static final Instant NOW = Instant.parse("2024-05-02T15:00:00Z");
    private static final Instant LATER = Instant.parse("2024-05-03T09:30:00Z");
    private static final DebtorId COMPANY = DebtorId.parse("1792468132001"); // valid private-company RUC
    private static final DebtorId COMPANY_WITH_WARNING = DebtorId.parse("1792468133001"); // check digit 3, not 2
    private static final DebtorId PASSPORT = DebtorId.parsePayer("AB12345");
    private static final InterestRateTable RATES = new InterestRateTable(List.of(
            InterestRate.parse(LocalDate.of(2020, 1, 1), "0.1133")));

    /** A valid contribution for March 2024, due date left to default, amount 1000.00. */
    private static NewObligation contribution() {
        return new NewObligation(COMPANY, "Comercial Andina S.A.", ObligationType.CONTRIBUTION, null,
                Money.of("1000.00"), null, Period.parse("2024-03"), "Planilla de aportes 2024-03", null);
    }

    private static NewObligation with(NewObligation d, String debtorName, Money principal, LocalDate dueDate,
                                      Period period, String description) {
        return new NewObligation(d.debtorId(), debtorName, d.type(), d.stage(), principal, dueDate, period,
                description, d.externalReference());
    }

    private static NewObligation ofType(ObligationType type, DebtorId debtorId, LocalDate dueDate, Period period) {
        return new NewObligation(debtorId, "Deudor", type, null, Money.of("50.00"), dueDate, period, null, null);
    }

    private static Obligation pending() {
        return Obligation.create(ObligationId.random(), contribution(), NOW);
    }

    @Nested
    class Creation {

        @Test
        void a_new_obligation_is_pending_with_nothing_paid_at_version_zero() {
            ObligationId id = ObligationId.random();
            ExternalReference ref = new ExternalReference("HOST", "GL-1");
            NewObligation data = new NewObligation(COMPANY, "Comercial Andina S.A.", ObligationType.GLOSA,
                    ObligationStage.GLOSA, Money.of("1000.00"), LocalDate.of(2010, 6, 30), null, null, ref);

            Obligation o = Obligation.create(id, data, NOW);

            assertThat(o.id()).isEqualTo(id);
            assertThat(o.debtorId()).isEqualTo(COMPANY);
            assertThat(o.debtorName()).isEqualTo("Comercial Andina S.A.");
            assertThat(o.type()).isEqualTo(ObligationType.GLOSA);
            assertThat(o.stage()).isEqualTo(ObligationStage.GLOSA);
            assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
            assertThat(o.principal()).isEqualTo(Money.of("1000.00"));
            assertThat(o.principalPaid()).isEqualTo(Money.ZERO);
            assertThat(o.interestPaid()).isEqualTo(Money.ZERO);
            assertThat(o.principalBalance()).isEqualTo(Money.of("1000.00"));
            assertThat(o.dueDate()).isEqualTo(LocalDate.of(2010, 6, 30));
            assertThat(o.period()).isNull();
            assertThat(o.externalReference()).isEqualTo(ref);
            assertThat(o.cancellationReason()).isNull();
            assertThat(o.version()).isZero();
            assertThat(o.createdAt()).isEqualTo(NOW);
            assertThat(o.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void the_stage_defaults_to_regular() {
            assertThat(pending().stage()).isEqualTo(ObligationStage.REGULAR);
        }

        @Test
        void a_contribution_without_a_due_date_is_due_the_15th_of_the_month_after_its_period() {
            Obligation o = pending();

            assertThat(o.period()).isEqualTo(Period.parse("2024-03"));
            assertThat(o.dueDate()).isEqualTo(LocalDate.of(2024, 4, 15));
        }

        @Test
        void a_reserve_fund_of_december_is_due_on_15_january() {
            Obligation o = Obligation.create(ObligationId.random(),
                    ofType(ObligationType.RESERVE_FUND, COMPANY, null, Period.parse("2024-12")), NOW);

            assertThat(o.dueDate()).isEqualTo(LocalDate.of(2025, 1, 15));
        }

        @Test
        void an_explicit_due_date_wins_over_the_default() {
            Obligation o = Obligation.create(ObligationId.random(),
                    with(contribution(), "X", Money.of("1.00"), LocalDate.of(2024, 4, 20), Period.parse("2024-03"),
                            null), NOW);

            assertThat(o.dueDate()).isEqualTo(LocalDate.of(2024, 4, 20));
        }

        @ParameterizedTest
        @EnumSource(value = ObligationType.class, names = {"CONTRIBUTION", "RESERVE_FUND"})
        void a_contribution_or_reserve_fund_needs_a_period(ObligationType type) {
            assertInvalid(ofType(type, COMPANY, LocalDate.of(2024, 4, 15), null),
                    "invalid-obligation", "a period is required for a " + type + " obligation");
        }

        @ParameterizedTest
        @EnumSource(value = ObligationType.class, names = {"CONTRIBUTION", "RESERVE_FUND"}, mode = EnumSource.Mode.EXCLUDE)
        void any_other_type_needs_an_explicit_due_date_even_with_a_period(ObligationType type) {
            assertInvalid(ofType(type, COMPANY, null, Period.parse("2024-03")),
                    "invalid-obligation", "due date is required for a " + type + " obligation");
        }

        @Test
        void the_debtor_name_is_required_and_at_most_200_characters() {
            NewObligation d = contribution();
            assertInvalid(with(d, null, d.principal(), null, d.period(), null), "invalid-obligation",
                    "debtor name is required");
            assertInvalid(with(d, "   ", d.principal(), null, d.period(), null), "invalid-obligation",
                    "debtor name is required");
            assertInvalid(with(d, "N".repeat(201), d.principal(), null, d.period(), null), "invalid-obligation",
                    "debtor name must have at most 200 characters");
            assertThat(Obligation.create(ObligationId.random(),
                    with(d, "Ñ".repeat(200), d.principal(), null, d.period(), null), NOW).debtorName()).hasSize(200);
        }

        @Test
        void the_principal_must_be_greater_than_zero_and_at_most_the_maximum_amount() {
            NewObligation d = contribution();
            assertInvalid(with(d, "X", Money.ZERO, null, d.period(), null), "invalid-amount",
                    "principal must be greater than zero");
            assertInvalid(with(d, "X", Money.of("-5.00"), null, d.period(), null), "invalid-amount",
                    "principal must be greater than zero");
            assertInvalid(with(d, "X", null, null, d.period(), null), "invalid-amount", "principal is required");
            assertInvalid(with(d, "X", Money.of("1000000000000.00"), null, d.period(), null), "invalid-amount",
                    "principal must not exceed 999999999999.99");
            assertThat(Obligation.create(ObligationId.random(),
                    with(d, "X", Money.of("999999999999.99"), null, d.period(), null), NOW).principal())
                    .isEqualTo(Money.of("999999999999.99"));
        }

        @Test
        void the_description_is_optional_and_at_most_500_characters() {
            NewObligation d = contribution();
            assertInvalid(with(d, "X", d.principal(), null, d.period(), "d".repeat(501)), "invalid-obligation",
                    "description must have at most 500 characters");
            assertThat(Obligation.create(ObligationId.random(),
                    with(d, "X", d.principal(), null, d.period(), "d".repeat(500)), NOW).description()).hasSize(500);
            assertThat(Obligation.create(ObligationId.random(),
                    with(d, "X", d.principal(), null, d.period(), null), NOW).description()).isNull();
        }

        @Test
        void a_passport_debtor_is_accepted_only_for_a_miscellaneous_concept() {
            Obligation rent = Obligation.create(ObligationId.random(),
                    ofType(ObligationType.MISC_CONCEPT, PASSPORT, LocalDate.of(2024, 5, 31), null), NOW);
            assertThat(rent.debtorId().value()).isEqualTo("AB12345");

            assertInvalid(ofType(ObligationType.FINE, PASSPORT, LocalDate.of(2024, 5, 31), null),
                    "invalid-debtor-id", "a passport is accepted only for miscellaneous-concept payers");
            assertInvalid(ofType(ObligationType.CONTRIBUTION, PASSPORT, null, Period.parse("2024-03")),
                    "invalid-debtor-id", "a passport is accepted only for miscellaneous-concept payers");
        }

        @Test
        void a_missing_debtor_id_or_type_is_rejected() {
            assertInvalid(ofType(ObligationType.FINE, null, LocalDate.of(2024, 5, 31), null),
                    "invalid-obligation", "debtor id is required");
            assertInvalid(ofType(null, COMPANY, LocalDate.of(2024, 5, 31), null),
                    "invalid-obligation", "type is required");
        }

        @Test
        void the_debtor_id_warnings_are_the_obligation_warnings() {
            Obligation o = Obligation.create(ObligationId.random(),
                    ofType(ObligationType.FINE, COMPANY_WITH_WARNING, LocalDate.of(2024, 5, 31), null), NOW);

            assertThat(o.warnings()).containsExactly(DebtorId.RUC_CHECK_DIGIT_MISMATCH);
            assertThat(pending().warnings()).isEmpty();
        }

        private void assertInvalid(NewObligation data, String kind, String message) {
            assertThatThrownBy(() -> Obligation.create(ObligationId.random(), data, NOW))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                    .hasMessage(message);
        }
    }

    @Nested
    class Stage {

        @Test
        void the_stage_moves_forward_one_step_at_a_time() {
            Obligation o = pending();

            o.advanceStage(ObligationStage.GLOSA, LATER);
            assertThat(o.stage()).isEqualTo(ObligationStage.GLOSA);
            assertThat(o.updatedAt()).isEqualTo(LATER);
            assertThat(o.createdAt()).isEqualTo(NOW);

            o.advanceStage(ObligationStage.CREDIT_TITLE, LATER);
            o.advanceStage(ObligationStage.ENFORCEMENT, LATER);
            assertThat(o.stage()).isEqualTo(ObligationStage.ENFORCEMENT);
        }

        @Test
        void the_stage_may_skip_forward() {
            Obligation o = pending();

            o.advanceStage(ObligationStage.CREDIT_TITLE, LATER);

            assertThat(o.stage()).isEqualTo(ObligationStage.CREDIT_TITLE);
        }

        @Test
        void the_stage_never_moves_back() {
            Obligation o = pending();
            o.advanceStage(ObligationStage.CREDIT_TITLE, LATER);

            assertThatThrownBy(() -> o.advanceStage(ObligationStage.GLOSA, Instant.MAX))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-stage-transition"))
                    .hasMessage("stage can only move forward: REGULAR → GLOSA → CREDIT_TITLE → ENFORCEMENT; "
                            + "it is CREDIT_TITLE and GLOSA is not after it");
            assertThat(o.stage()).isEqualTo(ObligationStage.CREDIT_TITLE);
            assertThat(o.updatedAt()).isEqualTo(LATER);
        }

        @Test
        void moving_to_the_same_stage_is_rejected() {
            Obligation o = pending();

            assertThatThrownBy(() -> o.advanceStage(ObligationStage.REGULAR, LATER))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-stage-transition"));
        }

        @Test
        void only_a_pending_obligation_changes_stage() {
            Obligation o = pending();
            o.cancel("Duplicated entry", LocalDate.of(2024, 5, 3), 1, LATER);

            assertThatThrownBy(() -> o.advanceStage(ObligationStage.GLOSA, LATER))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("obligation-not-pending"))
                    .hasMessageContaining("is CANCELLED");
        }

        @Test
        void stages_are_ordered_by_declaration() {
            assertThat(ObligationStage.ENFORCEMENT.isAfter(ObligationStage.REGULAR)).isTrue();
            assertThat(ObligationStage.GLOSA.isAfter(ObligationStage.GLOSA)).isFalse();
            assertThat(ObligationStage.REGULAR.isAfter(ObligationStage.GLOSA)).isFalse();
        }
    }

    @Nested
    class Cancellation {

        @Test
        void a_pending_obligation_is_cancelled_with_its_reason() {
            Obligation o = pending();

            o.cancel("Registered twice by the legacy import", LocalDate.of(2024, 5, 3), 1, LATER);

            assertThat(o.status()).isEqualTo(ObligationStatus.CANCELLED);
            assertThat(o.cancellationReason()).isEqualTo("Registered twice by the legacy import");
            assertThat(o.updatedAt()).isEqualTo(LATER);
        }

        @Test
        void a_cancellation_needs_a_reason_of_1_to_500_characters() {
            Obligation o = pending();

            for (String bad : new String[] {null, "", "   ", "r".repeat(501)}) {
                assertThatThrownBy(() -> o.cancel(bad, LocalDate.of(2024, 5, 3), 1, LATER))
                        .isInstanceOfSatisfying(InvalidValueException.class,
                                e -> assertThat(e.kind()).isEqualTo("invalid-cancellation-reason"));
            }
            assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);

            o.cancel("r".repeat(500), LocalDate.of(2024, 5, 3), 1, LATER);
            assertThat(o.status()).isEqualTo(ObligationStatus.CANCELLED);
        }

        @ParameterizedTest
        @EnumSource(value = ObligationStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
        void only_a_pending_obligation_can_be_cancelled(ObligationStatus status) {
            Obligation o = restored(status, Money.ZERO, Money.ZERO);

            assertThatThrownBy(() -> o.cancel("reason", LocalDate.of(2024, 5, 3), 1, LATER))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("obligation-not-pending"));
        }
    }

    @Nested
    class Interest {

        // due 15 Apr 2024 (period 2024-03); 1000.00 at 0.1133 for 30 days to 15 May:
        // 1000 × 0.1133 × 30 / 365 = 3399 / 365 = 9.312… → 9.31

        @Test
        void interest_is_accrued_on_the_principal_balance_since_the_due_date() {
            Obligation o = pending();

            assertThat(o.interestAsOf(LocalDate.of(2024, 5, 15), RATES)).isEqualTo(Money.of("9.31"));
            assertThat(o.daysOverdue(LocalDate.of(2024, 5, 15))).isEqualTo(30);
            assertThat(o.interestAsOf(LocalDate.of(2024, 4, 15), RATES)).isEqualTo(Money.ZERO);
            assertThat(o.daysOverdue(LocalDate.of(2024, 4, 15))).isZero();
        }

        @Test
        void interest_already_paid_is_subtracted() {
            Obligation o = restored(ObligationStatus.PENDING, Money.ZERO, Money.of("4.00"));

            assertThat(o.interestAsOf(LocalDate.of(2024, 5, 15), RATES)).isEqualTo(Money.of("5.31"));
        }

        @Test
        void interest_owed_never_falls_below_zero() {
            Obligation o = restored(ObligationStatus.PENDING, Money.ZERO, Money.of("20.00"));

            assertThat(o.interestAsOf(LocalDate.of(2024, 5, 15), RATES)).isEqualTo(Money.ZERO);
        }

        @Test
        void interest_is_computed_on_the_principal_balance_not_the_original_principal() {
            // balance 1000.00 − 400.00 = 600.00; 600 × 0.1133 × 30 / 365 = 2039.4 / 365 = 5.587… → 5.59
            Obligation o = restored(ObligationStatus.PENDING, Money.of("400.00"), Money.ZERO);

            assertThat(o.principalBalance()).isEqualTo(Money.of("600.00"));
            assertThat(o.interestAsOf(LocalDate.of(2024, 5, 15), RATES)).isEqualTo(Money.of("5.59"));
        }

        @ParameterizedTest
        @EnumSource(value = ObligationStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
        void an_obligation_that_is_not_pending_accrues_no_interest(ObligationStatus status) {
            Obligation o = restored(status, Money.ZERO, Money.ZERO);

            assertThat(o.interestAsOf(LocalDate.of(2024, 5, 15), InterestRateTable.empty())).isEqualTo(Money.ZERO);
        }

        @Test
        void a_missing_rate_surfaces_as_the_business_rule() {
            assertThatThrownBy(() -> pending().interestAsOf(LocalDate.of(2024, 5, 15), InterestRateTable.empty()))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("interest-rate-unavailable"));
        }
    }

    @Nested
    class Restoration {

        @Test
        void a_stored_obligation_is_restored_field_by_field() {
            Obligation o = restored(ObligationStatus.IN_AGREEMENT, Money.of("10.00"), Money.of("2.00"));

            assertThat(o.status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
            assertThat(o.principalPaid()).isEqualTo(Money.of("10.00"));
            assertThat(o.interestPaid()).isEqualTo(Money.of("2.00"));
            assertThat(o.version()).isEqualTo(7);
            assertThat(o.updatedAt()).isEqualTo(LATER);
        }

        @Test
        void required_fields_must_be_present() {
            assertThatThrownBy(() -> Obligation.restore().id(ObligationId.random()).debtor(COMPANY, "X")
                    .type(ObligationType.FINE).stage(ObligationStage.REGULAR).status(ObligationStatus.PENDING)
                    .principal(Money.of("1.00")).paid(Money.ZERO, Money.ZERO).timestamps(NOW, NOW).build())
                    .isInstanceOf(NullPointerException.class).hasMessage("dueDate");
        }

        @Test
        void obligations_are_equal_by_id() {
            Obligation a = pending();
            Obligation b = Obligation.restore().id(a.id()).debtor(COMPANY, "Other").type(ObligationType.FINE)
                    .stage(ObligationStage.GLOSA).status(ObligationStatus.PAID).principal(Money.of("1.00"))
                    .paid(Money.of("1.00"), Money.ZERO).dueDate(LocalDate.of(2020, 1, 1)).version(3)
                    .timestamps(NOW, NOW).history(PrincipalHistory.of(List.of(new PrincipalMovement(
                            LocalDate.of(2020, 1, 1), Money.of("1.00"), PrincipalMovement.Kind.PAYMENT, "p")),
                            List.of())).build();

            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(pending());
        }
    }

    private static Obligation restored(ObligationStatus status, Money principalPaid, Money interestPaid) {
        return Obligation.restore().id(ObligationId.random()).debtor(COMPANY, "Comercial Andina S.A.")
                .type(ObligationType.CONTRIBUTION).stage(ObligationStage.REGULAR).status(status)
                .principal(Money.of("1000.00")).paid(principalPaid, interestPaid).dueDate(LocalDate.of(2024, 4, 15))
                .period(Period.parse("2024-03"))
                .cancellationReason(status == ObligationStatus.CANCELLED ? "reason" : null).version(7)
                .timestamps(NOW, LATER)
                .history(principalPaid.isZero() ? PrincipalHistory.empty() : PrincipalHistory.of(List.of(
                        new PrincipalMovement(LocalDate.of(2024, 4, 15), principalPaid, PrincipalMovement.Kind.PAYMENT,
                                "payment-1")), List.of()))
                .build();
    }
}
