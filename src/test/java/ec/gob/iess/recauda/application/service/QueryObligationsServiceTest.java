package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.CLOCK;
import static ec.gob.iess.recauda.application.service.Fixtures.COMPANY;
import static ec.gob.iess.recauda.application.service.Fixtures.EMPLOYER;
import static ec.gob.iess.recauda.application.service.Fixtures.MINISTRY;
import static ec.gob.iess.recauda.application.service.Fixtures.NOW;
import static ec.gob.iess.recauda.application.service.Fixtures.OTHER_DEBTOR;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static ec.gob.iess.recauda.application.service.Fixtures.TODAY_IN_GUAYAQUIL;
import static ec.gob.iess.recauda.application.service.Fixtures.created;
import static ec.gob.iess.recauda.application.service.Fixtures.fine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.service.fakes.InMemoryInterestRates;
import ec.gob.iess.recauda.application.service.fakes.InMemoryObligations;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalHistory;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.obligation.Statement;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class QueryObligationsServiceTest {

    private static final PageRequest FIRST_PAGE = new PageRequest(0, 50);

    private final InMemoryObligations obligations = new InMemoryObligations();
    private final InMemoryInterestRates rates = new InMemoryInterestRates()
            .with(InterestRate.parse(LocalDate.of(2020, 1, 1), "0.1133"));
    private final QueryObligationsService service = new QueryObligationsService(obligations, rates, CLOCK);

    /** COMPANY's unpaid obligations, and others that must stay off its statement. */
    private Obligation liability;   // 2500.00 due 2024-01-31
    private Obligation fine;        // 1000.00 due 2024-02-15
    private Obligation partlyPaid;  // 1000.00 due 2024-03-05, 400.00 of principal and 1.00 of interest paid
    private Obligation fullyPaid;
    private Obligation cancelled;
    private Obligation othersFine;

    @BeforeEach
    void a_portfolio_of_two_debtors() {
        liability = obligations.seed(created(new NewObligation(COMPANY, "Comercial Andina S.A.",
                ObligationType.EMPLOYER_LIABILITY, null, Money.of("2500.00"), LocalDate.of(2024, 1, 31), null,
                "Responsabilidad patronal", null)));
        fine = obligations.seed(created(fine(COMPANY, "1000.00", LocalDate.of(2024, 2, 15))));
        partlyPaid = obligations.seed(restored(ObligationStatus.PENDING, "1000.00", "400.00", "1.00",
                LocalDate.of(2024, 3, 5)));
        fullyPaid = obligations.seed(restored(ObligationStatus.PENDING, "300.00", "300.00", "0.00",
                LocalDate.of(2023, 12, 15)));
        cancelled = obligations.seed(restored(ObligationStatus.CANCELLED, "700.00", "0.00", "0.00",
                LocalDate.of(2023, 11, 15)));
        othersFine = obligations.seed(created(fine(OTHER_DEBTOR, "999.00", LocalDate.of(2024, 1, 10))));
    }

    private static Obligation restored(ObligationStatus status, String principal, String principalPaid,
                                       String interestPaid, LocalDate dueDate) {
        Money paid = Money.of(principalPaid);
        return Obligation.restore().id(ObligationId.random()).debtor(COMPANY, "Comercial Andina S.A.")
                .type(ObligationType.FINE).stage(ObligationStage.REGULAR).status(status).principal(Money.of(principal))
                .paid(paid, Money.of(interestPaid)).dueDate(dueDate)
                .cancellationReason(status == ObligationStatus.CANCELLED ? "Duplicada" : null).version(3)
                .timestamps(NOW, NOW)
                .history(paid.isZero() ? PrincipalHistory.empty() : PrincipalHistory.of(List.of(new PrincipalMovement(
                        dueDate, paid, PrincipalMovement.Kind.PAYMENT, "payment-1")), List.of()))
                .build();
    }

    @Nested
    class GettingOneObligation {

        @Test
        void staff_see_any_obligation() {
            assertThat(service.get(STAFF, fine.id()).id()).isEqualTo(fine.id());
            assertThat(service.get(STAFF, othersFine.id()).debtorId()).isEqualTo(OTHER_DEBTOR);
        }

        @Test
        void an_employer_sees_an_obligation_of_its_own_debtor() {
            Obligation seen = service.get(EMPLOYER, fine.id());

            assertThat(seen.id()).isEqualTo(fine.id());
            assertThat(seen.principal()).isEqualTo(Money.of("1000.00"));
        }

        @Test
        void another_debtors_obligation_is_answered_exactly_like_one_that_does_not_exist() {
            NotFoundException foreign = notFound(() -> service.get(EMPLOYER, othersFine.id()));
            NotFoundException missing = notFound(() -> service.get(EMPLOYER, ObligationId.random()));

            assertThat(foreign.kind()).isEqualTo("obligation-not-found").isEqualTo(missing.kind());
            assertThat(foreign.getMessage()).doesNotContain(OTHER_DEBTOR.value());
        }

        @Test
        void a_bank_or_the_ministry_sees_no_obligation_at_all() {
            for (Caller caller : new Caller[] {BANK, MINISTRY}) {
                assertThat(notFound(() -> service.get(caller, fine.id())).kind())
                        .as(caller.role().name()).isEqualTo("obligation-not-found");
            }
        }

        @Test
        void an_employer_scoped_to_another_debtor_does_not_see_this_one() {
            Caller otherEmployer = new Caller("employer-2", Role.EMPLOYER, OTHER_DEBTOR.value(), "corr-2");

            assertThat(notFound(() -> service.get(otherEmployer, fine.id())).kind())
                    .isEqualTo("obligation-not-found");
            assertThat(service.get(otherEmployer, othersFine.id()).id()).isEqualTo(othersFine.id());
        }
    }

    @Nested
    class ListingADebtorsObligations {

        @Test
        void the_list_runs_newest_due_date_first() {
            Page<Obligation> page = service.listByDebtor(STAFF, COMPANY, null, null, FIRST_PAGE);

            assertThat(page.items()).extracting(Obligation::dueDate).containsExactly(
                    LocalDate.of(2024, 3, 5), LocalDate.of(2024, 2, 15), LocalDate.of(2024, 1, 31),
                    LocalDate.of(2023, 12, 15), LocalDate.of(2023, 11, 15));
            assertThat(page.totalItems()).isEqualTo(5);
        }

        @Test
        void an_employer_lists_its_own_debtor_filtered_and_paged() {
            Page<Obligation> page = service.listByDebtor(EMPLOYER, COMPANY, ObligationStatus.PENDING,
                    ObligationType.FINE, new PageRequest(0, 2));

            assertThat(page.items()).containsExactly(partlyPaid, fine);
            assertThat(page.totalItems()).isEqualTo(3);
            assertThat(page.size()).isEqualTo(2);
        }

        @Test
        void an_employer_asking_for_another_debtor_gets_debtor_not_found() {
            assertThat(notFound(() -> service.listByDebtor(EMPLOYER, OTHER_DEBTOR, null, null, FIRST_PAGE))
                    .kind()).isEqualTo("debtor-not-found");
        }

        @Test
        void a_bank_or_the_ministry_gets_debtor_not_found() {
            for (Caller caller : new Caller[] {BANK, MINISTRY}) {
                assertThat(notFound(() -> service.listByDebtor(caller, OTHER_DEBTOR, null, null, FIRST_PAGE))
                        .kind()).as(caller.role().name()).isEqualTo("debtor-not-found");
            }
        }
    }

    @Nested
    class Statements {

        @Test
        void without_a_date_the_statement_is_for_today_in_guayaquil_not_today_in_utc() {
            // the clock reads 2024-03-16T02:00Z: already the 16th in UTC, still 21:00 on the 15th in Guayaquil
            Statement statement = service.statement(STAFF, COMPANY, null);

            assertThat(statement.asOf()).isEqualTo(TODAY_IN_GUAYAQUIL).isEqualTo(LocalDate.of(2024, 3, 15));
        }

        @Test
        void the_statement_lists_the_unpaid_obligations_oldest_first_with_hand_computed_interest() {
            Statement statement = service.statement(EMPLOYER, COMPANY, null);

            // rate 0.1133 a year throughout; interest = balance × 0.1133 × days / 365, HALF_UP to cents
            // liability: due 31 Jan, overdue 1 Feb–15 Mar = 29 + 15 = 44 days
            //   2500.00 × 0.1133 = 283.25; × 44 = 12463.00; / 365 = 34.1452… → 34.15
            // fine: due 15 Feb, overdue 16 Feb–15 Mar = 14 (leap February) + 15 = 29 days
            //   1000.00 × 0.1133 = 113.30; × 29 = 3285.70; / 365 = 9.0019… → 9.00
            // partly paid: balance 1000.00 − 400.00 = 600.00, due 5 Mar, overdue 6–15 Mar = 10 days
            //   600.00 × 0.1133 = 67.98; × 10 = 679.80; / 365 = 1.8624… → 1.86; less 1.00 already paid → 0.86
            // the fully paid, the cancelled and the other debtor's obligations are not on it
            assertThat(statement.debtorId()).isEqualTo(COMPANY);
            assertThat(statement.items()).containsExactly(
                    new Statement.Line(liability.id(), ObligationType.EMPLOYER_LIABILITY, LocalDate.of(2024, 1, 31),
                            Money.of("2500.00"), Money.of("34.15"), Money.of("2534.15"), 44, null),
                    new Statement.Line(fine.id(), ObligationType.FINE, LocalDate.of(2024, 2, 15),
                            Money.of("1000.00"), Money.of("9.00"), Money.of("1009.00"), 29, null),
                    new Statement.Line(partlyPaid.id(), ObligationType.FINE, LocalDate.of(2024, 3, 5),
                            Money.of("600.00"), Money.of("0.86"), Money.of("600.86"), 10, null));
            // totals: 2500.00 + 1000.00 + 600.00 = 4100.00; 34.15 + 9.00 + 0.86 = 44.01; 4100.00 + 44.01 = 4144.01
            assertThat(statement.totals()).isEqualTo(new Statement.Totals(
                    Money.of("4100.00"), Money.of("44.01"), Money.of("4144.01")));
            assertThat(statement.items()).extracting(Statement.Line::obligationId)
                    .doesNotContain(fullyPaid.id(), cancelled.id(), othersFine.id());
        }

        @Test
        void the_totals_are_the_sums_of_the_lines() {
            Statement statement = service.statement(STAFF, COMPANY, LocalDate.of(2024, 6, 30));

            Money principal = statement.items().stream().map(Statement.Line::principalBalance)
                    .reduce(Money.ZERO, Money::plus);
            Money interest = statement.items().stream().map(Statement.Line::interest)
                    .reduce(Money.ZERO, Money::plus);
            Money total = statement.items().stream().map(Statement.Line::total).reduce(Money.ZERO, Money::plus);
            assertThat(statement.totals()).isEqualTo(new Statement.Totals(principal, interest, total));
            assertThat(total).isEqualTo(principal.plus(interest));
        }

        @Test
        void an_explicit_date_is_used_as_given() {
            Statement statement = service.statement(STAFF, COMPANY, LocalDate.of(2024, 2, 15));

            // on 15 Feb only the liability is overdue: 1–15 Feb = 15 days
            // 2500.00 × 0.1133 × 15 = 4248.75; / 365 = 11.6404… → 11.64
            assertThat(statement.asOf()).isEqualTo(LocalDate.of(2024, 2, 15));
            assertThat(statement.totals().interest()).isEqualTo(Money.of("11.64"));
        }

        @Test
        void a_day_without_a_rate_in_force_makes_the_statement_a_business_rule_violation() {
            QueryObligationsService noRates = new QueryObligationsService(obligations, new InMemoryInterestRates(),
                    CLOCK);

            assertThatThrownBy(() -> noRates.statement(STAFF, COMPANY, null))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("interest-rate-unavailable"));
        }

        @Test
        void an_employer_asking_for_another_debtors_statement_gets_debtor_not_found() {
            assertThat(notFound(() -> service.statement(EMPLOYER, OTHER_DEBTOR, null)).kind())
                    .isEqualTo("debtor-not-found");
        }

        @Test
        void a_bank_or_the_ministry_gets_debtor_not_found_for_a_statement() {
            for (Caller caller : new Caller[] {BANK, MINISTRY}) {
                assertThat(notFound(() -> service.statement(caller, COMPANY, null)).kind())
                        .as(caller.role().name()).isEqualTo("debtor-not-found");
            }
        }

        @Test
        void a_debtor_with_nothing_unpaid_has_an_empty_statement_with_zero_totals() {
            Statement statement = service.statement(STAFF, DebtorId.parse("0104020300"), null);

            assertThat(statement.items()).isEmpty();
            assertThat(statement.totals()).isEqualTo(new Statement.Totals(Money.ZERO, Money.ZERO, Money.ZERO));
        }
    }

    private static NotFoundException notFound(Executable call) {
        try {
            call.execute();
        } catch (NotFoundException e) {
            return e;
        } catch (Throwable e) {
            throw new AssertionError("expected NotFoundException, got " + e, e);
        }
        throw new AssertionError("expected NotFoundException, nothing was thrown");
    }
}
