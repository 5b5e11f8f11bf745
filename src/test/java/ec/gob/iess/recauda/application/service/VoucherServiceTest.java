package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.ChannelWiring.DEBTOR_NAME;
import static ec.gob.iess.recauda.application.service.ChannelWiring.ENTITY;
import static ec.gob.iess.recauda.application.service.ChannelWiring.MONDAY;
import static ec.gob.iess.recauda.application.service.ChannelWiring.MONDAY_10AM;
import static ec.gob.iess.recauda.application.service.ChannelWiring.at;
import static ec.gob.iess.recauda.application.service.ChannelWiring.money;
import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.COMPANY;
import static ec.gob.iess.recauda.application.service.Fixtures.EMPLOYER;
import static ec.gob.iess.recauda.application.service.Fixtures.MINISTRY;
import static ec.gob.iess.recauda.application.service.Fixtures.OTHER_DEBTOR;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.CollectPaymentsUseCase.PostPayment;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.VoucherDocuments;
import ec.gob.iess.recauda.application.service.fakes.RecordingVoucherDocuments;
import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Vouchers over in-memory fakes: issued by staff or the debtor's employer with a frozen amount, read, cancelled and
 * printed. It is Monday 2024-06-10, 10:00 in Guayaquil, and the arrears rate is 0.0003 a day (0.1095 / 365).
 */
class VoucherServiceTest {

    private final ChannelWiring w = new ChannelWiring();
    private final VoucherService service = w.voucherService;

    private static void assertRefused(ThrowingCallable call, Class<? extends DomainException> type, String kind) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        assertThat(((DomainException) thrown).kind()).isEqualTo(kind);
    }

    private VoucherView issue(Caller caller, Obligation... obligations) {
        return service.issue(caller, obligations[0].debtorId(),
                Arrays.stream(obligations).map(Obligation::id).toList());
    }

    private VoucherReference referenceOf(VoucherView view) {
        return view.voucher().reference();
    }

    @Nested
    class Issuing {

        @Test
        void staff_issue_a_voucher_that_freezes_principal_plus_interest_to_its_expiry_and_holds_its_obligations() {
            Obligation old = w.fine("1000.00", "2024-05-31");
            Obligation recent = w.obligation(COMPANY, ObligationType.GLOSA, "333.33", "2024-06-05");

            VoucherView view = issue(STAFF, recent, old);

            // Expires 2024-06-17. The FINE accrues 17 days × 1000.00 × 0.0003 = 5.10; the GLOSA 12 days × 333.33 ×
            // 0.0003 = 1.199988 → 1.20. 1000.00 + 5.10 + 333.33 + 1.20 = 1339.63.
            Voucher v = view.voucher();
            assertThat(view.status()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(v.amount()).isEqualTo(money("1339.63"));
            assertThat(v.issuedOn()).isEqualTo(MONDAY);
            assertThat(v.expiresOn()).isEqualTo(LocalDate.of(2024, 6, 17));
            assertThat(v.debtorId()).isEqualTo(COMPANY);
            assertThat(v.debtorName()).isEqualTo(DEBTOR_NAME);
            assertThat(v.issuedBy()).isEqualTo(STAFF.clientId());
            assertThat(v.lines()).extracting(VoucherLine::obligationId).containsExactly(old.id(), recent.id());
            assertThat(v.lines()).extracting(VoucherLine::principal)
                    .containsExactly(money("1000.00"), money("333.33"));
            assertThat(v.lines()).extracting(VoucherLine::interest).containsExactly(money("5.10"), money("1.20"));

            assertThat(w.vouchers.find(v.reference())).get().usingRecursiveComparison().isEqualTo(v);
            for (Obligation o : List.of(old, recent)) {
                assertThat(w.stored(o).heldBy()).isEqualTo(v.reference().value());
                assertThat(w.stored(o).heldUntil()).isEqualTo(LocalDate.of(2024, 6, 17));
                assertThat(w.stored(o).version()).isEqualTo(1);
            }
            AuditLog.Entry entry = w.audit.single();
            assertThat(entry.action()).isEqualTo("VOUCHER_ISSUED");
            assertThat(entry.entityType()).isEqualTo("VOUCHER");
            assertThat(entry.entityId()).isEqualTo(v.reference().value());
            assertThat(entry.actor()).isEqualTo(STAFF.clientId());
            assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
            assertThat(entry.at()).isEqualTo(MONDAY_10AM);
            assertThat(entry.details()).isEqualTo(Map.of("debtorId", COMPANY.value(), "amount", "1339.63",
                    "expiresOn", "2024-06-17", "obligations", List.of(old.id().toString(), recent.id().toString())));
        }

        @Test
        void the_debtors_employer_issues_a_voucher_in_its_own_name() {
            Obligation fine = w.fine("10.00", "2024-05-31");

            VoucherView view = issue(EMPLOYER, fine);

            assertThat(view.voucher().issuedBy()).isEqualTo(EMPLOYER.clientId());
            assertThat(w.audit.single().actor()).isEqualTo(EMPLOYER.clientId());
            assertThat(w.stored(fine).heldBy()).isEqualTo(referenceOf(view).value());
        }

        @Test
        void an_employer_cannot_issue_for_another_debtor_and_banks_and_ministries_cannot_issue_at_all() {
            Obligation theirs = w.obligation(OTHER_DEBTOR, ObligationType.FINE, "10.00", "2024-05-31");
            Obligation mine = w.fine("10.00", "2024-05-31");

            assertRefused(() -> issue(EMPLOYER, theirs), NotFoundException.class, "debtor-not-found");
            assertRefused(() -> issue(BANK, mine), ForbiddenException.class, "forbidden");
            assertRefused(() -> issue(MINISTRY, theirs), ForbiddenException.class, "forbidden");

            assertThat(w.vouchers.size()).isZero();
            assertThat(w.audit.entries()).isEmpty();
            assertThat(w.stored(theirs).heldBy()).isNull();
        }

        @Test
        void a_voucher_over_debt_not_yet_due_expires_on_its_due_date_and_carries_no_interest() {
            Obligation soon = w.fine("500.00", "2024-06-13");

            Voucher single = issue(STAFF, soon).voucher();

            assertThat(single.expiresOn()).isEqualTo(LocalDate.of(2024, 6, 13));
            assertThat(single.amount()).isEqualTo(money("500.00"));
            assertThat(single.lines()).extracting(VoucherLine::interest).containsExactly(money("0.00"));
            assertThat(w.stored(soon).heldUntil()).isEqualTo(LocalDate.of(2024, 6, 13));
        }

        @Test
        void a_mixed_voucher_expires_by_its_earliest_due_date_and_projects_interest_only_to_then() {
            Obligation overdue = w.obligation(COMPANY, ObligationType.GLOSA, "1000.00", "2024-05-31");
            Obligation inTwoDays = w.fine("200.00", "2024-06-12");

            Voucher mixed = issue(STAFF, inTwoDays, overdue).voucher();

            // Expires 2024-06-12: the overdue line accrues 12 days × 0.30 = 3.60, the other none.
            assertThat(mixed.expiresOn()).isEqualTo(LocalDate.of(2024, 6, 12));
            assertThat(mixed.lines()).extracting(VoucherLine::obligationId)
                    .containsExactly(overdue.id(), inTwoDays.id());
            assertThat(mixed.lines()).extracting(VoucherLine::interest)
                    .containsExactly(money("3.60"), money("0.00"));
            assertThat(mixed.amount()).isEqualTo(money("1203.60"));
        }

        @Test
        void debt_due_today_is_payable_today_only_and_overdue_debt_alone_keeps_the_seven_days() {
            assertThat(issue(STAFF, w.fine("80.00", "2024-06-10")).voucher().expiresOn()).isEqualTo(MONDAY);
            Voucher late = issue(STAFF, w.fine("90.00", "2024-06-09")).voucher();
            assertThat(late.expiresOn()).isEqualTo(LocalDate.of(2024, 6, 17));
            // 8 days (2024-06-10 to 2024-06-17) × 90.00 × 0.0003 = 0.216 → 0.22.
            assertThat(late.amount()).isEqualTo(money("90.22"));
        }

        @Test
        void an_obligation_on_an_unexpired_voucher_cannot_go_on_another_and_nothing_is_stored() {
            Obligation held = w.fine("10.00", "2024-05-31");
            Obligation free = w.fine("20.00", "2024-05-31");
            VoucherView first = issue(STAFF, held);

            assertRefused(() -> issue(STAFF, free, held), ConflictException.class, "obligation-held");

            assertThat(w.vouchers.size()).isEqualTo(1);
            assertThat(w.audited("VOUCHER_ISSUED")).hasSize(1);
            assertThat(w.stored(held).heldBy()).isEqualTo(referenceOf(first).value());
            assertThat(w.stored(free).heldBy()).isNull();
            assertThat(w.stored(free).version()).isZero();
        }

        @Test
        void after_its_expiry_a_voucher_is_expired_and_its_obligations_go_on_a_new_one() {
            Obligation fine = w.fine("10.00", "2024-05-31");
            VoucherView first = issue(STAFF, fine);

            w.clock.set(at("2024-06-17T15:00")); // its last day
            assertThat(service.get(STAFF, referenceOf(first)).status()).isEqualTo(VoucherStatus.ISSUED);
            assertRefused(() -> issue(STAFF, fine), ConflictException.class, "obligation-held");
            w.clock.set(at("2024-06-18T10:00"));
            assertThat(service.get(STAFF, referenceOf(first)).status()).isEqualTo(VoucherStatus.EXPIRED);

            VoucherView second = issue(STAFF, fine);
            assertThat(w.stored(fine).heldBy()).isEqualTo(referenceOf(second).value());
        }

        @Test
        void a_down_payment_cannot_go_on_an_ordinary_voucher() {
            Obligation downPayment = w.obligations.seed(Obligation.installment(ObligationId.random(), COMPANY,
                    DEBTOR_NAME, new InstallmentOf(UUID.randomUUID(), 0), money("120.00"),
                    money("0.00"), LocalDate.of(2024, 6, 17), "Cuota inicial", MONDAY_10AM));

            DomainException refused = (DomainException) catchThrowable(() -> issue(STAFF, downPayment));

            assertThat(refused).isInstanceOf(ConflictException.class);
            assertThat(refused.kind()).isEqualTo("obligation-held");
            assertThat(refused.getMessage()).contains("down payment");
            assertThat(w.vouchers.size()).isZero();
            assertThat(w.stored(downPayment).heldBy()).isNull();
        }

        @Test
        void every_obligation_must_be_the_debtors_pending_and_listed_once() {
            Obligation mine = w.fine("10.00", "2024-05-31");
            Obligation others = w.obligation(OTHER_DEBTOR, ObligationType.FINE, "10.00", "2024-05-31");
            Obligation cancelled = w.fine("10.00", "2024-05-31");
            cancelled.cancel("duplicada", MONDAY, 1, MONDAY_10AM);
            w.obligations.seed(cancelled);

            for (ObligationId notMine : List.of(others.id(), ObligationId.random())) {
                assertRefused(() -> service.issue(STAFF, COMPANY, List.of(mine.id(), notMine)),
                        BusinessRuleException.class, "obligation-not-of-debtor");
            }
            assertRefused(() -> service.issue(STAFF, COMPANY, List.of(cancelled.id())), BusinessRuleException.class,
                    "obligation-not-pending");
            assertRefused(() -> service.issue(STAFF, COMPANY, List.of(mine.id(), mine.id())),
                    InvalidValueException.class, "invalid-voucher");
            assertRefused(() -> service.issue(STAFF, COMPANY, List.of()), InvalidValueException.class,
                    "invalid-voucher");

            assertThat(w.vouchers.size()).isZero();
            assertThat(w.stored(mine).version()).isZero();
            assertThat(w.audit.entries()).isEmpty();
        }
    }

    @Nested
    class Reading {

        @Test
        void staff_the_debtors_employer_and_any_active_bank_read_a_voucher_and_nobody_else_does() {
            VoucherView issued = issue(STAFF, w.fine("10.00", "2024-05-31"));
            VoucherReference reference = referenceOf(issued);
            Caller othersEmployer = new Caller("other-employer", Role.EMPLOYER, OTHER_DEBTOR.value(), "corr-x");

            for (Caller reader : List.of(STAFF, EMPLOYER, BANK)) {
                VoucherView read = service.get(reader, reference);
                assertThat(read.status()).isEqualTo(VoucherStatus.ISSUED);
                assertThat(read.voucher()).usingRecursiveComparison().isEqualTo(issued.voucher());
            }
            // As for a voucher that does not exist.
            assertRefused(() -> service.get(othersEmployer, reference), NotFoundException.class,
                    "voucher-not-found");
            assertRefused(() -> service.get(MINISTRY, reference), NotFoundException.class, "voucher-not-found");
            assertRefused(() -> service.get(STAFF, VoucherReference.parse("4852016937150404")),
                    NotFoundException.class, "voucher-not-found");
            w.deactivate(ENTITY);
            assertRefused(() -> service.get(BANK, reference), ForbiddenException.class, "forbidden");
        }

        @Test
        void a_voucher_superseded_after_a_banks_cutoff_reads_expired_at_once() {
            Obligation fine = w.fine("40.00", "2024-05-31");
            VoucherReference old = referenceOf(issue(STAFF, fine)); // expires 2024-06-17
            w.clock.set(at("2024-06-17T17:30")); // the bank's business date is the 18th, the calendar's the 17th
            assertThat(service.get(STAFF, old).status()).isEqualTo(VoucherStatus.ISSUED);

            VoucherReference newer = w.channel.payablesByDebtor(BANK, COMPANY).get(0).voucher().reference();

            assertThat(service.get(STAFF, old).status()).isEqualTo(VoucherStatus.EXPIRED);
            assertThat(service.get(EMPLOYER, old).voucher().isSuperseded()).isTrue();
            assertThat(service.get(STAFF, newer).status()).isEqualTo(VoucherStatus.ISSUED);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelling_releases_the_obligations_and_is_audited() {
            Obligation one = w.fine("10.00", "2024-05-31");
            Obligation two = w.fine("20.00", "2024-04-30");
            VoucherReference reference = referenceOf(issue(EMPLOYER, one, two));
            w.clock.set(at("2024-06-10T11:00"));

            VoucherView cancelled = service.cancel(EMPLOYER, reference);

            assertThat(cancelled.status()).isEqualTo(VoucherStatus.CANCELLED);
            Voucher stored = w.vouchers.find(reference).orElseThrow();
            assertThat(stored.storedStatus()).isEqualTo(VoucherStatus.CANCELLED);
            assertThat(stored.updatedAt()).isEqualTo(at("2024-06-10T11:00"));
            assertThat(stored.version()).isEqualTo(1);
            for (Obligation o : List.of(one, two)) {
                assertThat(w.stored(o).heldBy()).isNull();
                assertThat(w.stored(o).version()).isEqualTo(2);
            }
            AuditLog.Entry entry = w.audited("VOUCHER_CANCELLED").get(0);
            assertThat(entry.entityId()).isEqualTo(reference.value());
            assertThat(entry.actor()).isEqualTo(EMPLOYER.clientId());
            assertThat(entry.at()).isEqualTo(at("2024-06-10T11:00"));
            assertThat(entry.details()).isEqualTo(Map.of("debtorId", COMPANY.value()));

            // Free: they go on a new voucher at once.
            assertThat(issue(STAFF, one, two).voucher().lines()).hasSize(2);
        }

        @Test
        void cancelling_twice_answers_the_cancelled_voucher_and_changes_nothing_more() {
            Obligation fine = w.fine("10.00", "2024-05-31");
            VoucherReference reference = referenceOf(issue(STAFF, fine));
            service.cancel(STAFF, reference);

            assertThat(service.cancel(STAFF, reference).status()).isEqualTo(VoucherStatus.CANCELLED);

            assertThat(w.audited("VOUCHER_CANCELLED")).hasSize(1);
            assertThat(w.vouchers.find(reference).orElseThrow().version()).isEqualTo(1);
            assertThat(w.stored(fine).version()).isEqualTo(2);
        }

        @Test
        void the_voucher_of_an_agreements_down_payment_is_cancelled_only_with_its_agreement() {
            Obligation downPayment = w.obligations.seed(Obligation.installment(ObligationId.random(), COMPANY,
                    DEBTOR_NAME, new InstallmentOf(java.util.UUID.randomUUID(), 0), money("120.00"),
                    money("0.00"), java.time.LocalDate.of(2024, 6, 17), "Cuota inicial", MONDAY_10AM));
            VoucherReference reference = w.issuer.issueDownPayment(Actor.of("staff-client"), "corr",
                    w.stored(downPayment), MONDAY, MONDAY_10AM).voucher().reference();

            assertRefused(() -> service.cancel(EMPLOYER, reference), ConflictException.class, "voucher-of-agreement");
            assertRefused(() -> service.cancel(STAFF, reference), ConflictException.class, "voucher-of-agreement");

            assertThat(w.vouchers.find(reference).orElseThrow().storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(w.stored(downPayment).heldBy()).isEqualTo(reference.value());
            assertThat(w.audited("VOUCHER_CANCELLED")).isEmpty();
        }

        @Test
        void another_debtors_employer_and_banks_cannot_cancel() {
            Obligation fine = w.fine("10.00", "2024-05-31");
            VoucherReference reference = referenceOf(issue(STAFF, fine));
            Caller othersEmployer = new Caller("other-employer", Role.EMPLOYER, OTHER_DEBTOR.value(), "corr-x");

            assertRefused(() -> service.cancel(othersEmployer, reference), NotFoundException.class,
                    "voucher-not-found");
            assertRefused(() -> service.cancel(BANK, reference), ForbiddenException.class, "forbidden");

            assertThat(w.vouchers.find(reference).orElseThrow().storedStatus()).isEqualTo(VoucherStatus.ISSUED);
            assertThat(w.stored(fine).heldBy()).isEqualTo(reference.value());
            assertThat(w.audited("VOUCHER_CANCELLED")).isEmpty();
        }

        @Test
        void a_paid_voucher_cannot_be_cancelled() {
            Obligation fine = w.fine("10.00", "2024-06-30");
            VoucherView voucher = issue(STAFF, fine);
            w.channel.post(BANK, new PostPayment("T-1", referenceOf(voucher), voucher.voucher().amount(),
                    at("2024-06-10T09:00")));

            assertRefused(() -> service.cancel(STAFF, referenceOf(voucher)), ConflictException.class,
                    "already-paid");

            assertThat(service.get(STAFF, referenceOf(voucher)).status()).isEqualTo(VoucherStatus.PAID);
            assertThat(w.stored(fine).heldBy()).isEqualTo(referenceOf(voucher).value());
            assertThat(w.audited("VOUCHER_CANCELLED")).isEmpty();
        }
    }

    @Nested
    class Printing {

        @Test
        void the_document_carries_the_vouchers_lines_as_money_strings() {
            Obligation old = w.fine("1000.00", "2024-05-31");
            Obligation recent = w.obligation(COMPANY, ObligationType.GLOSA, "333.33", "2024-06-05");
            VoucherView issued = issue(STAFF, old, recent);

            byte[] pdf = service.document(EMPLOYER, referenceOf(issued));

            VoucherDocuments.Document document = w.documents.single();
            assertThat(document).isEqualTo(new VoucherDocuments.Document(referenceOf(issued).value(),
                    COMPANY.value(), DEBTOR_NAME, "1339.63", MONDAY, LocalDate.of(2024, 6, 17), "ISSUED", List.of(
                    new VoucherDocuments.Line(old.id().toString(), "FINE", "FINE 2024-05-31",
                            LocalDate.of(2024, 5, 31), "1000.00", "5.10", "1005.10"),
                    new VoucherDocuments.Line(recent.id().toString(), "GLOSA", "GLOSA 2024-06-05",
                            LocalDate.of(2024, 6, 5), "333.33", "1.20", "334.53"))));
            assertThat(pdf).isEqualTo(RecordingVoucherDocuments.bytesFor(document));
        }

        @Test
        void the_document_shows_the_status_on_the_day_it_is_printed() {
            VoucherReference reference = referenceOf(issue(STAFF, w.fine("10.00", "2024-05-31")));
            w.clock.set(at("2024-06-18T10:00"));

            service.document(BANK, reference);

            assertThat(w.documents.single().status()).isEqualTo("EXPIRED");
            assertThat(w.documents.single().amount()).isEqualTo("10.05"); // 17 days × 10.00 × 0.0003 = 0.051
        }

        @Test
        void a_caller_who_may_not_see_the_voucher_gets_no_document() {
            VoucherReference reference = referenceOf(issue(STAFF, w.fine("10.00", "2024-05-31")));
            Caller othersEmployer = new Caller("other-employer", Role.EMPLOYER, OTHER_DEBTOR.value(), "corr-x");

            assertRefused(() -> service.document(othersEmployer, reference), NotFoundException.class,
                    "voucher-not-found");
            assertThat(w.documents.rendered()).isEmpty();
        }
    }
}
