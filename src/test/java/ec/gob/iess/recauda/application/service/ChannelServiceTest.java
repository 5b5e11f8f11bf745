package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.ChannelWiring.ENTITY;
import static ec.gob.iess.recauda.application.service.ChannelWiring.MONDAY;
import static ec.gob.iess.recauda.application.service.ChannelWiring.MONDAY_10AM;
import static ec.gob.iess.recauda.application.service.ChannelWiring.at;
import static ec.gob.iess.recauda.application.service.ChannelWiring.money;
import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.COMPANY;
import static ec.gob.iess.recauda.application.service.Fixtures.OTHER_DEBTOR;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase.DayListing;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase.DayPage;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase.PostPayment;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase.Posted;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.DayTotals;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.payment.Reconciliation;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DomainException;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The partner-bank channel over in-memory fakes: query, pay, reverse and reconcile, each scoped to the caller's
 * entity (BP-0010, cut-off 17:00). It is Monday 2024-06-10, 10:00 in Guayaquil, and the arrears rate is 0.0003 a day
 * (0.1095 / 365), so every amount below is computed by hand in a comment.
 */
class ChannelServiceTest {

    private final ChannelWiring w = new ChannelWiring();
    private final ChannelService channel = w.channel;

    private static final PageRequest FIRST_PAGE = new PageRequest(0, PageRequest.DEFAULT_SIZE);

    private static PostPayment payment(String transaction, VoucherView voucher, String localPaidAt) {
        return new PostPayment(transaction, voucher.voucher().reference(), voucher.voucher().amount(),
                at(localPaidAt));
    }

    /** The refusal a call ends with; fails when it returns normally or throws something else. */
    private static DomainException refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(DomainException.class);
        return (DomainException) thrown;
    }

    private static void assertRefused(ThrowingCallable call, Class<? extends DomainException> type, String kind) {
        DomainException e = refusal(call);
        assertThat(e).isInstanceOf(type);
        assertThat(e.kind()).isEqualTo(kind);
    }

    private Voucher storedVoucher(VoucherView v) {
        return w.vouchers.find(v.voucher().reference()).orElseThrow();
    }

    @Nested
    class QueryingByDebtor {

        @Test
        void a_query_issues_one_voucher_over_what_the_debtor_can_pay_now_and_lists_the_unexpired_ones() {
            UUID agreement = UUID.randomUUID();
            Obligation overdue = w.fine("1000.00", "2024-05-31");
            Obligation held = w.fine("70.00", "2024-05-15");
            VoucherView existing = w.voucherFor(held);
            Obligation covered = w.fine("400.00", "2024-04-30");
            covered.reserveFor(agreement, MONDAY, 1, MONDAY_10AM);
            w.obligations.seed(covered);
            Obligation downPayment = w.obligations.seed(Obligation.installment(ObligationId.random(), COMPANY,
                    "Comercial Andina S.A.", new InstallmentOf(agreement, 0), money("120.00"),
                    money("0.00"), LocalDate.of(2024, 6, 17), "Cuota inicial", MONDAY_10AM));
            // Installments of an agreement are offered when due within a month: 2024-07-05 is, 2024-08-05 is not.
            Obligation dueSoon = w.obligations.seed(Obligation.installment(ObligationId.random(), COMPANY,
                    "Comercial Andina S.A.", new InstallmentOf(agreement, 1), money("150.00"),
                    money("1.50"), LocalDate.of(2024, 7, 5), "Cuota 1", MONDAY_10AM));
            Obligation dueLater = w.obligations.seed(Obligation.installment(ObligationId.random(), COMPANY,
                    "Comercial Andina S.A.", new InstallmentOf(agreement, 2), money("150.00"),
                    money("0.75"), LocalDate.of(2024, 8, 5), "Cuota 2", MONDAY_10AM));
            Obligation paid = w.fine("50.00", "2024-05-31");
            paid.applyPayment(money("0.00"), money("50.00"), MONDAY.minusDays(3), "earlier", MONDAY_10AM);
            w.obligations.seed(paid);
            Obligation cancelled = w.fine("60.00", "2024-05-31");
            cancelled.cancel("registrada dos veces", MONDAY, 1, MONDAY_10AM);
            w.obligations.seed(cancelled);
            Obligation someoneElses = w.obligation(OTHER_DEBTOR, ObligationType.FINE, "80.00", "2024-05-31");

            List<VoucherView> payable = channel.payablesByDebtor(BANK, COMPANY);

            assertThat(payable).hasSize(2);
            assertThat(payable.get(0).voucher().reference()).isEqualTo(existing.voucher().reference());
            assertThat(payable).extracting(VoucherView::status).containsOnly(VoucherStatus.ISSUED);
            Voucher fresh = payable.get(1).voucher();
            // Expires 2024-06-17 (7 days; the installment due 2024-07-05 is not due before then). The fine accrues
            // 17 days × 1000.00 × 0.0003 = 5.10; the installment is not overdue on 2024-06-17: 0.00.
            // 1000.00 + 5.10 + 150.00 = 1155.10.
            assertThat(fresh.issuedOn()).isEqualTo(MONDAY);
            assertThat(fresh.expiresOn()).isEqualTo(LocalDate.of(2024, 6, 17));
            assertThat(fresh.lines()).extracting(VoucherLine::obligationId)
                    .containsExactly(overdue.id(), dueSoon.id());
            assertThat(fresh.lines()).extracting(VoucherLine::interest)
                    .containsExactly(money("5.10"), money("0.00"));
            assertThat(fresh.amount()).isEqualTo(money("1155.10"));
            assertThat(fresh.issuedBy()).isEqualTo(BANK.clientId());

            assertThat(w.vouchers.size()).isEqualTo(2);
            assertThat(w.vouchers.find(fresh.reference())).isPresent();
            for (Obligation taken : List.of(overdue, dueSoon)) {
                assertThat(w.stored(taken).heldBy()).isEqualTo(fresh.reference().value());
                assertThat(w.stored(taken).heldUntil()).isEqualTo(LocalDate.of(2024, 6, 17));
                assertThat(w.stored(taken).version()).isEqualTo(1);
            }
            assertThat(w.stored(held).heldBy()).isEqualTo(existing.voucher().reference().value());
            for (Obligation left : List.of(covered, downPayment, dueLater, paid, cancelled, someoneElses)) {
                assertThat(w.stored(left).heldBy()).isNull();
                assertThat(w.stored(left).version()).isZero();
            }

            AuditLog.Entry issued = w.audited("VOUCHER_ISSUED").get(1);
            assertThat(issued.actor()).isEqualTo(BANK.clientId());
            assertThat(issued.correlationId()).isEqualTo(BANK.correlationId());
            assertThat(issued.at()).isEqualTo(MONDAY_10AM);
            assertThat(issued.entityType()).isEqualTo("VOUCHER");
            assertThat(issued.entityId()).isEqualTo(fresh.reference().value());
            assertThat(issued.details()).isEqualTo(Map.of("debtorId", COMPANY.value(), "amount", "1155.10",
                    "expiresOn", "2024-06-17", "obligations", List.of(overdue.id().toString(),
                            dueSoon.id().toString())));
        }

        @Test
        void a_second_query_finds_the_first_voucher_instead_of_issuing_another() {
            w.fine("20.00", "2024-04-30");
            w.fine("30.00", "2024-03-31");
            VoucherReference first = channel.payablesByDebtor(BANK, COMPANY).get(0).voucher().reference();

            List<VoucherView> again = channel.payablesByDebtor(BANK, COMPANY);

            assertThat(again).extracting(v -> v.voucher().reference()).containsExactly(first);
            assertThat(again.get(0).voucher().lines()).hasSize(2);
            assertThat(w.vouchers.size()).isEqualTo(1);
            assertThat(w.audited("VOUCHER_ISSUED")).hasSize(1);
        }

        @Test
        void a_debtor_with_nothing_to_pay_gets_an_empty_list_and_no_voucher() {
            w.obligation(OTHER_DEBTOR, ObligationType.FINE, "80.00", "2024-05-31");

            assertThat(channel.payablesByDebtor(BANK, COMPANY)).isEmpty();
            assertThat(w.vouchers.size()).isZero();
            assertThat(w.audit.entries()).isEmpty();
        }

        @Test
        void after_the_cutoff_on_its_last_day_a_voucher_is_expired_for_the_bank_and_a_fresh_one_is_offered() {
            Obligation fine = w.fine("1000.00", "2024-05-31");
            VoucherView old = w.voucherFor(fine); // expires 2024-06-17
            w.clock.set(at("2024-06-17T17:30")); // past the 17:00 cut-off: the bank's business date is the 18th

            List<VoucherView> payable = channel.payablesByDebtor(BANK, COMPANY);

            assertThat(payable).hasSize(1);
            Voucher fresh = payable.get(0).voucher();
            assertThat(fresh.reference()).isNotEqualTo(old.voucher().reference());
            // Issued on the business date 2024-06-18, expiring 2024-06-25: 25 days × 0.30 = 7.50 of interest.
            assertThat(fresh.issuedOn()).isEqualTo(LocalDate.of(2024, 6, 18));
            assertThat(fresh.expiresOn()).isEqualTo(LocalDate.of(2024, 6, 25));
            assertThat(fresh.amount()).isEqualTo(money("1007.50"));
            assertThat(w.stored(fine).heldBy()).isEqualTo(fresh.reference().value());
        }

        @Test
        void only_an_active_registered_entity_may_query() {
            w.fine("20.00", "2024-04-30");
            Caller unregistered = new Caller("ghost", Role.BANK, "GHOST", "c");

            assertRefused(() -> channel.payablesByDebtor(STAFF, COMPANY), ForbiddenException.class, "forbidden");
            assertRefused(() -> channel.payablesByDebtor(unregistered, COMPANY), ForbiddenException.class,
                    "forbidden");
            w.deactivate(ENTITY);
            assertRefused(() -> channel.payablesByDebtor(BANK, COMPANY), ForbiddenException.class, "forbidden");
            assertThat(w.vouchers.size()).isZero();
        }
    }

    @Nested
    class QueryingByReference {

        @Test
        void an_unexpired_voucher_is_answered_as_it_is() {
            VoucherView voucher = w.voucherFor(w.fine("100.00", "2024-05-31"));

            List<VoucherView> answer = channel.payablesByReference(BANK, voucher.voucher().reference());

            assertThat(answer).hasSize(1);
            assertThat(answer.get(0).status()).isEqualTo(VoucherStatus.ISSUED);
            // 100.00 + 17 days × 100.00 × 0.0003 = 0.51.
            assertThat(answer.get(0).voucher().amount()).isEqualTo(money("100.51"));
            assertThat(answer.get(0).voucher().debtorId()).isEqualTo(COMPANY);
        }

        @Test
        void an_unknown_reference_is_not_found() {
            assertRefused(() -> channel.payablesByReference(BANK, VoucherReference.parse("4852016937150404")),
                    NotFoundException.class, "voucher-not-found");
        }

        @Test
        void an_expired_voucher_is_refused_after_its_date_and_after_the_cutoff_of_its_last_day() {
            VoucherView voucher = w.voucherFor(w.fine("6.00", "2024-05-31")); // expires 2024-06-17
            VoucherReference reference = voucher.voucher().reference();

            w.clock.set(at("2024-06-17T16:59"));
            assertThat(channel.payablesByReference(BANK, reference)).hasSize(1);
            w.clock.set(at("2024-06-17T17:01"));
            assertRefused(() -> channel.payablesByReference(BANK, reference), BusinessRuleException.class,
                    "voucher-expired");
            w.clock.set(at("2024-06-18T10:00"));
            assertRefused(() -> channel.payablesByReference(BANK, reference), BusinessRuleException.class,
                    "voucher-expired");
        }

        @Test
        void a_cancelled_voucher_is_refused() {
            VoucherView voucher = w.voucherFor(w.fine("5.00", "2024-05-31"));
            w.voucherService.cancel(STAFF, voucher.voucher().reference());

            assertRefused(() -> channel.payablesByReference(BANK, voucher.voucher().reference()),
                    BusinessRuleException.class, "voucher-cancelled");
        }

        @Test
        void a_paid_voucher_is_a_conflict() {
            VoucherView voucher = w.voucherFor(w.fine("100.00", "2024-05-31"));
            channel.post(BANK, payment("T-1", voucher, "2024-06-10T09:00"));

            assertRefused(() -> channel.payablesByReference(BANK, voucher.voucher().reference()),
                    ConflictException.class, "already-paid");
        }

        @Test
        void an_inactive_entity_is_refused() {
            VoucherView voucher = w.voucherFor(w.fine("100.00", "2024-05-31"));
            w.deactivate(ENTITY);

            assertRefused(() -> channel.payablesByReference(BANK, voucher.voucher().reference()),
                    ForbiddenException.class, "forbidden");
        }
    }

    @Nested
    class Paying {

        /** Ids whose order is the reverse of the due dates, so an answer in id order would show. */
        private final ObligationId olderId = new ObligationId(UUID.fromString("f0000000-0000-4000-8000-000000000001"));
        private final ObligationId newerId = new ObligationId(UUID.fromString("10000000-0000-4000-8000-000000000002"));

        private VoucherView twoFines() {
            Obligation older = w.obligation(olderId, COMPANY, ObligationType.FINE, "1000.00", "2024-04-30");
            Obligation newer = w.obligation(newerId, COMPANY, ObligationType.GLOSA, "500.00", "2024-05-31");
            return w.voucherFor(newer, older);
        }

        @Test
        void a_payment_applies_interest_first_oldest_first_and_marks_voucher_and_obligations_paid() {
            VoucherView voucher = twoFines();
            // To 2024-06-17: the older accrues 48 days (31 in May, 17 in June) × 0.30 = 14.40; the newer 17 days ×
            // 500.00 × 0.0003 = 2.55. 1000.00 + 14.40 + 500.00 + 2.55 = 1516.95.
            assertThat(voucher.voucher().amount()).isEqualTo(money("1516.95"));

            Posted posted = channel.post(BANK, payment("PCH-0001", voucher, "2024-06-10T09:30"));

            Payment p = posted.payment();
            assertThat(posted.replayed()).isFalse();
            assertThat(p.status()).isEqualTo(PaymentStatus.APPLIED);
            assertThat(p.entityCode()).isEqualTo(ENTITY);
            assertThat(p.bankTransactionId()).isEqualTo("PCH-0001");
            assertThat(p.voucherReference()).isEqualTo(voucher.voucher().reference().value());
            assertThat(p.amount()).isEqualTo(money("1516.95"));
            assertThat(p.paidAt()).isEqualTo(at("2024-06-10T09:30"));
            assertThat(p.businessDate()).isEqualTo(MONDAY);
            assertThat(p.createdAt()).isEqualTo(MONDAY_10AM);
            assertThat(p.allocations()).containsExactly(
                    new Allocation(olderId, money("14.40"), money("1000.00")),
                    new Allocation(newerId, money("2.55"), money("500.00")));

            assertThat(w.payments.all()).singleElement().usingRecursiveComparison().isEqualTo(p);
            Obligation older = w.obligations.find(olderId).orElseThrow();
            assertThat(older.status()).isEqualTo(ObligationStatus.PAID);
            assertThat(older.principalPaid()).isEqualTo(money("1000.00"));
            assertThat(older.interestPaid()).isEqualTo(money("14.40"));
            assertThat(older.history().movements()).containsExactly(new PrincipalMovement(MONDAY,
                    money("1000.00"), PrincipalMovement.Kind.PAYMENT, p.id().toString()));
            assertThat(older.version()).isEqualTo(2); // held by the voucher, then paid
            Obligation newer = w.obligations.find(newerId).orElseThrow();
            assertThat(newer.status()).isEqualTo(ObligationStatus.PAID);
            assertThat(newer.principalPaid()).isEqualTo(money("500.00"));
            assertThat(newer.interestPaid()).isEqualTo(money("2.55"));
            Voucher stored = storedVoucher(voucher);
            assertThat(stored.storedStatus()).isEqualTo(VoucherStatus.PAID);
            assertThat(stored.updatedAt()).isEqualTo(MONDAY_10AM);
            assertThat(stored.version()).isEqualTo(1);

            AuditLog.Entry entry = w.audited("PAYMENT_APPLIED").get(0);
            assertThat(w.audited("PAYMENT_APPLIED")).hasSize(1);
            assertThat(entry.entityType()).isEqualTo("PAYMENT");
            assertThat(entry.entityId()).isEqualTo(p.id().toString());
            assertThat(entry.actor()).isEqualTo(BANK.clientId());
            assertThat(entry.correlationId()).isEqualTo(BANK.correlationId());
            assertThat(entry.details()).isEqualTo(Map.of("entityCode", ENTITY, "bankTransactionId", "PCH-0001",
                    "voucher", voucher.voucher().reference().value(), "amount", "1516.95",
                    "businessDate", "2024-06-10"));
            assertThat(w.transactions.begun()).isEqualTo(1);

            assertThat(channel.payment(BANK, p.id())).usingRecursiveComparison().isEqualTo(p);
            assertThat(channel.paymentByTransaction(BANK, "PCH-0001")).usingRecursiveComparison().isEqualTo(p);
        }

        @Test
        void a_payment_after_the_cutoff_belongs_to_the_next_business_date_and_so_do_its_movements() {
            Obligation first = w.fine("10.00", "2024-06-30");
            Obligation second = w.fine("20.00", "2024-06-30");
            VoucherView before = w.voucherFor(first);
            VoucherView after = w.voucherFor(second);
            w.clock.set(at("2024-06-10T18:00"));

            Payment onTime = channel.post(BANK, payment("CUT-1", before, "2024-06-10T17:00:00")).payment();
            Payment late = channel.post(BANK, payment("CUT-2", after, "2024-06-10T17:00:01")).payment();

            assertThat(onTime.businessDate()).isEqualTo(MONDAY);
            assertThat(late.businessDate()).isEqualTo(LocalDate.of(2024, 6, 11));
            assertThat(w.stored(first).history().movements()).extracting(PrincipalMovement::on)
                    .containsExactly(MONDAY);
            assertThat(w.stored(second).history().movements()).extracting(PrincipalMovement::on)
                    .containsExactly(LocalDate.of(2024, 6, 11));
            assertThat(channel.payments(BANK, MONDAY, FIRST_PAGE).page().items())
                    .extracting(PaymentOfDay::bankTransactionId).containsExactly("CUT-1");
            assertThat(channel.payments(BANK, LocalDate.of(2024, 6, 11), FIRST_PAGE).page().items())
                    .extracting(PaymentOfDay::bankTransactionId).containsExactly("CUT-2");
        }

        @Test
        void a_retry_with_the_same_transaction_id_and_request_replays_the_first_payment() {
            VoucherView voucher = twoFines();
            // Nanoseconds: the request keeps microseconds, as the database does, and the retry still matches.
            PostPayment request = new PostPayment("RETRY-1", voucher.voucher().reference(),
                    voucher.voucher().amount(), at("2024-06-10T09:00").plusNanos(123_456_789));
            Payment first = channel.post(BANK, request).payment();
            long versionAfterPaying = w.obligations.find(olderId).orElseThrow().version();

            Posted again = channel.post(BANK, new PostPayment("RETRY-1", voucher.voucher().reference(),
                    voucher.voucher().amount(), at("2024-06-10T09:00").plusNanos(123_456_789)));

            assertThat(again.replayed()).isTrue();
            assertThat(again.payment()).usingRecursiveComparison().isEqualTo(first);
            assertThat(w.payments.size()).isEqualTo(1);
            assertThat(w.audited("PAYMENT_APPLIED")).hasSize(1);
            assertThat(w.obligations.find(olderId).orElseThrow().version()).isEqualTo(versionAfterPaying);
        }

        @Test
        void a_retry_a_day_later_and_after_the_voucher_expired_still_replays() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));
            PostPayment request = payment("LATE-1", voucher, "2024-06-10T09:00");
            Payment first = channel.post(BANK, request).payment();

            w.clock.set(at("2024-06-11T10:00")); // 25 hours after paidAt
            assertThat(channel.post(BANK, request).payment().id()).isEqualTo(first.id());
            w.clock.set(at("2024-06-25T10:00"));
            assertThat(channel.post(BANK, request).replayed()).isTrue();
            assertThat(w.payments.size()).isEqualTo(1);
        }

        @Test
        void a_retry_that_changes_the_request_is_an_idempotency_mismatch_and_changes_nothing() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));
            VoucherView another = w.voucherFor(w.fine("60.00", "2024-06-30"));
            PostPayment request = payment("MISMATCH-1", voucher, "2024-06-10T09:00");
            channel.post(BANK, request);

            for (PostPayment changed : List.of(
                    new PostPayment("MISMATCH-1", request.reference(), request.amount(), at("2024-06-10T09:05")),
                    new PostPayment("MISMATCH-1", request.reference(), money("49.99"), request.paidAt()),
                    new PostPayment("MISMATCH-1", another.voucher().reference(), another.voucher().amount(),
                            request.paidAt()),
                    // Well formed, but no voucher has it: still a mismatch, not a 404.
                    new PostPayment("MISMATCH-1", VoucherReference.parse("4852016937150404"), request.amount(),
                            request.paidAt()))) {
                assertRefused(() -> channel.post(BANK, changed), ConflictException.class, "idempotency-mismatch");
            }

            assertThat(w.payments.size()).isEqualTo(1);
            assertThat(storedVoucher(another).storedStatus()).isEqualTo(VoucherStatus.ISSUED);
        }

        @Test
        void a_wrong_amount_is_refused_and_stores_nothing() {
            VoucherView voucher = twoFines();
            List<Obligation> before = w.obligations.all();

            assertRefused(() -> channel.post(BANK, new PostPayment("WRONG-1", voucher.voucher().reference(),
                    money("1500.00"), at("2024-06-10T09:00"))), BusinessRuleException.class, "amount-mismatch");

            assertThat(w.payments.size()).isZero();
            assertThat(storedVoucher(voucher).storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(storedVoucher(voucher).version()).isZero();
            assertThat(w.obligations.all()).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
            assertThat(w.audited("PAYMENT_APPLIED")).isEmpty();
        }

        @Test
        void a_payment_more_than_five_minutes_in_the_future_is_refused() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));

            assertRefused(() -> channel.post(BANK, new PostPayment("FUT-1", voucher.voucher().reference(),
                            voucher.voucher().amount(), MONDAY_10AM.plus(Duration.ofMinutes(5)).plusSeconds(1))),
                    BusinessRuleException.class, "paid-at-in-future");
            assertThat(w.payments.size()).isZero();

            // Exactly the allowed skew is accepted.
            assertThat(channel.post(BANK, new PostPayment("FUT-2", voucher.voucher().reference(),
                    voucher.voucher().amount(), MONDAY_10AM.plus(Duration.ofMinutes(5)))).replayed()).isFalse();
        }

        @Test
        void a_payment_more_than_a_day_old_is_refused() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));

            assertRefused(() -> channel.post(BANK, payment("OLD-1", voucher, "2024-06-09T09:59:59")),
                    BusinessRuleException.class, "paid-at-too-old");
            assertThat(w.payments.size()).isZero();

            assertThat(channel.post(BANK, payment("OLD-2", voucher, "2024-06-09T10:00")).payment().businessDate())
                    .isEqualTo(LocalDate.of(2024, 6, 9));
        }

        @Test
        void an_unknown_voucher_is_not_found() {
            assertRefused(() -> channel.post(BANK, new PostPayment("NONE-1",
                            VoucherReference.parse("4852016937150404"), money("10.00"), at("2024-06-10T09:00"))),
                    NotFoundException.class, "voucher-not-found");
        }

        @Test
        void a_paid_voucher_paid_again_with_another_transaction_id_is_already_paid_even_after_the_retry() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));
            channel.post(BANK, payment("PAID-1", voucher, "2024-06-10T09:00"));

            assertRefused(() -> channel.post(BANK, payment("PAID-2", voucher, "2024-06-10T09:01")),
                    ConflictException.class, "already-paid");

            // Lost a race, as far as the service can tell: it ran once more in a new transaction.
            assertThat(w.transactions.begun()).isEqualTo(1 + 2);
            assertThat(w.payments.size()).isEqualTo(1);
        }

        @Test
        void an_expired_voucher_is_refused() {
            VoucherView voucher = w.voucherFor(w.fine("7.00", "2024-05-31")); // expires 2024-06-17
            w.clock.set(at("2024-06-20T10:00"));

            assertRefused(() -> channel.post(BANK, payment("EXP-1", voucher, "2024-06-20T09:00")),
                    BusinessRuleException.class, "voucher-expired");
            assertThat(w.payments.size()).isZero();
        }

        @Test
        void a_voucher_superseded_by_a_newer_one_after_an_earlier_cutoff_cannot_be_paid_anywhere() {
            Obligation fine = w.fine("40.00", "2024-05-31");
            VoucherView old = w.voucherFor(fine); // expires 2024-06-17: 40.00 + 17 × 40.00 × 0.0003 = 40.20
            VoucherReference reference = old.voucher().reference();
            Caller later = w.registerEntity("LATE-BANK", "18:00");
            w.clock.set(at("2024-06-17T17:30")); // past BP-0010's cut-off (17:00), before LATE-BANK's (18:00)
            assertThat(channel.payablesByReference(later, reference)).hasSize(1);

            // For BP-0010 it is the 18th: the voucher has expired, and its obligation goes on a newer one.
            VoucherView newer = channel.payablesByDebtor(BANK, COMPANY).get(0);
            assertThat(newer.voucher().reference()).isNotEqualTo(reference);
            assertThat(w.stored(fine).heldBy()).isEqualTo(newer.voucher().reference().value());

            // The old voucher is superseded: expired at LATE-BANK too, by reference and for payment.
            assertThat(w.vouchers.find(reference).orElseThrow().isSuperseded()).isTrue();
            DomainException byReference = refusal(() -> channel.payablesByReference(later, reference));
            assertThat(byReference.kind()).isEqualTo("voucher-expired");
            assertThat(byReference.getMessage()).contains("superseded by a newer voucher");
            DomainException paying = refusal(() -> channel.post(later, payment("SUP-1", old, "2024-06-17T17:20")));
            assertThat(paying).isInstanceOf(BusinessRuleException.class);
            assertThat(paying.kind()).isEqualTo("voucher-expired");
            assertThat(paying.getMessage()).contains("superseded by a newer voucher");
            // Nor does an earlier paidAt help, whose business date at BP-0010 is still the voucher's last day.
            assertRefused(() -> channel.post(BANK, payment("SUP-2", old, "2024-06-17T16:00")),
                    BusinessRuleException.class, "voucher-expired");
            assertThat(channel.payablesByDebtor(later, COMPANY)).extracting(v -> v.voucher().reference())
                    .containsExactly(newer.voucher().reference());
            assertThat(w.payments.size()).isZero();
            assertThat(w.stored(fine).status()).isEqualTo(ObligationStatus.PENDING);

            // The newer voucher is what gets paid: 40.00 + 25 days × 40.00 × 0.0003 = 40.30.
            assertThat(newer.voucher().amount()).isEqualTo(money("40.30"));
            channel.post(later, payment("SUP-3", newer, "2024-06-17T17:25"));
            assertThat(w.stored(fine).status()).isEqualTo(ObligationStatus.PAID);
        }

        @Test
        void an_inactive_entity_is_refused_even_a_replay_and_nothing_is_stored() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));
            VoucherView unpaid = w.voucherFor(w.fine("20.00", "2024-06-30"));
            PostPayment posted = payment("INACTIVE-1", voucher, "2024-06-10T09:00");
            Payment payment = channel.post(BANK, posted).payment();
            int auditBefore = w.audit.entries().size();
            w.deactivate(ENTITY);

            List<ThrowingCallable> calls = List.of(
                    () -> channel.payablesByReference(BANK, unpaid.voucher().reference()),
                    () -> channel.payablesByDebtor(BANK, COMPANY),
                    () -> channel.post(BANK, payment("INACTIVE-2", unpaid, "2024-06-10T09:30")),
                    () -> channel.post(BANK, posted),
                    () -> channel.payment(BANK, payment.id()),
                    () -> channel.paymentByTransaction(BANK, "INACTIVE-1"),
                    () -> channel.reverse(BANK, payment.id(), "no"),
                    () -> channel.payments(BANK, MONDAY, FIRST_PAGE),
                    () -> channel.allPayments(BANK, MONDAY),
                    () -> channel.reconcile(BANK, MONDAY, List.of()));
            for (ThrowingCallable call : calls) {
                DomainException e = refusal(call);
                assertThat(e).isInstanceOf(ForbiddenException.class);
                assertThat(e.getMessage()).contains(ENTITY).contains("inactive");
            }

            assertThat(w.payments.all()).singleElement().extracting(Payment::status).isEqualTo(PaymentStatus.APPLIED);
            assertThat(storedVoucher(unpaid).storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(w.reconciliations.all()).isEmpty();
            assertThat(w.audit.entries()).hasSize(auditBefore);
        }

        @Test
        void a_post_that_waited_for_a_concurrent_post_of_the_same_request_replays_it() {
            VoucherView voucher = w.voucherFor(w.fine("50.00", "2024-06-30"));
            PostPayment request = payment("RACE-1", voucher, "2024-06-10T09:00");
            // The other post commits while this one waits for the voucher's row lock: it then finds it PAID.
            w.postings.whileLocking(() -> channel.post(BANK, request));

            Posted posted = channel.post(BANK, request);

            assertThat(posted.replayed()).isTrue();
            assertThat(w.payments.all()).singleElement().extracting(Payment::id).isEqualTo(posted.payment().id());
            assertThat(w.audited("PAYMENT_APPLIED")).hasSize(1);
            // This post's first attempt, the other post, this post's second attempt.
            assertThat(w.transactions.begun()).isEqualTo(3);
        }

        @Test
        void a_post_that_lost_its_transaction_id_to_a_concurrent_payment_of_another_voucher_is_a_mismatch() {
            Obligation mine = w.fine("50.00", "2024-06-30");
            VoucherView myVoucher = w.voucherFor(mine);
            VoucherView theirVoucher = w.voucherFor(w.fine("60.00", "2024-06-30"));
            w.postings.beforeRecording(() -> channel.post(BANK, payment("RACE-2", theirVoucher, "2024-06-10T09:01")));

            assertRefused(() -> channel.post(BANK, payment("RACE-2", myVoucher, "2024-06-10T09:00")),
                    ConflictException.class, "idempotency-mismatch");

            assertThat(w.payments.all()).singleElement().extracting(Payment::voucherReference)
                    .isEqualTo(theirVoucher.voucher().reference().value());
            assertThat(storedVoucher(myVoucher).storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(w.stored(mine).status()).isEqualTo(ObligationStatus.PENDING);
            assertThat(w.stored(mine).version()).isEqualTo(1);
        }
    }

    @Nested
    class Reversing {

        private Obligation fine;
        private VoucherView voucher;
        private Payment paid;

        private void aPaymentAt9() {
            fine = w.fine("1000.00", "2024-05-31");
            voucher = w.voucherFor(fine); // 1000.00 + 17 days × 0.30 = 1005.10
            paid = channel.post(BANK, payment("REV-1", voucher, "2024-06-10T09:00")).payment();
        }

        @Test
        void a_reversal_on_the_same_business_day_restores_the_obligations_and_the_voucher() {
            aPaymentAt9();
            w.clock.set(at("2024-06-10T16:30"));

            Payment reversed = channel.reverse(BANK, paid.id(), " Cajero anuló ");

            assertThat(reversed.status()).isEqualTo(PaymentStatus.REVERSED);
            assertThat(reversed.reversedAt()).isEqualTo(at("2024-06-10T16:30"));
            assertThat(reversed.reversalReason()).isEqualTo("Cajero anuló");
            assertThat(w.payments.all()).singleElement().usingRecursiveComparison().isEqualTo(reversed);
            Obligation restored = w.stored(fine);
            assertThat(restored.status()).isEqualTo(ObligationStatus.PENDING);
            assertThat(restored.principalPaid()).isEqualTo(money("0.00"));
            assertThat(restored.interestPaid()).isEqualTo(money("0.00"));
            assertThat(restored.history().movements()).containsExactly(
                    new PrincipalMovement(MONDAY, money("1000.00"), PrincipalMovement.Kind.PAYMENT,
                            paid.id().toString()),
                    new PrincipalMovement(MONDAY, money("-1000.00"), PrincipalMovement.Kind.PAYMENT_REVERSED,
                            paid.id().toString()));
            // Both movements on one day: the balance of every day, so the interest, is what it was.
            assertThat(restored.interestAsOf(LocalDate.of(2024, 6, 17), w.rates.table())).isEqualTo(money("5.10"));
            assertThat(restored.heldBy()).isEqualTo(voucher.voucher().reference().value());
            assertThat(restored.version()).isEqualTo(3);
            assertThat(storedVoucher(voucher).storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(channel.payablesByReference(BANK, voucher.voucher().reference())).hasSize(1);

            AuditLog.Entry entry = w.audited("PAYMENT_REVERSED").get(0);
            assertThat(entry.entityId()).isEqualTo(paid.id().toString());
            assertThat(entry.at()).isEqualTo(at("2024-06-10T16:30"));
            assertThat(entry.details()).isEqualTo(Map.of("entityCode", ENTITY, "bankTransactionId", "REV-1",
                    "voucher", voucher.voucher().reference().value(), "amount", "1005.10",
                    "businessDate", "2024-06-10", "reason", "Cajero anuló"));
        }

        @Test
        void a_second_reversal_changes_nothing_and_the_voucher_can_be_paid_again() {
            aPaymentAt9();
            channel.reverse(BANK, paid.id(), "error");

            assertThat(channel.reverse(BANK, paid.id(), "otra vez").reversalReason()).isEqualTo("error");
            assertThat(w.audited("PAYMENT_REVERSED")).hasSize(1);
            assertThat(w.stored(fine).version()).isEqualTo(3);
            // A retry of the reversed payment's post answers it as it is now.
            Posted replay = channel.post(BANK, payment("REV-1", voucher, "2024-06-10T09:00"));
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.payment().status()).isEqualTo(PaymentStatus.REVERSED);

            Payment again = channel.post(BANK, payment("REV-2", voucher, "2024-06-10T09:45")).payment();
            assertThat(again.status()).isEqualTo(PaymentStatus.APPLIED);
            assertThat(w.payments.all()).extracting(Payment::status)
                    .containsExactlyInAnyOrder(PaymentStatus.REVERSED, PaymentStatus.APPLIED);
            assertThat(w.stored(fine).status()).isEqualTo(ObligationStatus.PAID);
        }

        @Test
        void a_reversal_after_the_cutoff_or_on_another_day_is_refused_and_changes_nothing() {
            aPaymentAt9();

            for (String when : List.of("2024-06-10T17:00:01", "2024-06-11T09:00")) {
                w.clock.set(at(when));
                assertRefused(() -> channel.reverse(BANK, paid.id(), "tarde"), BusinessRuleException.class,
                        "reversal-window-closed");
            }

            assertThat(w.payments.all()).singleElement().extracting(Payment::status)
                    .isEqualTo(PaymentStatus.APPLIED);
            assertThat(w.stored(fine).status()).isEqualTo(ObligationStatus.PAID);
            assertThat(storedVoucher(voucher).storedStatus()).isEqualTo(VoucherStatus.PAID);
            assertThat(w.audited("PAYMENT_REVERSED")).isEmpty();
        }

        @Test
        void a_payment_made_after_the_cutoff_can_be_reversed_until_the_cutoff_of_its_business_date() {
            Obligation late = w.fine("10.00", "2024-06-30");
            VoucherView v = w.voucherFor(late);
            w.clock.set(at("2024-06-10T18:00"));
            Payment p = channel.post(BANK, payment("REV-3", v, "2024-06-10T17:30")).payment(); // business date 11th

            w.clock.set(at("2024-06-10T18:30"));
            assertThat(channel.reverse(BANK, p.id(), "error").status()).isEqualTo(PaymentStatus.REVERSED);
            assertThat(w.stored(late).history().movements()).extracting(PrincipalMovement::on)
                    .containsOnly(LocalDate.of(2024, 6, 11));
        }

        @Test
        void another_entitys_payment_is_not_found() {
            aPaymentAt9();
            Caller other = w.registerEntity("OTHER-BANK", "17:00");

            assertRefused(() -> channel.reverse(other, paid.id(), "x"), NotFoundException.class,
                    "payment-not-found");
            assertRefused(() -> channel.payment(other, paid.id()), NotFoundException.class, "payment-not-found");
            assertRefused(() -> channel.paymentByTransaction(other, "REV-1"), NotFoundException.class,
                    "payment-not-found");
            assertThat(w.payments.all()).singleElement().extracting(Payment::status)
                    .isEqualTo(PaymentStatus.APPLIED);
        }
    }

    @Nested
    class Reconciling {

        @Test
        void the_day_lists_every_payment_and_counts_only_the_applied_ones() {
            VoucherView one = w.voucherFor(w.fine("10.00", "2024-06-30"));
            VoucherView two = w.voucherFor(w.fine("20.00", "2024-06-30"));
            channel.post(BANK, payment("D-1", one, "2024-06-10T09:00"));
            Payment reversed = channel.post(BANK, payment("D-2", two, "2024-06-10T09:10")).payment();
            channel.reverse(BANK, reversed.id(), "error");

            DayPage day = channel.payments(BANK, MONDAY, FIRST_PAGE);

            assertThat(day.entityCode()).isEqualTo(ENTITY);
            assertThat(day.page().items()).extracting(PaymentOfDay::bankTransactionId)
                    .containsExactlyInAnyOrder("D-1", "D-2");
            assertThat(day.totals().appliedCount()).isEqualTo(1);
            assertThat(day.totals().appliedTotal()).isEqualTo(money("10.00"));
            assertThat(day.totals().payments()).isEqualTo(2);
            assertThat(day.page().totalItems()).isEqualTo(2);
        }

        @Test
        void the_day_comes_a_page_at_a_time_in_posting_order_each_page_with_the_totals_of_the_whole_day() {
            List<String> posted = postOneAMillisecondApart("PG-", 5);
            Payment reversed = w.payments.all().get(1);
            channel.reverse(BANK, reversed.id(), "error");

            List<DayPage> pages = List.of(channel.payments(BANK, MONDAY, new PageRequest(0, 2)),
                    channel.payments(BANK, MONDAY, new PageRequest(1, 2)),
                    channel.payments(BANK, MONDAY, new PageRequest(2, 2)));

            assertThat(pages.stream().flatMap(p -> p.page().items().stream()).map(PaymentOfDay::bankTransactionId))
                    .containsExactlyElementsOf(posted);
            assertThat(pages).allSatisfy(p -> {
                assertThat(p.totals()).isEqualTo(new DayTotals(5, 4, money("40.00")));
                assertThat(p.page().totalItems()).isEqualTo(5);
                assertThat(p.page().size()).isEqualTo(2);
            });
            assertThat(pages.get(0).page().items().get(1).status()).isEqualTo(PaymentStatus.REVERSED);
            assertThat(channel.payments(BANK, MONDAY, new PageRequest(3, 2)).page().items()).isEmpty();
        }

        @Test
        void the_whole_day_is_read_a_chunk_at_a_time_and_handed_over_as_it_is_read() {
            int count = 2 * ChannelService.STREAM_CHUNK + 1;
            List<String> posted = postOneAMillisecondApart("CH-", count);

            DayListing day = channel.allPayments(BANK, MONDAY);
            assertThat(w.payments.chunkReads()).as("nothing is read before the listing is consumed").isZero();
            List<String> seen = new ArrayList<>();
            List<Integer> readsSoFar = new ArrayList<>();
            day.forEach(p -> {
                seen.add(p.bankTransactionId());
                readsSoFar.add(w.payments.chunkReads());
            });

            assertThat(day.entityCode()).isEqualTo(ENTITY);
            assertThat(seen).containsExactlyElementsOf(posted);
            assertThat(w.payments.chunkReads()).isEqualTo(3);
            assertThat(w.payments.largestChunk()).isEqualTo(ChannelService.STREAM_CHUNK);
            // The first payment went out before the second chunk was read, and so on.
            assertThat(readsSoFar.get(0)).isEqualTo(1);
            assertThat(readsSoFar.get(ChannelService.STREAM_CHUNK)).isEqualTo(2);
            assertThat(readsSoFar.get(count - 1)).isEqualTo(3);
        }

        @Test
        void a_payment_posted_while_the_day_is_read_neither_repeats_nor_hides_one_that_was_there() {
            List<String> before = postOneAMillisecondApart("MID-", ChannelService.STREAM_CHUNK + 10);
            List<String> seen = new ArrayList<>();

            channel.allPayments(BANK, MONDAY).forEach(p -> {
                seen.add(p.bankTransactionId());
                if (seen.size() == 5 || seen.size() == ChannelService.STREAM_CHUNK + 5) {
                    postOneAMillisecondApart("LATE-" + seen.size() + "-", 1);
                }
            });

            // Every payment that was there comes once, in posting order. One posted meanwhile comes after them when
            // it is posted before the chunk it falls in is read (the first), and not at all otherwise (the second:
            // its chunk, the last, was read already).
            assertThat(seen).doesNotHaveDuplicates();
            List<String> expected = new ArrayList<>(before);
            expected.add("LATE-5-0");
            assertThat(seen).containsExactlyElementsOf(expected);
        }

        /**
         * Posts {@code count} payments of 10.00 on Monday, the clock a millisecond later for each (as real time
         * passes), and returns their transaction ids in posting order.
         */
        private List<String> postOneAMillisecondApart(String prefix, int count) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                w.clock.set(w.clock.instant().plusMillis(1));
                VoucherView voucher = w.voucherFor(w.fine("10.00", "2024-06-30"));
                channel.post(BANK, payment(prefix + i, voucher, "2024-06-10T09:00"));
                ids.add(prefix + i);
            }
            return ids;
        }

        @Test
        void a_reconciliation_compares_the_banks_list_with_ours_and_is_stored_and_audited() {
            // Due after the vouchers expire: no interest, each voucher is its principal.
            VoucherView one = w.voucherFor(w.fine("10.00", "2024-06-30"));
            VoucherView two = w.voucherFor(w.fine("20.00", "2024-06-30"));
            VoucherView three = w.voucherFor(w.fine("30.00", "2024-06-30"));
            VoucherView four = w.voucherFor(w.fine("40.00", "2024-06-30"));
            channel.post(BANK, payment("R-1", one, "2024-06-10T09:00"));
            channel.post(BANK, payment("R-2", two, "2024-06-10T09:01"));
            channel.post(BANK, payment("R-3", three, "2024-06-10T09:02"));
            Payment reversed = channel.post(BANK, payment("R-4", four, "2024-06-10T09:03")).payment();
            channel.reverse(BANK, reversed.id(), "error");
            Caller other = w.registerEntity("OTHER-BANK", "17:00");
            channel.post(other, payment("R-5", w.voucherFor(w.fine("50.00", "2024-06-30")), "2024-06-10T09:04"));
            w.clock.set(at("2024-06-10T18:00"));
            List<Reconciliation.Item> bankList = List.of(
                    new Reconciliation.Item("R-1", money("10.00")),
                    new Reconciliation.Item("R-2", money("1.00")),
                    new Reconciliation.Item("ONLY-AT-BANK", money("5.00")));

            Reconciliation result = channel.reconcile(BANK, MONDAY, bankList);

            // R-3 is ours only; R-4 was reversed and R-5 is another entity's: neither counts.
            assertThat(result).isEqualTo(new Reconciliation(ENTITY, MONDAY, 1, money("10.00"),
                    List.of(new Reconciliation.Item("ONLY-AT-BANK", money("5.00"))),
                    List.of(new Reconciliation.Item("R-3", money("30.00"))),
                    List.of(new Reconciliation.Mismatch("R-2", money("1.00"), money("20.00")))));
            assertThat(result.balanced()).isFalse();
            SubmittedReconciliation stored = w.reconciliations.ofBusinessDate(MONDAY).get(0);
            assertThat(w.reconciliations.ofBusinessDate(MONDAY)).hasSize(1);
            assertThat(stored.result()).isEqualTo(result);
            assertThat(stored.submittedAt()).isEqualTo(at("2024-06-10T18:00"));
            assertThat(stored.submittedBy()).isEqualTo(BANK.clientId());
            AuditLog.Entry entry = w.audited("RECONCILIATION_SUBMITTED").get(0);
            assertThat(w.audited("RECONCILIATION_SUBMITTED")).hasSize(1);
            assertThat(entry.entityType()).isEqualTo("RECONCILIATION");
            assertThat(entry.entityId()).isEqualTo(stored.id().toString());
            assertThat(entry.details()).isEqualTo(Map.of("businessDate", "2024-06-10", "items", 3,
                    "balanced", false));
        }

        @Test
        void a_list_that_names_a_transaction_twice_is_refused_and_nothing_is_stored() {
            assertRefused(() -> channel.reconcile(BANK, MONDAY, List.of(
                            new Reconciliation.Item("R-1", money("1.00")), new Reconciliation.Item("R-1", money("1.00")))),
                    InvalidValueException.class, "duplicate-transaction-id");
            assertThat(w.reconciliations.all()).isEmpty();
            assertThat(w.audit.entries()).isEmpty();
        }
    }
}
