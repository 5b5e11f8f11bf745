package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.AgreementView;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.InMemoryVouchers;
import ec.gob.iess.recauda.application.service.fakes.SettableClock;
import ec.gob.iess.recauda.application.service.fakes.DirectTransactions;
import ec.gob.iess.recauda.application.service.fakes.InMemoryAgreements;
import ec.gob.iess.recauda.application.service.fakes.InMemoryInterestRates;
import ec.gob.iess.recauda.application.service.fakes.InMemoryObligations;
import ec.gob.iess.recauda.application.service.fakes.RecordingAuditLog;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.access.StaffUser;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agreement services wired to in-memory fakes of their outgoing ports, with a clock the test moves, and the
 * few things a test of them needs around: obligations to cover, the channel's payment and reversal of a voucher
 * (done as {@code ChannelService} does them, without a bank), and reads of what is stored.
 *
 * <p>The worked example most tests use, signed on Tuesday 2026-03-10 at an arrears rate of 12 % a year
 * (interest = principal × days × 0.12 / 365, rounded HALF_UP once):
 * <ul>
 *   <li>A: a FINE of 100.00 due 2026-01-31, 38 days overdue: 100 × 38 × 0.12 / 365 = 1.2493 → 1.25;</li>
 *   <li>B: a FINE of 1000.00 due 2026-02-24, 14 days overdue: 1000 × 14 × 0.12 / 365 = 4.6027 → 4.60;</li>
 *   <li>debt 1105.85; down payment 10 % = 110.585 → 110.59; financed 995.26. The down payment pays A's 1.25 and
 *       100.00, B's 4.60 and 4.74 of B's principal: no arrears interest is left to finance, so the schedule is the
 *       plain French table at 1 % a month;</li>
 *   <li>3 months: PMT = 995.26 × 0.01 / (1 − 1.01^−3) = 338.4104 → 338.41. Interest 9.95 / 6.67 / 3.35 on the
 *       balances 995.26 / 666.80 / 335.06; principal 328.46 / 331.74 / 335.06.</li>
 * </ul>
 */
final class AgreementsHarness {

    /** Tuesday 2026-03-10, 10:00 in Guayaquil. */
    static final Instant SIGNING = Instant.parse("2026-03-10T15:00:00Z");
    static final LocalDate SIGNED = LocalDate.of(2026, 3, 10);
    static final BigDecimal RATE = new BigDecimal("0.12");

    static final DebtorId COMPANY = Fixtures.COMPANY;
    static final DebtorId OTHER_DEBTOR = Fixtures.OTHER_DEBTOR;
    static final Caller STAFF = Fixtures.STAFF;
    /** The employer software of {@link #COMPANY}. */
    static final Caller EMPLOYER = Fixtures.EMPLOYER;
    /** The employer software of {@link #OTHER_DEBTOR}. */
    static final Caller OTHER_EMPLOYER = new Caller("other-employer-client", Role.EMPLOYER, OTHER_DEBTOR.value(),
            "corr-other-employer-1");
    static final Caller BANK = Fixtures.BANK;
    /** Staff people signed in through OpenID Connect. */
    static final Caller DIRECTOR = Caller.staff(new StaffUser("4d1c5e0a-director", "Directora Provincial"),
            StaffRole.DIRECTOR, "corr-director-1");
    static final Caller OTHER_DIRECTOR = Caller.staff(new StaffUser("9b7e2f11-director", "Director Subrogante"),
            StaffRole.DIRECTOR, "corr-director-2");
    static final Caller OPERATOR = Caller.staff(new StaffUser("0c3a8d42-operator", "Operador de Cartera"),
            StaffRole.OPERATOR, "corr-operator-1");
    static final Caller READER = Caller.staff(new StaffUser("77aa61b0-reader", "Auditora Interna"),
            StaffRole.READER, "corr-reader-1");

    /** The example's amounts (see the class comment). */
    static final Money DEBT = Money.of("1105.85");
    static final Money DOWN_PAYMENT = Money.of("110.59");
    static final Money FINANCED = Money.of("995.26");
    static final Money INSTALLMENT = Money.of("338.41");

    final SettableClock clock = new SettableClock(SIGNING, Fixtures.GUAYAQUIL);
    final InMemoryObligations obligations = new InMemoryObligations();
    final InMemoryAgreements agreements = new InMemoryAgreements(obligations);
    final InMemoryVouchers vouchers = new InMemoryVouchers(obligations);
    final InMemoryInterestRates rates;
    final RecordingAuditLog audit = new RecordingAuditLog();
    final DirectTransactions transactions = new DirectTransactions();
    final VoucherRules voucherRules = VoucherRules.defaults();
    final AgreementTerms terms;
    final VoucherIssuer issuer;
    final AgreementLedger ledger;
    final AgreementService service;
    final AgreementChecksService checks;

    /** The default terms and an arrears rate of 12 % in force since 2020. */
    AgreementsHarness() {
        this(AgreementTerms.defaults(), new InMemoryInterestRates().with(new InterestRate(LocalDate.of(2020, 1, 1),
                RATE)));
    }

    AgreementsHarness(AgreementTerms terms, InMemoryInterestRates rates) {
        this.terms = terms;
        this.rates = rates;
        issuer = new VoucherIssuer(vouchers, obligations, rates, audit, voucherRules, agreements, terms);
        ledger = new AgreementLedger(agreements, obligations, audit, voucherRules);
        service = new AgreementService(agreements, obligations, vouchers, rates, issuer, ledger, audit, terms,
                voucherRules, clock);
        checks = new AgreementChecksService(agreements, obligations, ledger, transactions, terms, voucherRules, clock);
    }

    // ------------------------------------------------------------------------------------------------- arranging

    /** Stores a new PENDING obligation, created a while before the signing day. */
    Obligation seed(DebtorId debtor, ObligationType type, ObligationStage stage, String principal, LocalDate due) {
        return obligations.seed(Obligation.create(ObligationId.random(), new NewObligation(debtor,
                "Comercial Andina S.A.", type, stage, Money.of(principal), due, null, "Obligación de prueba", null),
                Instant.parse("2025-12-01T15:00:00Z")));
    }

    Obligation fine(DebtorId debtor, String principal, LocalDate due) {
        return seed(debtor, ObligationType.FINE, null, principal, due);
    }

    /** Obligation A of the example: 100.00 due 2026-01-31 (1.25 of interest on the signing day). */
    Obligation obligationA() {
        return fine(COMPANY, "100.00", LocalDate.of(2026, 1, 31));
    }

    /** Obligation B of the example: 1000.00 due 2026-02-24 (4.60 of interest on the signing day). */
    Obligation obligationB() {
        return fine(COMPANY, "1000.00", LocalDate.of(2026, 2, 24));
    }

    /** Staff subscribe all of {@link #COMPANY}'s eligible debt for {@code months} months. */
    AgreementView subscribe(int months) {
        return service.subscribe(STAFF, COMPANY, List.of(), months, true);
    }

    /**
     * The example made ACTIVE: A and B subscribed for 3 months on the signing day and its down payment paid the
     * same day, so the installments of 338.41 fall due on 2026-04-10, 05-10 and 06-10.
     */
    Agreement activeExample() {
        obligationA();
        obligationB();
        UUID id = subscribe(3).agreement().id();
        pay(agreement(id).downPaymentVoucher().reference());
        return agreement(id);
    }

    // ------------------------------------------------------------------------------ the channel, without a bank

    /** A payment of a voucher, as the channel applied it. */
    record Paid(String reference, String paymentId, LocalDate businessDate, List<Allocation> allocations) {
    }

    /** A bank collects the whole voucher today (the clock's business date). */
    Paid pay(String reference) {
        return pay(reference, clock.today());
    }

    /**
     * As {@code ChannelService} posts a payment: lock the voucher, then its agreements
     * ({@link AgreementLedger#lockFor}), then its obligations; apply the amount to them (interest before principal,
     * oldest first); save them; mark the voucher paid; and let the ledger apply what that does to the agreements.
     */
    Paid pay(String reference, LocalDate businessDate) {
        Instant now = clock.instant();
        Voucher voucher = vouchers.lock(new VoucherReference(reference)).orElseThrow();
        voucher.checkPayableOn(businessDate);
        List<Agreement> locked = ledger.lockFor(voucher);
        Map<ObligationId, Obligation> lines = lockLines(voucher);
        voucher.checkStillHolds(lines.values());
        List<Allocation> allocations = Allocation.allocate(voucher.amount(), voucher.lines().stream()
                .map(l -> new Allocation.Due(l.obligationId(), l.dueDate(), l.interest(), l.principal())).toList());
        String paymentId = UUID.randomUUID().toString();
        for (Allocation a : allocations) {
            lines.get(a.obligationId()).applyPayment(a.interest(), a.principal(), businessDate, paymentId, now);
        }
        obligations.updateAll(List.copyOf(lines.values()));
        voucher.markPaid(now);
        vouchers.update(voucher);
        ledger.paid(locked, lines.values(), businessDate, BANK.actor(), BANK.correlationId(), now);
        return new Paid(reference, paymentId, businessDate, allocations);
    }

    /** As {@code ChannelService} reverses a payment, on today's business date. */
    void reverse(Paid paid) {
        Instant now = clock.instant();
        Voucher voucher = vouchers.lock(new VoucherReference(paid.reference())).orElseThrow();
        List<Agreement> locked = ledger.lockFor(voucher);
        Map<ObligationId, Obligation> lines = lockLines(voucher);
        for (Allocation a : paid.allocations()) {
            lines.get(a.obligationId()).reversePayment(a.interest(), a.principal(), paid.businessDate(),
                    paid.paymentId(), now);
        }
        obligations.updateAll(List.copyOf(lines.values()));
        voucher.markUnpaid(now);
        vouchers.update(voucher);
        ledger.reversed(locked, lines.values(), clock.today(), BANK.actor(), BANK.correlationId(), now);
    }

    private Map<ObligationId, Obligation> lockLines(Voucher voucher) {
        return obligations.lock(voucher.lines().stream().map(VoucherLine::obligationId).toList()).stream()
                .collect(Collectors.toMap(Obligation::id, Function.identity()));
    }

    /** A voucher for these obligations of {@link #COMPANY}, issued today by staff as {@code VoucherService} does. */
    VoucherView voucherFor(Obligation... obligationsToPay) {
        List<Obligation> locked = obligations.lock(Arrays.stream(obligationsToPay).map(Obligation::id).toList());
        return issuer.issue(STAFF.actor(), STAFF.correlationId(), COMPANY, locked, clock.today(),
                clock.instant());
    }

    // ------------------------------------------------------------------------------------------------- reading

    Agreement agreement(UUID id) {
        return agreements.find(id).orElseThrow(() -> new AssertionError("no agreement " + id));
    }

    Obligation obligation(ObligationId id) {
        return obligations.find(id).orElseThrow(() -> new AssertionError("no obligation " + id));
    }

    Obligation stored(Obligation o) {
        return obligation(o.id());
    }

    /** The live (not cancelled) installment {@code number} of an agreement (0: its down payment). */
    Obligation installment(UUID agreementId, int number) {
        return agreements.installmentsOf(agreementId).stream()
                .filter(o -> o.installment().number() == number && o.status() != ObligationStatus.CANCELLED)
                .findFirst().orElseThrow(() -> new AssertionError("no live installment " + number + " of "
                        + agreementId));
    }

    /** The audit actions written, in order. */
    List<String> actions() {
        return audit.entries().stream().map(AuditLog.Entry::action).toList();
    }

    /** The audit entries of one action. */
    List<AuditLog.Entry> entries(String action) {
        return audit.entries().stream().filter(e -> e.action().equals(action)).toList();
    }
}
