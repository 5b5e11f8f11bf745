package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.AgreementsHarness.BANK;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.COMPANY;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.DOWN_PAYMENT;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.INSTALLMENT;
import static ec.gob.iess.recauda.application.service.AgreementsHarness.SIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.AgreementsHarness.Paid;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link AgreementLedger}: what a payment, or its reversal, does to the agreements whose installments or down payment
 * it paid, saved in the payment's own unit of work. The payments are made as the channel makes them
 * ({@link AgreementsHarness#pay}): lock the voucher, its agreements, its obligations; apply; save; then the ledger.
 */
class AgreementLedgerTest {

    private final AgreementsHarness h = new AgreementsHarness();

    private Obligation a;
    private Obligation b;

    /** The example subscribed on the signing day, awaiting its down payment; its id. */
    private UUID subscribed() {
        a = h.obligationA();
        b = h.obligationB();
        return h.subscribe(3).agreement().id();
    }

    /** The example made ACTIVE on the signing day (as {@link AgreementsHarness#activeExample}), keeping A and B. */
    private Agreement active() {
        UUID id = subscribed();
        h.pay(downPaymentReference(id));
        return h.agreement(id);
    }

    private String downPaymentReference(UUID id) {
        return h.agreement(id).downPaymentVoucher().reference();
    }

    /** Issues a voucher for installment {@code number} today and pays it today. */
    private Paid payInstallment(UUID id, int number) {
        return h.pay(h.voucherFor(h.installment(id, number)).voucher().reference().value());
    }

    private AuditLog.Entry lastAudit() {
        List<AuditLog.Entry> entries = h.audit.entries();
        return entries.get(entries.size() - 1);
    }

    @Test
    void a_voucher_without_agreement_installments_locks_no_agreement() {
        Obligation fine = h.fine(COMPANY, "40.00", LocalDate.of(2026, 3, 1));
        Voucher voucher = h.voucherFor(fine).voucher();

        assertThat(h.ledger.lockFor(voucher)).isEmpty();
        h.pay(voucher.reference().value());
        assertThat(h.stored(fine).status()).isEqualTo(ObligationStatus.PAID);
        assertThat(h.actions()).containsExactly("VOUCHER_ISSUED");
    }

    @Test
    void the_down_payment_voucher_locks_its_agreement() {
        UUID id = subscribed();
        Voucher voucher = h.vouchers.get(downPaymentReference(id));

        assertThat(h.ledger.lockFor(voucher)).extracting(Agreement::id).containsExactly(id);
    }

    @Nested
    class PayingTheDownPayment {

        @Test
        void activates_the_agreement_from_the_business_date_of_the_payment() {
            UUID id = subscribed();
            h.clock.setDay(LocalDate.of(2026, 3, 12));

            h.pay(downPaymentReference(id));

            Agreement active = h.agreement(id);
            assertThat(active.status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(active.activatedOn()).isEqualTo(LocalDate.of(2026, 3, 12));
            // The schedule is dated again from the activation day; its amounts do not change.
            assertThat(active.schedule()).extracting(ScheduledInstallment::dueDate).containsExactly(
                    LocalDate.of(2026, 4, 12), LocalDate.of(2026, 5, 12), LocalDate.of(2026, 6, 12));
            assertThat(active.version()).isEqualTo(2);
            assertThat(h.installment(id, 0).status()).isEqualTo(ObligationStatus.PAID);
            assertThat(h.installment(id, 0).principalPaid()).isEqualTo(DOWN_PAYMENT);
        }

        @Test
        void creates_the_installments_with_the_schedules_amounts_due_monthly() {
            UUID id = subscribed();
            h.clock.setDay(LocalDate.of(2026, 3, 12));

            h.pay(downPaymentReference(id));

            // 995.26 at 1 % a month in 3: 338.41 each (see AgreementsHarness).
            List<Obligation> installments = h.agreements.installmentsOf(id).subList(1, 4);
            assertThat(installments).extracting(o -> o.installment().number(), Obligation::principal,
                            Obligation::dueDate, Obligation::status, Obligation::type)
                    .containsExactly(
                            tuple(1, INSTALLMENT, LocalDate.of(2026, 4, 12), ObligationStatus.PENDING,
                                    ObligationType.AGREEMENT_INSTALLMENT),
                            tuple(2, INSTALLMENT, LocalDate.of(2026, 5, 12), ObligationStatus.PENDING,
                                    ObligationType.AGREEMENT_INSTALLMENT),
                            tuple(3, INSTALLMENT, LocalDate.of(2026, 6, 12), ObligationStatus.PENDING,
                                    ObligationType.AGREEMENT_INSTALLMENT));
            Agreement active = h.agreement(id);
            assertThat(installments).extracting(Obligation::principal).containsExactlyElementsOf(
                    active.schedule().stream().map(ScheduledInstallment::installment).toList());
            assertThat(installments).allSatisfy(o -> {
                assertThat(o.debtorId()).isEqualTo(COMPANY);
                assertThat(o.hold()).isNull();
                assertThat(o.version()).isZero();
            });
        }

        @Test
        void puts_the_covered_obligations_in_the_agreement_where_their_arrears_stop() {
            UUID id = subscribed();

            h.pay(downPaymentReference(id));

            for (Obligation o : List.of(h.stored(a), h.stored(b))) {
                assertThat(o.status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
                assertThat(o.coveringAgreement()).isEqualTo(id);
                assertThat(o.principalPaid()).isEqualTo(Money.ZERO);
                assertThat(o.interestAsOf(LocalDate.of(2026, 12, 31), h.rates.table())).isEqualTo(Money.ZERO);
            }
        }

        @Test
        void is_audited_once_as_activated_by_the_channel() {
            UUID id = subscribed();
            int before = h.audit.entries().size();
            h.clock.setDay(LocalDate.of(2026, 3, 12));

            h.pay(downPaymentReference(id));

            assertThat(h.audit.entries()).hasSize(before + 1);
            AuditLog.Entry activated = lastAudit();
            assertThat(activated.action()).isEqualTo("AGREEMENT_ACTIVATED");
            assertThat(activated.entityType()).isEqualTo("AGREEMENT");
            assertThat(activated.entityId()).isEqualTo(id.toString());
            assertThat(activated.actor()).isEqualTo(BANK.clientId());
            assertThat(activated.correlationId()).isEqualTo(BANK.correlationId());
            assertThat(activated.at()).isEqualTo(h.clock.instant());
            assertThat(activated.details()).isEqualTo(Map.of("activatedOn", "2026-03-12"));
        }
    }

    @Nested
    class PayingInstallments {

        @Test
        void an_installment_that_is_not_the_last_changes_nothing_of_the_agreement() {
            Agreement active = active();
            List<String> before = h.actions();

            payInstallment(active.id(), 1);

            assertThat(h.installment(active.id(), 1).status()).isEqualTo(ObligationStatus.PAID);
            assertThat(h.agreement(active.id()).status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(h.agreement(active.id()).version()).isEqualTo(active.version());
            assertThat(h.actions()).hasSize(before.size() + 1).last().isEqualTo("VOUCHER_ISSUED");
        }

        @Test
        void the_last_installment_completes_it_and_settles_the_covered_obligations_as_of_the_signing_day() {
            Agreement active = active();
            h.clock.setDay(LocalDate.of(2026, 4, 10));
            payInstallment(active.id(), 1);
            h.clock.setDay(LocalDate.of(2026, 5, 10));
            payInstallment(active.id(), 2);
            h.clock.setDay(LocalDate.of(2026, 6, 10));

            payInstallment(active.id(), 3);

            Agreement completed = h.agreement(active.id());
            assertThat(completed.status()).isEqualTo(AgreementStatus.COMPLETED);
            assertThat(completed.closedOn()).isEqualTo(LocalDate.of(2026, 6, 10));
            assertThat(h.agreements.installmentsOf(active.id())).extracting(Obligation::status)
                    .containsOnly(ObligationStatus.PAID);
            // Each receives its whole debt of the signing day, interest first: A 1.25 + 100.00, B 4.60 + 1000.00,
            // a principal movement dated the signing day (not the day of completion) naming the agreement.
            Obligation settledA = h.stored(a);
            assertThat(settledA.status()).isEqualTo(ObligationStatus.PAID);
            assertThat(settledA.link()).isNull();
            assertThat(settledA.interestPaid()).isEqualTo(Money.of("1.25"));
            assertThat(settledA.principalPaid()).isEqualTo(Money.of("100.00"));
            assertThat(settledA.history().movements()).containsExactly(new PrincipalMovement(SIGNED,
                    Money.of("100.00"), PrincipalMovement.Kind.AGREEMENT, active.id().toString()));
            Obligation settledB = h.stored(b);
            assertThat(settledB.status()).isEqualTo(ObligationStatus.PAID);
            assertThat(settledB.interestPaid()).isEqualTo(Money.of("4.60"));
            assertThat(settledB.principalPaid()).isEqualTo(Money.of("1000.00"));
            assertThat(settledB.history().movements()).containsExactly(new PrincipalMovement(SIGNED,
                    Money.of("1000.00"), PrincipalMovement.Kind.AGREEMENT, active.id().toString()));

            assertThat(h.actions()).containsSubsequence("AGREEMENT_ACTIVATED", "VOUCHER_ISSUED", "VOUCHER_ISSUED",
                    "VOUCHER_ISSUED", "AGREEMENT_COMPLETED");
            assertThat(h.entries("AGREEMENT_COMPLETED")).singleElement()
                    .satisfies(e -> assertThat(e.details()).isEqualTo(Map.of("completedOn", "2026-06-10")));
        }
    }

    @Nested
    class Reversing {

        @Test
        void the_down_payment_sends_the_agreement_back_to_waiting_for_it() {
            UUID id = subscribed();
            Paid downPayment = h.pay(downPaymentReference(id));
            List<ObligationId> firstInstallments = h.agreements.installmentsOf(id).subList(1, 4).stream()
                    .map(Obligation::id).toList();

            h.reverse(downPayment);

            Agreement back = h.agreement(id);
            assertThat(back.status()).isEqualTo(AgreementStatus.AWAITING_DOWN_PAYMENT);
            assertThat(back.activatedOn()).isNull();
            // Its installments are cancelled and detached: the next activation creates them afresh.
            for (ObligationId installment : firstInstallments) {
                Obligation o = h.obligation(installment);
                assertThat(o.status()).isEqualTo(ObligationStatus.CANCELLED);
                assertThat(o.installment()).isNull();
            }
            assertThat(h.agreements.installmentsOf(id)).extracting(o -> o.installment().number())
                    .containsExactly(0);
            // The covered obligations are PENDING again, still reserved for it; the down payment is payable again.
            for (Obligation o : List.of(h.stored(a), h.stored(b))) {
                assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
                assertThat(o.coveringAgreement()).isEqualTo(id);
            }
            assertThat(h.installment(id, 0).status()).isEqualTo(ObligationStatus.PENDING);
            Voucher voucher = h.vouchers.get(downPaymentReference(id));
            assertThat(voucher.statusOn(SIGNED)).isEqualTo(VoucherStatus.ISSUED);
            assertThat(lastAudit().action()).isEqualTo("AGREEMENT_DEACTIVATED");
            assertThat(lastAudit().actor()).isEqualTo(BANK.clientId());

            h.pay(downPaymentReference(id));

            assertThat(h.agreement(id).status()).isEqualTo(AgreementStatus.ACTIVE);
            List<Obligation> again = h.agreements.installmentsOf(id).subList(1, 4);
            assertThat(again).extracting(Obligation::status).containsOnly(ObligationStatus.PENDING);
            assertThat(again).extracting(Obligation::id).doesNotContainAnyElementsOf(firstInstallments);
        }

        @Test
        void the_down_payment_after_an_installment_was_paid_is_refused() {
            UUID id = subscribed();
            Paid downPayment = h.pay(downPaymentReference(id));
            payInstallment(id, 1);

            // The channel's transaction rolls back on this refusal; the fakes have no rollback, so only the
            // refusal is asserted here (AgreementsHttpTest checks that nothing changed).
            assertThatThrownBy(() -> h.reverse(downPayment))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("agreement-installments-paid"));
        }

        @Test
        void the_payment_that_completed_it_reopens_it() {
            Agreement active = active();
            payInstallment(active.id(), 1);
            payInstallment(active.id(), 2);
            Paid last = payInstallment(active.id(), 3);

            h.reverse(last);

            Agreement reopened = h.agreement(active.id());
            assertThat(reopened.status()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(reopened.closedOn()).isNull();
            assertThat(h.installment(active.id(), 3).status()).isEqualTo(ObligationStatus.PENDING);
            for (Obligation o : List.of(h.stored(a), h.stored(b))) {
                assertThat(o.status()).isEqualTo(ObligationStatus.IN_AGREEMENT);
                assertThat(o.coveringAgreement()).isEqualTo(active.id());
                assertThat(o.principalPaid()).isEqualTo(Money.ZERO);
                assertThat(o.interestPaid()).isEqualTo(Money.ZERO);
            }
            assertThat(h.actions()).endsWith("AGREEMENT_COMPLETED", "AGREEMENT_REOPENED");
        }
    }
}
