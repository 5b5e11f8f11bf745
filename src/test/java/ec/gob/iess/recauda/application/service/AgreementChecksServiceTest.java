package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.AgreementsHarness.COMPANY;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.EMPLOYER;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.FINANCED;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.RATE;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.SIGNED;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.SIGNING;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import ec.gob.iess.recauda.application.port.in.AgreementView;
import ec.gob.iess.recauda.application.port.in.RunAgreementChecksUseCase.Result;
import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.DirectTransactions;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementChange;
import ec.gob.iess.recauda.domain.agreement.AgreementObligations;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.obligation.ArrearsExemption;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link AgreementChecksService}: the daily check finds its candidates, locks and checks each agreement, saves what
 * changed through the ledger and audits it; it runs in batches, each its own transaction, and a second run for a
 * date changes nothing. The rules of lapse and default are the domain's; the example is {@link AgreementsHarness}'s.
 */
class AgreementChecksServiceTest {

    private final AgreementsHarness h = new AgreementsHarness();
    private final AgreementChecksService checks = h.checks;

    /** Staff run the check for {@code day}, with the clock on that day. */
    private Result runOn(LocalDate day) {
        h.clock.setDay(day);
        return checks.run(STAFF, day);
    }

    // ------------------------------------------------------------------------------------------------------ lapse

    @Nested
    class Lapsing {

        private Obligation a;
        private Obligation b;
        private UUID id;

        /** The example subscribed on 03-10: its down-payment voucher expires 03-17, late postings until 03-18. */
        private void awaitingItsDownPayment() {
            a = h.obligationA();
            b = h.obligationB();
            id = h.subscribe(3).agreement().id();
        }

        @Test
        void not_on_the_grace_day_after_the_vouchers_expiry() {
            awaitingItsDownPayment();
            List<AuditLog.Entry> before = h.audit.entries();

            Result result = runOn(LocalDate.of(2026, 3, 18));

            assertThat(result.lapsed()).isEmpty();
            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
            assertThat(h.audit.entries()).isEqualTo(before);
        }

        @Test
        void the_day_after_the_grace_it_lapses_the_down_payment_is_cancelled_and_the_debt_is_free() {
            awaitingItsDownPayment();
            String reference = h.agreement(id).downPaymentVoucher().reference();

            Result result = runOn(LocalDate.of(2026, 3, 19));

            assertThat(result.date()).isEqualTo(LocalDate.of(2026, 3, 19));
            assertThat(result.lapsed()).containsExactly(id);
            assertThat(result.defaulted()).isEmpty();
            assertThat(result.deferred()).isEmpty();
            Agreement lapsed = h.agreement(id);
            assertThat(lapsed.status()).isEqualTo(AgreementStatus.LAPSED);
            assertThat(lapsed.closedOn()).isEqualTo(LocalDate.of(2026, 3, 19));
            assertThat(lapsed.closeReason()).contains("2026-03-17");
            assertThat(h.obligation(h.agreements.installmentsOf(id).get(0).id()).status())
                    .isEqualTo(ObligationStatus.CANCELLED);
            for (Obligation o : List.of(h.stored(a), h.stored(b))) {
                assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
                assertThat(o.link()).isNull();
            }
            // Its voucher is not touched, but it no longer holds a payable obligation: superseded, EXPIRED.
            Voucher voucher = h.vouchers.get(reference);
            assertThat(voucher.storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(voucher.isSuperseded()).isTrue();
            assertThat(voucher.statusOn(LocalDate.of(2026, 3, 19))).isEqualTo(VoucherStatus.EXPIRED);

            AuditLog.Entry entry = h.audit.entries().get(h.audit.entries().size() - 1);
            assertThat(entry.action()).isEqualTo("AGREEMENT_LAPSED");
            assertThat(entry.entityId()).isEqualTo(id.toString());
            assertThat(entry.actor()).isEqualTo(STAFF.clientId());
            assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
            assertThat(entry.details()).isEqualTo(Map.of("date", "2026-03-19", "voucherExpiredOn", "2026-03-17"));

            // The freed debt may go into a new agreement (its interest now runs to 03-19).
            assertThat(h.subscribe(3).agreement().covered()).hasSize(2);
        }

        @Test
        void a_second_run_for_the_same_date_changes_nothing() {
            awaitingItsDownPayment();
            runOn(LocalDate.of(2026, 3, 19));
            Agreement once = h.agreement(id);
            List<AuditLog.Entry> audited = h.audit.entries();

            Result again = checks.run(STAFF, LocalDate.of(2026, 3, 19));

            assertThat(again.lapsed()).isEmpty();
            assertThat(h.agreement(id).version()).isEqualTo(once.version());
            assertThat(h.audit.entries()).isEqualTo(audited);
        }

        @Test
        void an_agreement_awaiting_approval_never_lapses() {
            h.fine(COMPANY, "20000.00", LocalDate.of(2026, 2, 24));
            UUID pending = h.subscribe(24).agreement().id();

            assertThat(runOn(LocalDate.of(2026, 9, 1)).lapsed()).isEmpty();
            assertThat(h.agreement(pending).status()).isEqualTo(AgreementStatus.PENDING_APPROVAL);
        }
    }

    // ---------------------------------------------------------------------------------------------------- default

    @Nested
    class Defaulting {

        private Obligation a;
        private Obligation b;
        private UUID id;

        /** The example active from 03-10 (installments due 04-10, 05-10, 06-10) with installment 1 paid on 04-08. */
        private void activeWithInstallmentOnePaid() {
            a = h.obligationA();
            b = h.obligationB();
            id = h.subscribe(3).agreement().id();
            h.pay(h.agreement(id).downPaymentVoucher().reference());
            h.clock.setDay(LocalDate.of(2026, 4, 8));
            h.pay(h.voucherFor(h.installment(id, 1)).voucher().reference().value());
        }

        @Test
        void one_overdue_installment_is_not_a_default_nor_is_the_second_on_its_due_date() {
            activeWithInstallmentOnePaid();

            // 05-11: installment 2 is overdue alone. 06-10: installment 3 is due that very day, not before it.
            assertThat(runOn(LocalDate.of(2026, 5, 11)).defaulted()).isEmpty();
            assertThat(runOn(LocalDate.of(2026, 6, 10)).defaulted()).isEmpty();
            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(h.actions()).doesNotContain("AGREEMENT_DEFAULTED", "AGREEMENT_DEFAULT_DEFERRED");
        }

        @Test
        void two_consecutive_overdue_installments_default_it_and_its_unpaid_installments_are_cancelled() {
            activeWithInstallmentOnePaid();

            Result result = runOn(LocalDate.of(2026, 6, 11));

            assertThat(result.defaulted()).containsExactly(id);
            assertThat(result.lapsed()).isEmpty();
            Agreement defaulted = h.agreement(id);
            assertThat(defaulted.status()).isEqualTo(AgreementStatus.DEFAULTED);
            assertThat(defaulted.closedOn()).isEqualTo(LocalDate.of(2026, 6, 11));
            assertThat(defaulted.closeReason()).isEqualTo("2 consecutive installments overdue on 2026-06-11");
            assertThat(h.agreements.installmentsOf(id)).extracting(o -> o.installment().number(), Obligation::status)
                    .containsExactly(tuple(0, ObligationStatus.PAID), tuple(1, ObligationStatus.PAID),
                            tuple(2, ObligationStatus.CANCELLED), tuple(3, ObligationStatus.CANCELLED));
        }

        @Test
        void the_unpaid_debt_is_reinstated_on_the_covered_obligations_as_the_agreement_allocates_it() {
            activeWithInstallmentOnePaid();

            runOn(LocalDate.of(2026, 6, 11));

            // Paid towards the debt: the down payment 110.59 and installment 1's principal 328.46 = 439.05,
            // oldest first and interest first: A 1.25 + 100.00 (all of it), B 4.60 + 333.20.
            // Reinstated: A nothing, B 666.80 of principal = financed 995.26 − 328.46.
            Agreement defaulted = h.agreement(id);
            List<Agreement.Remainder> remainders = defaulted.reinstatement(Set.of(1));
            assertThat(remainders).extracting(r -> r.obligation().obligationId(), Agreement.Remainder::interest,
                            Agreement.Remainder::principal)
                    .containsExactly(tuple(a.id(), Money.ZERO, Money.ZERO),
                            tuple(b.id(), Money.ZERO, Money.of("666.80")));
            assertThat(remainders.stream().map(Agreement.Remainder::total).reduce(Money.ZERO, Money::plus))
                    .isEqualTo(FINANCED.minus(Money.of("328.46")));

            Obligation paidA = h.stored(a);
            assertThat(paidA.status()).isEqualTo(ObligationStatus.PAID);
            assertThat(paidA.link()).isNull();
            assertThat(paidA.interestPaid()).isEqualTo(Money.of("1.25"));
            assertThat(paidA.principalPaid()).isEqualTo(Money.of("100.00"));

            Obligation reinstated = h.stored(b);
            assertThat(reinstated.status()).isEqualTo(ObligationStatus.PENDING);
            assertThat(reinstated.link()).isNull();
            assertThat(reinstated.interestPaid()).isEqualTo(Money.of("4.60"));
            assertThat(reinstated.principalPaid()).isEqualTo(Money.of("333.20"));
            assertThat(reinstated.principalBalance()).isEqualTo(remainders.get(1).principal());
            assertThat(reinstated.history().movements()).containsExactly(new PrincipalMovement(SIGNED,
                    Money.of("333.20"), PrincipalMovement.Kind.AGREEMENT, id.toString()));
            // Installment 1 paid the financing interest of 03-11..04-10 on B's principal: no arrears on those days.
            assertThat(reinstated.history().exemptions()).containsExactly(new ArrearsExemption(
                    LocalDate.of(2026, 3, 11), LocalDate.of(2026, 4, 10), Money.of("666.80"), id));
            // Arrears run again from the original due date: on 1000.00 for 14 days (02-25..03-10), on nothing
            // 03-11..04-10 (exempt), on 666.80 for 62 days (04-11..06-11):
            // (1000 × 14 + 666.80 × 62) × 0.12 / 365 = 55341.60 × 0.12 / 365 = 18.19, less the 4.60 paid = 13.59.
            assertThat(reinstated.interestAsOf(LocalDate.of(2026, 6, 11), h.rates.table()))
                    .isEqualTo(Money.of("13.59"));

            // The view shows what went back, and a new agreement over B is possible.
            AgreementView view = h.service.get(STAFF, id);
            assertThat(view.reinstated()).isEqualTo(remainders);
            assertThat(h.subscribe(3).agreement().covered()).singleElement()
                    .satisfies(c -> assertThat(c.obligationId()).isEqualTo(b.id()));
        }

        @Test
        void the_default_is_audited_once_with_what_was_reinstated_and_a_second_run_changes_nothing() {
            activeWithInstallmentOnePaid();
            runOn(LocalDate.of(2026, 6, 11));
            Agreement once = h.agreement(id);
            List<AuditLog.Entry> audited = h.audit.entries();

            Result again = checks.run(STAFF, LocalDate.of(2026, 6, 11));

            assertThat(again.defaulted()).isEmpty();
            assertThat(h.agreement(id).version()).isEqualTo(once.version());
            assertThat(h.audit.entries()).isEqualTo(audited);
            assertThat(h.entries("AGREEMENT_DEFAULTED")).singleElement().satisfies(e -> {
                assertThat(e.entityId()).isEqualTo(id.toString());
                assertThat(e.details()).isEqualTo(Map.of("date", "2026-06-11",
                        "principalPaidThroughInstallments", "328.46",
                        "reinstated", Map.of(a.id().toString(), "0.00", b.id().toString(), "666.80")));
            });
        }

        @Test
        void installments_one_and_three_missed_with_two_paid_are_not_consecutive() {
            a = h.obligationA();
            b = h.obligationB();
            id = h.subscribe(3).agreement().id();
            h.pay(h.agreement(id).downPaymentVoucher().reference());
            h.clock.setDay(LocalDate.of(2026, 4, 20));
            h.pay(h.voucherFor(h.installment(id, 2)).voucher().reference().value());
            Agreement before = h.agreement(id);

            // 06-11: installments 1 and 3 are overdue, so it is a candidate of the query; the domain says no.
            Result result = runOn(LocalDate.of(2026, 6, 11));

            assertThat(result.defaulted()).isEmpty();
            assertThat(result.deferred()).isEmpty();
            assertThat(h.agreement(id).version()).isEqualTo(before.version());
            assertThat(h.actions()).doesNotContain("AGREEMENT_DEFAULTED");
        }
    }

    // -------------------------------------------------------------------------------------------------- deferral

    @Nested
    class DeferringTheDefault {

        private Obligation b;
        private UUID id;
        private String reference;

        /**
         * The example active from 03-10; on 05-08 the debtor takes a voucher for the overdue installment 1: it
         * expires 05-15, and a bank may post a payment of that day until 05-16.
         */
        private void aVoucherHoldsInstallmentOne() {
            h.obligationA();
            b = h.obligationB();
            id = h.subscribe(3).agreement().id();
            h.pay(h.agreement(id).downPaymentVoucher().reference());
            h.clock.setDay(LocalDate.of(2026, 5, 8));
            Voucher voucher = h.voucherFor(h.installment(id, 1)).voucher();
            assertThat(voucher.expiresOn()).isEqualTo(LocalDate.of(2026, 5, 15));
            reference = voucher.reference().value();
        }

        @Test
        void while_the_voucher_may_be_paid_the_default_waits_and_nothing_changes() {
            aVoucherHoldsInstallmentOne();
            Agreement before = h.agreement(id);
            List<Obligation> installments = h.agreements.installmentsOf(id);

            // 05-11: installments 1 (04-10) and 2 (05-10) are overdue: in default, but deferred.
            Result result = runOn(LocalDate.of(2026, 5, 11));

            assertThat(result.deferred()).containsExactly(id);
            assertThat(result.defaulted()).isEmpty();
            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(h.agreement(id).version()).isEqualTo(before.version());
            assertThat(h.agreements.installmentsOf(id)).extracting(Obligation::status, Obligation::version)
                    .containsExactlyElementsOf(installments.stream().map(o -> tuple(o.status(), o.version()))
                            .toList());
            assertThat(h.entries("AGREEMENT_DEFAULT_DEFERRED")).singleElement().satisfies(e -> {
                assertThat(e.entityId()).isEqualTo(id.toString());
                assertThat(e.details()).isEqualTo(Map.of("date", "2026-05-11", "protectedThrough", "2026-05-16"));
            });
            // In default, its installments go on no new voucher.
            assertThatThrownBy(() -> h.voucherFor(h.installment(id, 2)))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-in-default"));
        }

        @Test
        void it_still_waits_on_the_grace_day_and_defaults_the_day_after() {
            aVoucherHoldsInstallmentOne();
            runOn(LocalDate.of(2026, 5, 11));

            assertThat(runOn(LocalDate.of(2026, 5, 16)).deferred()).containsExactly(id);
            Result result = runOn(LocalDate.of(2026, 5, 17));

            assertThat(result.defaulted()).containsExactly(id);
            assertThat(result.deferred()).isEmpty();
            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.DEFAULTED);
            assertThat(h.agreements.installmentsOf(id).subList(1, 4)).extracting(Obligation::status)
                    .containsOnly(ObligationStatus.CANCELLED);
            // No installment was paid: B gets back all that the down payment did not pay, 995.26, the financed
            // amount; its arrears: (1000 × 14 + 995.26 × 68) × 0.12 / 365 = 26.85, less the 4.60 paid = 22.25.
            Obligation reinstated = h.stored(b);
            assertThat(reinstated.principalBalance()).isEqualTo(FINANCED);
            assertThat(reinstated.history().exemptions()).isEmpty();
            assertThat(reinstated.interestAsOf(LocalDate.of(2026, 5, 17), h.rates.table()))
                    .isEqualTo(Money.of("22.25"));
            // The voucher of installment 1 can no longer be paid.
            Voucher voucher = h.vouchers.get(reference);
            assertThat(voucher.isSuperseded()).isTrue();
            assertThat(voucher.statusOn(LocalDate.of(2026, 5, 17))).isEqualTo(VoucherStatus.EXPIRED);
            assertThat(h.actions()).containsSubsequence("AGREEMENT_DEFAULT_DEFERRED", "AGREEMENT_DEFAULT_DEFERRED",
                    "AGREEMENT_DEFAULTED");
        }

        @Test
        void a_late_posting_of_the_voucher_applies_and_ends_the_run_of_missed_installments() {
            aVoucherHoldsInstallmentOne();
            runOn(LocalDate.of(2026, 5, 11));

            // 05-16: a payment made on the voucher's last day arrives late; it counts for its business date.
            h.clock.setDay(LocalDate.of(2026, 5, 16));
            h.pay(reference, LocalDate.of(2026, 5, 15));
            Result result = runOn(LocalDate.of(2026, 5, 17));

            assertThat(result.defaulted()).isEmpty();
            assertThat(result.deferred()).isEmpty();
            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(h.installment(id, 1).status()).isEqualTo(ObligationStatus.PAID);
        }
    }

    // ---------------------------------------------------------------------------------------------------- running

    @Nested
    class Running {

        @Test
        void staff_cannot_run_it_for_a_day_that_has_not_come_in_guayaquil() {
            h.obligationA();
            UUID id = h.subscribe(3).agreement().id();
            // 2026-03-20T02:00Z is still 03-19 (21:00) in Guayaquil: 03-20 has not come.
            h.clock.set(Instant.parse("2026-03-20T02:00:00Z"));

            assertThatThrownBy(() -> checks.run(STAFF, LocalDate.of(2026, 3, 20)))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("check-date-in-future"));
            assertThat(h.transactions.begun()).isZero();
            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);

            assertThat(checks.run(STAFF, LocalDate.of(2026, 3, 19)).lapsed()).containsExactly(id);
        }

        @Test
        void only_staff_run_it() {
            assertThatThrownBy(() -> checks.run(EMPLOYER, SIGNED)).isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> checks.run(AgreementsHarness.BANK, SIGNED))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(h.transactions.begun()).isZero();
        }

        @Test
        void the_daily_job_runs_it_as_the_scheduler_under_a_correlation_id_of_the_date() {
            h.obligationA();
            UUID id = h.subscribe(3).agreement().id();
            h.clock.setDay(LocalDate.of(2026, 3, 19));

            Result result = checks.runScheduled(LocalDate.of(2026, 3, 19));

            assertThat(result.lapsed()).containsExactly(id);
            assertThat(h.entries("AGREEMENT_LAPSED")).singleElement().satisfies(e -> {
                assertThat(e.actor()).isEqualTo("scheduler");
                assertThat(e.correlationId()).isEqualTo("agreement-checks-2026-03-19");
                assertThat(e.at()).isEqualTo(h.clock.instant());
            });
        }

        @Test
        void with_nothing_to_check_it_reads_the_candidates_and_changes_nothing() {
            h.activeExample();
            List<AuditLog.Entry> before = h.audit.entries();

            Result result = runOn(LocalDate.of(2026, 4, 1));

            assertThat(result).isEqualTo(new Result(LocalDate.of(2026, 4, 1), List.of(), List.of(), List.of()));
            // One read of lapse candidates (none), one of default candidates (none): no batch.
            assertThat(h.transactions.begun()).isEqualTo(2);
            assertThat(h.audit.entries()).isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------------------------------------------- batches

    @Nested
    class InBatches {

        private final Random random = new Random(7);
        /** The agreements port as the check sees it, recording each batch it locks and in which transaction. */
        private final RecordingAgreements recording = new RecordingAgreements(h.agreements, h.transactions);
        private final AgreementChecksService batched = new AgreementChecksService(recording, h.obligations, h.ledger,
                h.transactions, h.terms, h.voucherRules, h.clock);

        @Test
        void more_lapse_candidates_than_a_batch_are_all_lapsed_each_batch_in_its_own_transaction() {
            int count = AgreementChecksService.BATCH + 1;
            List<Agreement> seeded = new ArrayList<>();
            for (DebtorId debtor : companies(count)) {
                seeded.add(seedAwaitingDownPayment(debtor));
            }

            Result result = batched.runScheduled(LocalDate.of(2026, 3, 19));

            assertThat(result.lapsed()).hasSize(count)
                    .containsExactlyInAnyOrderElementsOf(seeded.stream().map(Agreement::id).toList());
            assertThat(h.agreements.all()).extracting(Agreement::status).containsOnly(AgreementStatus.LAPSED);
            assertThat(h.obligations.all()).filteredOn(o -> o.type() == ObligationType.FINE)
                    .hasSize(count).allSatisfy(o -> assertThat(o.link()).isNull());
            assertThat(h.entries("AGREEMENT_LAPSED")).hasSize(count);
            // Transactions: 1 read of 500 candidates, 2 their batch; 3 read of the last one, 4 its batch; 5 read
            // of none; 6 the read of default candidates (none).
            assertThat(recording.batches).containsExactly(new Batch(2, 500), new Batch(4, 1));
            assertThat(h.transactions.begun()).isEqualTo(6);
        }

        @Test
        void more_default_candidates_than_a_batch_are_all_defaulted_each_batch_in_its_own_transaction() {
            int count = AgreementChecksService.BATCH + 1;
            List<Agreement> seeded = new ArrayList<>();
            for (DebtorId debtor : companies(count)) {
                seeded.add(seedActiveSinceSigning(debtor));
            }

            // 05-11: both installments (04-10 and 05-10) of each are overdue.
            Result result = batched.runScheduled(LocalDate.of(2026, 5, 11));

            assertThat(result.defaulted()).hasSize(count)
                    .containsExactlyInAnyOrderElementsOf(seeded.stream().map(Agreement::id).toList());
            assertThat(h.agreements.all()).extracting(Agreement::status).containsOnly(AgreementStatus.DEFAULTED);
            assertThat(h.entries("AGREEMENT_DEFAULTED")).hasSize(count);
            // Transactions: 1 read of lapse candidates (none), 2 the one read of default candidates, 3 and 4 the
            // two batches.
            assertThat(recording.batches).containsExactly(new Batch(3, 500), new Batch(4, 1));
            assertThat(h.transactions.begun()).isEqualTo(4);
        }

        /** {@code count} distinct private-company RUCs: 179, six digits, the mod-11 check digit, 001. */
        private List<DebtorId> companies(int count) {
            int[] weights = {4, 3, 2, 7, 6, 5, 4, 3, 2};
            List<DebtorId> result = new ArrayList<>();
            for (int n = 100_000; result.size() < count; n++) {
                String nine = "179" + n;
                int sum = 0;
                for (int i = 0; i < 9; i++) {
                    sum += (nine.charAt(i) - '0') * weights[i];
                }
                int check = sum % 11 == 0 ? 0 : 11 - sum % 11;
                if (check < 10) {
                    result.add(DebtorId.parse(nine + check + "001"));
                }
            }
            return result;
        }

        /** A covered fine of 100.00 due 01-31, subscribed for 2 months on the signing day. */
        private Agreement.Subscription subscription(DebtorId debtor) {
            Obligation fine = Obligation.create(ObligationId.random(), new NewObligation(debtor, "Empresa",
                    ObligationType.FINE, null, Money.of("100.00"), LocalDate.of(2026, 1, 31), null, null, null),
                    SIGNING.minusSeconds(86_400));
            return Agreement.subscribe(UUID.randomUUID(), debtor, List.of(fine), 2, RATE, SIGNED, h.terms,
                    h.rates.table(), 1, STAFF.clientId(), SIGNING);
        }

        /** Awaiting its down payment, whose voucher expired on 03-17. */
        private Agreement seedAwaitingDownPayment(DebtorId debtor) {
            Agreement.Subscription s = subscription(debtor);
            Agreement a = s.agreement();
            Obligation downPayment = a.newDownPayment(ObligationId.random(), SIGNED, 7, SIGNING);
            String reference = VoucherReference.random(random).value();
            downPayment.holdFor(reference, SIGNED.plusDays(7), SIGNED, SIGNING);
            a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher(reference, a.downPayment(),
                    SIGNED.plusDays(7)), SIGNING);
            s.change().changed().forEach(h.obligations::seed);
            h.obligations.seed(downPayment);
            return h.agreements.seed(a);
        }

        /** Active since the signing day (its down payment paid then): installments due 04-10 and 05-10. */
        private Agreement seedActiveSinceSigning(DebtorId debtor) {
            Agreement.Subscription s = subscription(debtor);
            Agreement a = s.agreement();
            Obligation downPayment = a.newDownPayment(ObligationId.random(), SIGNED, 7, SIGNING);
            downPayment.applyPayment(Money.ZERO, downPayment.principal(), SIGNED, "seed", SIGNING);
            List<Obligation> all = new ArrayList<>(s.change().changed());
            all.add(downPayment);
            AgreementChange activation = a.onPaid(List.of(downPayment), AgreementObligations.of(a, all), SIGNED,
                    SIGNING);
            all.forEach(h.obligations::seed);
            activation.created().forEach(h.obligations::seed);
            return h.agreements.seed(a);
        }
    }

    /** One batch the check locked: in which transaction (by its number), and how many agreements. */
    private record Batch(int transaction, int size) {
    }

    /** Delegates to the in-memory agreements, recording each {@link #lockAll} (a batch) and its transaction. */
    private static final class RecordingAgreements implements Agreements {

        private final Agreements delegate;
        private final DirectTransactions transactions;
        final List<Batch> batches = new ArrayList<>();

        RecordingAgreements(Agreements delegate,
                            DirectTransactions transactions) {
            this.delegate = delegate;
            this.transactions = transactions;
        }

        @Override
        public List<Agreement> lockAll(Collection<UUID> ids) {
            List<Agreement> locked = delegate.lockAll(ids);
            batches.add(new Batch(transactions.begun(), locked.size()));
            return locked;
        }

        @Override
        public void add(Agreement agreement) {
            delegate.add(agreement);
        }

        @Override
        public Optional<Agreement> find(UUID id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Agreement> lock(UUID id) {
            return delegate.lock(id);
        }

        @Override
        public void updateAll(List<Agreement> agreements) {
            delegate.updateAll(agreements);
        }

        @Override
        public List<Agreement> ofDebtor(DebtorId debtor) {
            return delegate.ofDebtor(debtor);
        }

        @Override
        public Optional<Agreement> openOf(DebtorId debtor) {
            return delegate.openOf(debtor);
        }

        @Override
        public List<UUID> defaultCandidates(LocalDate date, int missed) {
            return delegate.defaultCandidates(date, missed);
        }

        @Override
        public List<UUID> lapseCandidates(LocalDate day, UUID after, int limit) {
            return delegate.lapseCandidates(day, after, limit);
        }

        @Override
        public List<UUID> ofInstallments(Collection<ObligationId> obligationIds) {
            return delegate.ofInstallments(obligationIds);
        }
    }
}
