package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.AgreementsHarness.BANK;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.COMPANY;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.DEBT;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.DIRECTOR;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.DOWN_PAYMENT;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.EMPLOYER;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.FINANCED;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.INSTALLMENT;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.OPERATOR;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.OTHER_DIRECTOR;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.OTHER_DEBTOR;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.OTHER_EMPLOYER;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.READER;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.SIGNED;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.SIGNING;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import ec.gob.iess.recauda.application.port.in.AgreementView;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.CertifyComplianceUseCase.Compliance;
import ec.gob.iess.recauda.application.port.in.CertifyComplianceUseCase.Reason;
import ec.gob.iess.recauda.application.port.in.ManageAgreementsUseCase.DebtorSimulation;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.InMemoryInterestRates;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.DebtorKind;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.agreement.Simulation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.IneligibleObligationsException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link AgreementService} over in-memory fakes of its ports: who may call it, what it stores (the agreement, the
 * obligations it reserves or frees, the down payment and its voucher), what it audits and in which order, and that a
 * refusal stores nothing. The rules themselves are the domain's ({@code AgreementTest}); the worked example and its
 * amounts are described on {@link AgreementsHarness}.
 */
class AgreementServiceTest {

    private final AgreementsHarness h = new AgreementsHarness();
    private final AgreementService service = h.service;

    /** What is stored, to show that a refusal changed none of it. */
    private record Snapshot(List<Agreement> agreements, List<Obligation> obligations, List<Voucher> vouchers,
                            List<AuditLog.Entry> audit) {
    }

    private Snapshot snapshot() {
        return new Snapshot(h.agreements.all(), h.obligations.all(), h.vouchers.all(), h.audit.entries());
    }

    /** Every stored agreement, obligation and voucher as it was (same versions, same states), and no new audit. */
    private void assertUnchanged(Snapshot before) {
        Snapshot after = snapshot();
        assertThat(after.agreements()).extracting(Agreement::id, Agreement::status, Agreement::version)
                .containsExactlyElementsOf(before.agreements().stream()
                        .map(a -> tuple(a.id(), a.status(), a.version())).toList());
        assertThat(after.obligations()).extracting(Obligation::id, Obligation::status, Obligation::version,
                        Obligation::link, Obligation::hold)
                .containsExactlyElementsOf(before.obligations().stream()
                        .map(o -> tuple(o.id(), o.status(), o.version(), o.link(), o.hold())).toList());
        assertThat(after.vouchers()).extracting(v -> v.reference().value(), Voucher::storedStatus, Voucher::version)
                .containsExactlyElementsOf(before.vouchers().stream()
                        .map(v -> tuple(v.reference().value(), v.storedStatus(), v.version())).toList());
        assertThat(after.audit()).isEqualTo(before.audit());
    }

    // ------------------------------------------------------------------------------------------------ simulations

    @Nested
    class Simulating {

        @Test
        void the_public_simulator_uses_the_arrears_rate_in_force_today() {
            Simulation s = service.simulate(Money.of("10000.00"), 12, DebtorKind.COMPANY);

            // 10 % down: 1000.00; 9000.00 at 12 % / 12 = 1 % a month: PMT = 9000 × 0.01 / (1 − 1.01^−12) = 799.64.
            assertThat(s.annualRate()).isEqualByComparingTo("0.12");
            assertThat(s.downPayment()).isEqualTo(Money.of("1000.00"));
            assertThat(s.financedAmount()).isEqualTo(Money.of("9000.00"));
            assertThat(s.installments()).hasSize(12);
            assertThat(s.installments().get(0).installment()).isEqualTo(Money.of("799.64"));
            assertThat(s.installments().get(0).dueDate()).isEqualTo(LocalDate.of(2026, 4, 10));
            assertThat(h.agreements.all()).isEmpty();
            assertThat(h.audit.entries()).isEmpty();
        }

        @Test
        void a_configured_fixed_rate_wins_over_the_arrears_rate_and_needs_no_rate_table() {
            AgreementTerms fixed = new AgreementTerms(2, 36, new BigDecimal("0.10"), Money.of("400.00"),
                    new BigDecimal("4"), new BigDecimal("25"), 2, Optional.of(new BigDecimal("0.05")));
            AgreementsHarness noRates = new AgreementsHarness(fixed, new InMemoryInterestRates());

            Simulation s = noRates.service.simulate(Money.of("10000.00"), 12, DebtorKind.COMPANY);

            // 9000.00 at 5 % / 12: PMT = 9000 × 0.0041667 / (1 − 1.0041667^−12) = 770.47.
            assertThat(s.annualRate()).isEqualByComparingTo("0.05");
            assertThat(s.installments().get(0).installment()).isEqualTo(Money.of("770.47"));
        }

        @Test
        void without_a_rate_in_force_today_a_simulation_is_refused() {
            AgreementsHarness noRates = new AgreementsHarness(AgreementTerms.defaults(), new InMemoryInterestRates());

            assertThatThrownBy(() -> noRates.service.simulate(Money.of("10000.00"), 12, DebtorKind.COMPANY))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("interest-rate-unavailable"));
        }

        @Test
        void a_debtors_simulation_covers_its_eligible_debt_enforcement_included_and_stores_nothing() {
            Obligation a = h.seed(COMPANY, ObligationType.FINE, ObligationStage.ENFORCEMENT, "100.00",
                    LocalDate.of(2026, 1, 31));
            Obligation b = h.obligationB();
            h.fine(COMPANY, "50.00", LocalDate.of(2026, 4, 30)); // not due yet: left out
            Obligation held = h.fine(COMPANY, "70.00", LocalDate.of(2026, 2, 28));
            h.voucherFor(held); // held by an unexpired voucher: left out
            h.seed(COMPANY, ObligationType.MISC_CONCEPT, null, "80.00", LocalDate.of(2025, 3, 31)); // not a type
            h.fine(OTHER_DEBTOR, "90.00", LocalDate.of(2025, 3, 31)); // another debtor's
            Snapshot before = snapshot();

            DebtorSimulation s = service.simulate(STAFF, COMPANY, List.of(), 3);

            // A: 100.00 + 1.25 (38 days); B: 1000.00 + 4.60 (14 days); oldest due date first.
            assertThat(s.debtorId()).isEqualTo(COMPANY);
            assertThat(s.obligations()).extracting(CoveredObligation::obligationId).containsExactly(a.id(), b.id());
            assertThat(s.obligations()).extracting(CoveredObligation::principal, CoveredObligation::interest)
                    .containsExactly(tuple(Money.of("100.00"), Money.of("1.25")),
                            tuple(Money.of("1000.00"), Money.of("4.60")));
            assertThat(s.simulation().debt()).isEqualTo(DEBT);
            assertThat(s.simulation().downPayment()).isEqualTo(DOWN_PAYMENT);
            assertThat(s.simulation().financedAmount()).isEqualTo(FINANCED);
            assertThat(s.simulation().requiresApproval()).isFalse();
            assertThat(s.simulation().installments()).extracting(ScheduledInstallment::installment)
                    .containsOnly(INSTALLMENT);
            assertUnchanged(before);
        }

        @Test
        void the_employer_of_the_debtor_may_simulate_another_employer_finds_no_debtor_and_a_bank_is_forbidden() {
            h.obligationB();

            assertThat(service.simulate(EMPLOYER, COMPANY, List.of(), 3).simulation().debt())
                    .isEqualTo(Money.of("1004.60"));
            assertThatThrownBy(() -> service.simulate(OTHER_EMPLOYER, COMPANY, List.of(), 3))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("debtor-not-found"));
            assertThatThrownBy(() -> service.simulate(BANK, COMPANY, List.of(), 3))
                    .isInstanceOf(ForbiddenException.class);
        }

        @Test
        void obligations_asked_for_that_may_not_be_covered_are_each_named_with_their_reason() {
            Obligation a = h.obligationA();
            Obligation notDue = h.fine(COMPANY, "50.00", LocalDate.of(2026, 4, 30));
            Obligation held = h.fine(COMPANY, "70.00", LocalDate.of(2026, 2, 28));
            h.voucherFor(held);
            Obligation concept = h.seed(COMPANY, ObligationType.MISC_CONCEPT, null, "80.00",
                    LocalDate.of(2025, 3, 31));
            Obligation paid = h.seed(COMPANY, ObligationType.GLOSA, null, "60.00", LocalDate.of(2025, 1, 31));
            h.pay(h.voucherFor(paid).voucher().reference().value());
            Obligation others = h.fine(OTHER_DEBTOR, "90.00", LocalDate.of(2025, 3, 31));
            ObligationId unknown = ObligationId.random();
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.simulate(STAFF, COMPANY,
                    List.of(a.id(), notDue.id(), held.id(), concept.id(), paid.id(), others.id(), unknown), 3))
                    .isInstanceOfSatisfying(IneligibleObligationsException.class, e -> {
                        assertThat(e.kind()).isEqualTo("obligation-not-eligible");
                        assertThat(e.obligations()).extracting(IneligibleObligationsException.Ineligible::obligationId)
                                .containsExactly(notDue.id().toString(), held.id().toString(),
                                        concept.id().toString(), paid.id().toString(), others.id().toString(),
                                        unknown.toString());
                        assertThat(e.obligations()).extracting(IneligibleObligationsException.Ineligible::reason)
                                .containsExactly("NOT_OVERDUE", "HELD_BY_VOUCHER", "TYPE_NOT_ELIGIBLE",
                                        "NOT_PENDING", "NOT_FOUND", "NOT_FOUND");
                    });
            assertUnchanged(before);
        }

        @Test
        void a_debtor_with_no_eligible_debt_has_nothing_to_simulate() {
            h.fine(COMPANY, "50.00", LocalDate.of(2026, 4, 30));

            assertThatThrownBy(() -> service.simulate(STAFF, COMPANY, List.of(), 3))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("no-eligible-debt"));
        }

        @Test
        void an_obligation_listed_twice_or_a_term_out_of_range_is_an_invalid_request() {
            Obligation a = h.obligationA();

            assertThatThrownBy(() -> service.simulate(STAFF, COMPANY, List.of(a.id(), a.id()), 3))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-agreement-request"));
            assertThatThrownBy(() -> service.simulate(STAFF, COMPANY, List.of(), 37))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-term"));
        }
    }

    // ----------------------------------------------------------------------------------------------- subscribing

    @Nested
    class Subscribing {

        @Test
        void the_answer_to_a_subscription_carries_the_version_that_was_stored() {
            h.obligationA();
            AgreementView answer = h.subscribe(3);
            assertThat(answer.agreement().version()).isEqualTo(h.agreement(answer.agreement().id()).version());
        }

        @Test
        void a_small_debt_is_stored_awaiting_its_down_payment_with_its_obligations_reserved() {
            Obligation a = h.obligationA();
            Obligation b = h.obligationB();

            AgreementView view = h.subscribe(3);

            Agreement answered = view.agreement();
            Agreement stored = h.agreement(answered.id());
            assertThat(h.agreements.all()).hasSize(1);
            assertThat(stored.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
            assertThat(answered.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
            assertThat(stored.debtorId()).isEqualTo(COMPANY);
            assertThat(stored.signedOn()).isEqualTo(SIGNED);
            assertThat(stored.debt()).isEqualTo(DEBT);
            assertThat(stored.downPayment()).isEqualTo(DOWN_PAYMENT);
            assertThat(stored.financedAmount()).isEqualTo(FINANCED);
            assertThat(stored.annualRate()).isEqualByComparingTo("0.12");
            assertThat(stored.requiresApproval()).isFalse();
            assertThat(stored.createdBy()).isEqualTo(STAFF.clientId());
            assertThat(stored.covered()).extracting(CoveredObligation::obligationId).containsExactly(a.id(), b.id());
            // Added, then updated once with its down-payment voucher.
            assertThat(stored.version()).isEqualTo(1);
            assertThat(view.installments()).isEmpty();
            assertThat(view.reinstated()).isEmpty();

            for (Obligation o : List.of(h.stored(a), h.stored(b))) {
                assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
                assertThat(o.coveringAgreement()).isEqualTo(stored.id());
                assertThat(o.principalPaid()).isEqualTo(Money.ZERO);
            }
        }

        @Test
        void the_down_payment_is_installment_zero_due_on_the_last_day_of_the_voucher_that_holds_it() {
            h.obligationA();
            h.obligationB();

            Agreement a = h.subscribe(3).agreement();

            Obligation downPayment = h.installment(a.id(), 0);
            assertThat(h.agreements.installmentsOf(a.id())).containsExactly(downPayment);
            assertThat(downPayment.type()).isEqualTo(ObligationType.AGREEMENT_INSTALLMENT);
            assertThat(downPayment.debtorId()).isEqualTo(COMPANY);
            assertThat(downPayment.principal()).isEqualTo(DOWN_PAYMENT);
            // Valid 7 days: 2026-03-10 + 7 = 2026-03-17, the down payment's due date, so it carries no interest.
            assertThat(downPayment.dueDate()).isEqualTo(LocalDate.of(2026, 3, 17));
            assertThat(downPayment.status()).isEqualTo(ObligationStatus.PENDING);

            assertThat(h.vouchers.all()).hasSize(1);
            Voucher voucher = h.vouchers.all().get(0);
            assertThat(voucher.statusOn(SIGNED)).isEqualTo(VoucherStatus.ISSUED);
            assertThat(voucher.isSuperseded()).isFalse();
            assertThat(voucher.debtorId()).isEqualTo(COMPANY);
            assertThat(voucher.amount()).isEqualTo(DOWN_PAYMENT);
            assertThat(voucher.issuedOn()).isEqualTo(SIGNED);
            assertThat(voucher.expiresOn()).isEqualTo(LocalDate.of(2026, 3, 17));
            assertThat(voucher.issuedBy()).isEqualTo(STAFF.clientId());
            assertThat(voucher.lines()).extracting(VoucherLine::obligationId, VoucherLine::principal,
                            VoucherLine::interest)
                    .containsExactly(tuple(downPayment.id(), DOWN_PAYMENT, Money.ZERO));
            assertThat(downPayment.heldBy()).isEqualTo(voucher.reference().value());
            assertThat(downPayment.heldUntil()).isEqualTo(LocalDate.of(2026, 3, 17));

            assertThat(a.downPaymentVoucher()).isEqualTo(new Agreement.DownPaymentVoucher(
                    voucher.reference().value(), DOWN_PAYMENT, LocalDate.of(2026, 3, 17)));
            assertThat(h.agreement(a.id()).downPaymentVoucher()).isEqualTo(a.downPaymentVoucher());
        }

        @Test
        void the_voucher_is_audited_first_then_the_subscription_with_its_debt_and_obligations() {
            Obligation a = h.obligationA();
            Obligation b = h.obligationB();

            Agreement agreement = h.subscribe(3).agreement();

            assertThat(h.actions()).containsExactly("VOUCHER_ISSUED", "AGREEMENT_SUBSCRIBED");
            AuditLog.Entry voucher = h.audit.entries().get(0);
            String reference = agreement.downPaymentVoucher().reference();
            assertThat(voucher.entityType()).isEqualTo("VOUCHER");
            assertThat(voucher.entityId()).isEqualTo(reference);
            assertThat(voucher.details()).isEqualTo(Map.of("debtorId", COMPANY.value(), "amount", "110.59",
                    "expiresOn", "2026-03-17", "obligations",
                    List.of(h.installment(agreement.id(), 0).id().toString())));
            AuditLog.Entry subscribed = h.audit.entries().get(1);
            assertThat(subscribed.entityType()).isEqualTo("AGREEMENT");
            assertThat(subscribed.entityId()).isEqualTo(agreement.id().toString());
            assertThat(subscribed.details()).isEqualTo(Map.of("debtorId", COMPANY.value(), "status",
                    "AWAITING_DOWN_PAYMENT", "debt", "1105.85", "termMonths", 3, "obligations",
                    List.of(a.id().toString(), b.id().toString())));
            assertThat(h.audit.entries()).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo(STAFF.clientId());
                assertThat(e.correlationId()).isEqualTo(STAFF.correlationId());
                assertThat(e.at()).isEqualTo(SIGNING);
            });
        }

        @Test
        void debt_in_enforcement_is_covered_like_any_other_stage_and_keeps_its_stage() {
            Obligation enforced = h.seed(COMPANY, ObligationType.CREDIT_TITLE, ObligationStage.ENFORCEMENT, "100.00",
                    LocalDate.of(2026, 1, 31));

            Agreement agreement = service.subscribe(STAFF, COMPANY, List.of(enforced.id()), 2, true).agreement();

            assertThat(agreement.covered()).extracting(CoveredObligation::obligationId)
                    .containsExactly(enforced.id());
            assertThat(h.stored(enforced).coveringAgreement()).isEqualTo(agreement.id());
            assertThat(h.stored(enforced).stage()).isEqualTo(ObligationStage.ENFORCEMENT);
        }

        @Test
        void the_obligations_asked_for_are_the_only_ones_covered() {
            Obligation a = h.obligationA();
            Obligation b = h.obligationB();

            Agreement agreement = service.subscribe(EMPLOYER, COMPANY, List.of(b.id()), 2, true).agreement();

            // 1000.00 + 4.60; 10 % down = 100.46.
            assertThat(agreement.covered()).extracting(CoveredObligation::obligationId).containsExactly(b.id());
            assertThat(agreement.debt()).isEqualTo(Money.of("1004.60"));
            assertThat(agreement.downPayment()).isEqualTo(Money.of("100.46"));
            assertThat(agreement.createdBy()).isEqualTo(EMPLOYER.clientId());
            assertThat(h.stored(a).link()).isNull();
            assertThat(h.stored(b).coveringAgreement()).isEqualTo(agreement.id());
        }

        @Test
        void a_second_open_agreement_for_the_debtor_is_agreement_exists_and_stores_nothing() {
            h.obligationA();
            h.obligationB();
            h.subscribe(3);
            Obligation later = h.fine(COMPANY, "300.00", LocalDate.of(2026, 3, 2)); // eligible, not yet covered
            Snapshot before = snapshot();

            assertThatThrownBy(() -> h.subscribe(6))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-exists"));
            assertThatThrownBy(() -> service.subscribe(EMPLOYER, COMPANY, List.of(later.id()), 6, true))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-exists"));
            assertUnchanged(before);
            assertThat(h.stored(later).link()).isNull();
        }

        @Test
        void terms_not_accepted_are_refused_before_anything_is_read_or_stored() {
            h.obligationA();
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.subscribe(STAFF, COMPANY, List.of(), 3, false))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.kind()).isEqualTo("terms-not-accepted");
                        assertThat(e.violations()).extracting(InvalidValueException.Violation::field)
                                .containsExactly("acceptTerms");
                    });
            assertThatThrownBy(() -> h.subscribe(37))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-term"));
            assertUnchanged(before);
        }

        @Test
        void an_ineligible_obligation_asked_for_refuses_the_whole_subscription_and_reserves_nothing() {
            Obligation a = h.obligationA();
            Obligation notDue = h.fine(COMPANY, "50.00", LocalDate.of(2026, 4, 30));
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.subscribe(STAFF, COMPANY, List.of(a.id(), notDue.id()), 3, true))
                    .isInstanceOfSatisfying(IneligibleObligationsException.class,
                            e -> assertThat(e.obligations()).singleElement()
                                    .satisfies(i -> assertThat(i.reason()).isEqualTo("NOT_OVERDUE")));
            assertUnchanged(before);
        }

        @Test
        void a_debtor_without_eligible_debt_gets_no_agreement() {
            h.fine(COMPANY, "50.00", LocalDate.of(2026, 4, 30));
            Snapshot before = snapshot();

            assertThatThrownBy(() -> h.subscribe(3))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("no-eligible-debt"));
            assertUnchanged(before);
        }

        @Test
        void a_debt_above_the_threshold_waits_for_approval_with_no_down_payment_and_no_voucher() {
            Obligation big = h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));

            Agreement a = h.subscribe(24).agreement();

            // 20000.00 + 20000 × 14 × 0.12 / 365 = 92.05: 20092.05 is above 25 basic wages of 400.00 (10000.00).
            assertThat(h.agreement(a.id()).status()).isEqualTo(AgreementStatus.PENDING_APPROVAL);
            assertThat(a.debt()).isEqualTo(Money.of("20092.05"));
            assertThat(a.requiresApproval()).isTrue();
            assertThat(a.downPaymentVoucher()).isNull();
            assertThat(h.agreements.installmentsOf(a.id())).isEmpty();
            assertThat(h.vouchers.all()).isEmpty();
            assertThat(h.stored(big).coveringAgreement()).isEqualTo(a.id());
            assertThat(h.actions()).containsExactly("AGREEMENT_SUBSCRIBED");
            assertThat(h.audit.single().details()).containsEntry("status", "PENDING_APPROVAL");
        }

        @Test
        void an_employer_subscribes_for_its_own_debtor_only_and_a_bank_not_at_all() {
            h.fine(OTHER_DEBTOR, "1000.00", LocalDate.of(2026, 2, 24));
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.subscribe(EMPLOYER, OTHER_DEBTOR, List.of(), 3, true))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("debtor-not-found"));
            assertThatThrownBy(() -> service.subscribe(BANK, OTHER_DEBTOR, List.of(), 3, true))
                    .isInstanceOf(ForbiddenException.class);
            assertUnchanged(before);
            assertThat(service.subscribe(OTHER_EMPLOYER, OTHER_DEBTOR, List.of(), 3, true).agreement().status())
                    .isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
        }
    }

    // -------------------------------------------------------------------------------------------- the decision

    @Nested
    class Deciding {

        private Obligation big;
        private UUID id;

        private void aDebtAwaitingApproval() {
            big = h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));
            id = h.subscribe(24).agreement().id();
        }

        @Test
        void approval_issues_the_down_payment_and_its_voucher_from_the_day_of_the_decision() {
            aDebtAwaitingApproval();
            h.clock.setDay(LocalDate.of(2026, 3, 12));

            AgreementView view = service.decide(DIRECTOR, id, true, "Aprobado por el director provincial");

            Agreement stored = h.agreement(id);
            assertThat(stored.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
            assertThat(view.agreement().status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
            assertThat(stored.decision()).isEqualTo(new Agreement.Decision(true,
                    "Aprobado por el director provincial", "person:4d1c5e0a-director", h.clock.instant()));
            // The debt stays that of the signing day; 10 % of 20092.05 = 2009.205 → 2009.21.
            assertThat(stored.debt()).isEqualTo(Money.of("20092.05"));
            Obligation downPayment = h.installment(id, 0);
            assertThat(downPayment.principal()).isEqualTo(Money.of("2009.21"));
            assertThat(downPayment.dueDate()).isEqualTo(LocalDate.of(2026, 3, 19));
            Voucher voucher = h.vouchers.get(stored.downPaymentVoucher().reference());
            assertThat(voucher.amount()).isEqualTo(Money.of("2009.21"));
            assertThat(voucher.issuedOn()).isEqualTo(LocalDate.of(2026, 3, 12));
            assertThat(voucher.expiresOn()).isEqualTo(LocalDate.of(2026, 3, 19));
            assertThat(downPayment.heldBy()).isEqualTo(voucher.reference().value());
            assertThat(h.stored(big).coveringAgreement()).isEqualTo(id);

            assertThat(h.actions()).containsExactly("AGREEMENT_SUBSCRIBED", "VOUCHER_ISSUED", "AGREEMENT_APPROVED");
            assertThat(h.entries("AGREEMENT_APPROVED")).singleElement().satisfies(e -> {
                assertThat(e.entityId()).isEqualTo(id.toString());
                assertThat(e.actor()).isEqualTo("person:4d1c5e0a-director");
                assertThat(e.user()).isEqualTo(DIRECTOR.user());
                assertThat(e.details()).isEqualTo(Map.of("approved", true,
                        "note", "Aprobado por el director provincial"));
            });
        }

        @Test
        void rejection_closes_it_frees_its_obligations_and_issues_nothing() {
            aDebtAwaitingApproval();

            service.decide(DIRECTOR, id, false, "garantías insuficientes");

            Agreement stored = h.agreement(id);
            assertThat(stored.status()).isEqualTo(AgreementStatus.REJECTED);
            assertThat(stored.closedOn()).isEqualTo(SIGNED);
            assertThat(stored.closeReason()).isEqualTo("garantías insuficientes");
            assertThat(h.stored(big).link()).isNull();
            assertThat(h.stored(big).status()).isEqualTo(ObligationStatus.PENDING);
            assertThat(h.vouchers.all()).isEmpty();
            assertThat(h.agreements.installmentsOf(id)).isEmpty();
            assertThat(h.actions()).containsExactly("AGREEMENT_SUBSCRIBED", "AGREEMENT_REJECTED");
            assertThat(h.entries("AGREEMENT_REJECTED").get(0).details())
                    .isEqualTo(Map.of("approved", false, "note", "garantías insuficientes"));

            // The debt is free for a new agreement.
            assertThat(h.subscribe(24).agreement().covered()).extracting(CoveredObligation::obligationId)
                    .containsExactly(big.id());
        }

        @Test
        void only_a_staff_director_decides_and_a_refused_decision_changes_nothing() {
            aDebtAwaitingApproval();
            Snapshot before = snapshot();

            // A STAFF key is a machine at OPERATOR level: like an OPERATOR or a READER person, it never decides.
            for (Caller refused : List.of(EMPLOYER, BANK, STAFF, OPERATOR, READER)) {
                assertThatThrownBy(() -> service.decide(refused, id, true, null))
                        .isInstanceOfSatisfying(ForbiddenException.class,
                                e -> assertThat(e.kind()).isEqualTo("forbidden"));
            }
            assertThatThrownBy(() -> service.decide(DIRECTOR, UUID.randomUUID(), true, null))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-not-found"));
            assertUnchanged(before);
        }

        @Test
        void four_eyes_the_director_who_subscribed_an_agreement_may_not_decide_it_another_director_may() {
            big = h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));
            id = service.subscribe(DIRECTOR, COMPANY, List.of(), 24, true).agreement().id();
            assertThat(h.agreement(id).createdBy()).isEqualTo("person:4d1c5e0a-director");
            Snapshot before = snapshot();

            for (boolean approved : new boolean[] {true, false}) {
                assertThatThrownBy(() -> service.decide(DIRECTOR, id, approved, null))
                        .isInstanceOfSatisfying(ForbiddenException.class,
                                e -> assertThat(e.kind()).isEqualTo("four-eyes"));
            }
            assertUnchanged(before);

            service.decide(OTHER_DIRECTOR, id, true, "segundo par de ojos");
            assertThat(h.agreement(id).decision().decidedBy()).isEqualTo("person:9b7e2f11-director");
        }

        @Test
        void every_entry_of_a_change_made_by_a_person_names_them_and_a_machine_keeps_its_client_id() {
            big = h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));
            id = service.subscribe(OPERATOR, COMPANY, List.of(), 24, true).agreement().id();
            service.decide(DIRECTOR, id, true, null);

            assertThat(h.audit.entries()).extracting(AuditLog.Entry::action, AuditLog.Entry::actor,
                    AuditLog.Entry::user).containsExactly(
                    tuple("AGREEMENT_SUBSCRIBED", "person:0c3a8d42-operator", OPERATOR.user()),
                    tuple("VOUCHER_ISSUED", "person:4d1c5e0a-director", DIRECTOR.user()),
                    tuple("AGREEMENT_APPROVED", "person:4d1c5e0a-director", DIRECTOR.user()));

            h.fine(OTHER_DEBTOR, "1000.00", LocalDate.of(2026, 2, 24));
            UUID byKey = service.subscribe(STAFF, OTHER_DEBTOR, List.of(), 3, true).agreement().id();
            assertThat(h.entries("AGREEMENT_SUBSCRIBED")).filteredOn(e -> e.entityId().equals(byKey.toString()))
                    .singleElement().satisfies(e -> {
                        assertThat(e.actor()).isEqualTo(STAFF.clientId());
                        assertThat(e.user()).isNull();
                    });
        }

        @Test
        void an_agreement_is_decided_once_and_one_that_needed_no_approval_never() {
            aDebtAwaitingApproval();
            service.decide(DIRECTOR, id, true, null);
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.decide(OTHER_DIRECTOR, id, false, "tarde"))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-agreement-state"));
            assertUnchanged(before);
        }
    }

    // ---------------------------------------------------------------------------------------------- cancelling

    @Nested
    class Cancelling {

        @Test
        void cancelling_cancels_the_down_payment_voucher_and_frees_the_obligations() {
            Obligation a = h.obligationA();
            Obligation b = h.obligationB();
            UUID id = h.subscribe(3).agreement().id();
            String reference = h.agreement(id).downPaymentVoucher().reference();
            h.clock.setDay(LocalDate.of(2026, 3, 12));

            AgreementView view = service.cancel(STAFF, id, "el empleador desistió");

            Agreement stored = h.agreement(id);
            assertThat(view.agreement().status()).isEqualTo(AgreementStatus.CANCELLED);
            assertThat(stored.status()).isEqualTo(AgreementStatus.CANCELLED);
            assertThat(stored.closedOn()).isEqualTo(LocalDate.of(2026, 3, 12));
            assertThat(stored.closeReason()).isEqualTo("el empleador desistió");
            Voucher voucher = h.vouchers.get(reference);
            assertThat(voucher.storedStatus()).isEqualTo(VoucherStatus.CANCELLED);
            assertThat(voucher.version()).isEqualTo(1);
            Obligation downPayment = h.obligation(h.agreements.installmentsOf(id).get(0).id());
            assertThat(downPayment.status()).isEqualTo(ObligationStatus.CANCELLED);
            assertThat(downPayment.hold()).isNull();
            for (Obligation o : List.of(h.stored(a), h.stored(b))) {
                assertThat(o.link()).isNull();
                assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
            }
            // The voucher's cancellation is audited as the voucher service audits one.
            assertThat(h.actions()).containsExactly("VOUCHER_ISSUED", "AGREEMENT_SUBSCRIBED", "VOUCHER_CANCELLED",
                    "AGREEMENT_CANCELLED");
            assertThat(h.entries("VOUCHER_CANCELLED").get(0).entityId()).isEqualTo(reference);
            assertThat(h.entries("AGREEMENT_CANCELLED").get(0).details())
                    .isEqualTo(Map.of("reason", "el empleador desistió"));
            // The answer carries the version that was stored.
            assertThat(view.agreement().version()).isEqualTo(stored.version());

            // Free: they may go on a voucher again.
            assertThat(h.voucherFor(h.stored(a), h.stored(b)).voucher().lines()).hasSize(2);
        }

        @Test
        void an_agreement_awaiting_approval_is_cancelled_without_any_voucher() {
            Obligation big = h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));
            UUID id = h.subscribe(24).agreement().id();

            service.cancel(STAFF, id, "duplicada");

            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.CANCELLED);
            assertThat(h.stored(big).link()).isNull();
            assertThat(h.vouchers.all()).isEmpty();
            assertThat(h.actions()).containsExactly("AGREEMENT_SUBSCRIBED", "AGREEMENT_CANCELLED");
        }

        @Test
        void a_cancellation_without_a_reason_changes_nothing_not_even_the_voucher() {
            h.obligationA();
            UUID id = h.subscribe(3).agreement().id();
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.cancel(STAFF, id, " "))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-agreement-request"));
            assertUnchanged(before);
            assertThat(h.vouchers.get(h.agreement(id).downPaymentVoucher().reference()).storedStatus())
                    .isEqualTo(VoucherStatus.ISSUED);
        }

        @Test
        void an_active_agreement_cannot_be_cancelled_and_only_staff_cancel() {
            Agreement active = h.activeExample();
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.cancel(STAFF, active.id(), "tarde"))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-agreement-state"));
            assertThatThrownBy(() -> service.cancel(EMPLOYER, active.id(), "tarde"))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> service.cancel(STAFF, UUID.randomUUID(), "tarde"))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-not-found"));
            assertUnchanged(before);
        }
    }

    // ----------------------------------------------------------------------------------------------- paying off

    @Nested
    class PayingOff {

        @Test
        void the_payoff_voucher_covers_every_unpaid_installment_and_holds_them() {
            Agreement a = h.activeExample();

            VoucherView view = service.payoffVoucher(STAFF, a.id());

            // 3 × 338.41 = 1015.23; none overdue, so no interest. It expires on 03-17 (7 days; no line is due
            // before then).
            Voucher voucher = view.voucher();
            assertThat(view.status()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(voucher.amount()).isEqualTo(Money.of("1015.23"));
            assertThat(voucher.expiresOn()).isEqualTo(LocalDate.of(2026, 3, 17));
            List<Obligation> installments = List.of(h.installment(a.id(), 1), h.installment(a.id(), 2),
                    h.installment(a.id(), 3));
            assertThat(voucher.lines()).extracting(VoucherLine::obligationId)
                    .containsExactlyElementsOf(installments.stream().map(Obligation::id).toList());
            assertThat(voucher.lines()).extracting(VoucherLine::interest).containsOnly(Money.ZERO);
            assertThat(installments).extracting(Obligation::heldBy).containsOnly(voucher.reference().value());
            assertThat(h.vouchers.get(voucher.reference().value()).amount()).isEqualTo(Money.of("1015.23"));
            AuditLog.Entry issued = h.audit.entries().get(h.audit.entries().size() - 1);
            assertThat(issued.action()).isEqualTo("VOUCHER_ISSUED");
            assertThat(issued.details()).containsEntry("obligations",
                    installments.stream().map(o -> o.id().toString()).toList());
            // Nothing of the agreement itself changes until the voucher is paid.
            assertThat(h.agreement(a.id()).version()).isEqualTo(a.version());

            h.pay(voucher.reference().value());
            assertThat(h.agreement(a.id()).status()).isEqualTo(AgreementStatus.COMPLETED);
        }

        @Test
        void an_overdue_installment_goes_on_it_with_its_arrears_interest_and_a_paid_one_does_not() {
            Agreement a = h.activeExample();
            h.pay(h.voucherFor(h.installment(a.id(), 2)).voucher().reference().value());
            h.clock.setDay(LocalDate.of(2026, 4, 20));

            Voucher voucher = service.payoffVoucher(EMPLOYER, a.id()).voucher();

            // Installment 1, due 04-10, projected to the voucher's expiry 04-27, on its principal part only (its
            // 9.95 of financing interest bears none: 995.26 × 1 %): 328.46 × 17 × 0.12 / 365 = 1.8358 → 1.84.
            // Installment 3 is due 06-10, after the expiry: no interest. 338.41 + 1.84 + 338.41 = 678.66.
            assertThat(voucher.expiresOn()).isEqualTo(LocalDate.of(2026, 4, 27));
            assertThat(voucher.lines()).extracting(VoucherLine::obligationId, VoucherLine::interest)
                    .containsExactly(
                            tuple(h.installment(a.id(), 1).id(), Money.of("1.84")),
                            tuple(h.installment(a.id(), 3).id(), Money.ZERO));
            assertThat(voucher.amount()).isEqualTo(Money.of("678.66"));
            assertThat(voucher.issuedBy()).isEqualTo(EMPLOYER.clientId());
        }

        @Test
        void an_agreement_that_is_not_active_has_no_payoff_and_nothing_is_stored() {
            h.obligationA();
            UUID id = h.subscribe(3).agreement().id();
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.payoffVoucher(STAFF, id))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-agreement-state"));
            assertUnchanged(before);
        }

        @Test
        void an_agreement_in_default_gets_no_payoff_voucher_and_nothing_is_stored() {
            Agreement a = h.activeExample();
            // 05-11: installments 1 (04-10) and 2 (05-10) are both overdue: in default, before any check ran.
            h.clock.setDay(LocalDate.of(2026, 5, 11));
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.payoffVoucher(STAFF, a.id()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-in-default"));
            assertUnchanged(before);
            assertThat(h.agreement(a.id()).status()).isEqualTo(AgreementStatus.ACTIVE);
        }

        @Test
        void another_debtors_employer_finds_no_agreement_and_a_bank_is_forbidden() {
            Agreement a = h.activeExample();
            Snapshot before = snapshot();

            assertThatThrownBy(() -> service.payoffVoucher(OTHER_EMPLOYER, a.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-not-found"));
            assertThatThrownBy(() -> service.payoffVoucher(BANK, a.id()))
                    .isInstanceOf(ForbiddenException.class);
            assertUnchanged(before);
        }
    }

    // -------------------------------------------------------------------------------------------------- reading

    @Nested
    class Reading {

        @Test
        void an_active_agreement_is_shown_with_the_obligations_of_its_installments() {
            Agreement a = h.activeExample();

            AgreementView view = service.get(EMPLOYER, a.id());

            assertThat(view.agreement().status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(view.installments()).extracting(AgreementView.Installment::number,
                            AgreementView.Installment::obligationId, AgreementView.Installment::status)
                    .containsExactly(
                            tuple(1, h.installment(a.id(), 1).id(), ObligationStatus.PENDING),
                            tuple(2, h.installment(a.id(), 2).id(), ObligationStatus.PENDING),
                            tuple(3, h.installment(a.id(), 3).id(), ObligationStatus.PENDING));
            assertThat(view.reinstated()).isEmpty();
        }

        @Test
        void another_debtors_employer_finds_nothing_and_a_bank_is_forbidden() {
            Agreement a = h.activeExample();

            assertThatThrownBy(() -> service.get(OTHER_EMPLOYER, a.id()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-not-found"));
            assertThatThrownBy(() -> service.get(BANK, a.id())).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> service.get(STAFF, UUID.randomUUID()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-not-found"));
            assertThatThrownBy(() -> service.ofDebtor(OTHER_EMPLOYER, COMPANY))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("debtor-not-found"));
            assertThatThrownBy(() -> service.ofDebtor(BANK, COMPANY)).isInstanceOf(ForbiddenException.class);
        }

        @Test
        void a_debtors_agreements_are_listed_newest_first() {
            Obligation big = h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));
            UUID rejected = h.subscribe(24).agreement().id();
            service.decide(DIRECTOR, rejected, false, "no");
            h.clock.setDay(LocalDate.of(2026, 3, 11));
            UUID second = h.subscribe(24).agreement().id();

            assertThat(service.ofDebtor(EMPLOYER, COMPANY)).extracting(v -> v.agreement().id())
                    .containsExactly(second, rejected);
            assertThat(service.ofDebtor(OTHER_EMPLOYER, OTHER_DEBTOR)).isEmpty();
            assertThat(h.stored(big).coveringAgreement()).isEqualTo(second);
        }
    }

    // ---------------------------------------------------------------------------------------------- compliance

    @Nested
    class Certifying {

        @Test
        void a_debtor_whose_only_debt_is_an_active_agreement_in_good_standing_is_not_in_arrears() {
            h.activeExample();

            Compliance c = service.certify(EMPLOYER, COMPANY, null);

            assertThat(c.asOf()).isEqualTo(SIGNED);
            assertThat(c.inArrears()).isFalse();
            assertThat(c.reasons()).isEmpty();
        }

        @Test
        void an_overdue_installment_and_an_overdue_obligation_outside_the_agreement_are_the_reasons_oldest_first() {
            Agreement a = h.activeExample();
            Obligation outside = h.fine(COMPANY, "40.00", LocalDate.of(2026, 3, 20)); // not overdue at signing

            Compliance c = service.certify(STAFF, COMPANY, LocalDate.of(2026, 4, 11));

            assertThat(c.inArrears()).isTrue();
            assertThat(c.reasons()).containsExactly(
                    new Reason("OVERDUE_OBLIGATION", outside.id(), ObligationType.FINE, LocalDate.of(2026, 3, 20),
                            22, null),
                    new Reason("OVERDUE_INSTALLMENT", h.installment(a.id(), 1).id(),
                            ObligationType.AGREEMENT_INSTALLMENT, LocalDate.of(2026, 4, 10), 1, a.id()));
        }

        @Test
        void until_the_down_payment_is_paid_the_covered_debt_still_counts() {
            Obligation a = h.obligationA();
            Obligation b = h.obligationB();
            UUID id = h.subscribe(3).agreement().id();

            Compliance c = service.certify(STAFF, COMPANY, SIGNED);

            assertThat(c.inArrears()).isTrue();
            assertThat(c.reasons()).extracting(Reason::code, Reason::obligationId, Reason::daysOverdue,
                            Reason::agreementId)
                    .containsExactly(
                            tuple("OVERDUE_OBLIGATION", a.id(), 38L, id),
                            tuple("OVERDUE_OBLIGATION", b.id(), 14L, id));
        }

        @Test
        void another_debtors_employer_finds_no_debtor_and_a_bank_is_forbidden() {
            assertThatThrownBy(() -> service.certify(OTHER_EMPLOYER, COMPANY, null))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("debtor-not-found"));
            assertThatThrownBy(() -> service.certify(BANK, COMPANY, null)).isInstanceOf(ForbiddenException.class);
        }
    }
}
