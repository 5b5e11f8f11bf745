package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.AgreementView;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.CertifyComplianceUseCase;
import ec.gob.iess.recauda.application.port.in.ManageAgreementsUseCase;
import ec.gob.iess.recauda.application.port.in.SimulateAgreementUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.Agreements;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementChange;
import ec.gob.iess.recauda.domain.agreement.AgreementObligations;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.DebtorKind;
import ec.gob.iess.recauda.domain.agreement.Eligibility;
import ec.gob.iess.recauda.domain.agreement.Simulation;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationSelection;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Payment-facilities agreements: simulations, subscription, a director's decision, cancellation, the payoff
 * voucher and the compliance certificate. The rules are the {@link Agreement}'s; this service loads, locks, calls
 * the domain and saves (through {@link AgreementLedger}, which also applies what payments do to agreements). The
 * daily lapse and default checks are {@link AgreementChecksService}'s.
 */
@ApplicationScoped
public class AgreementService implements ManageAgreementsUseCase, SimulateAgreementUseCase, CertifyComplianceUseCase {

    private final Agreements agreements;
    private final Obligations obligations;
    private final Vouchers vouchers;
    private final InterestRates rates;
    private final VoucherIssuer issuer;
    private final AgreementLedger ledger;
    private final AuditLog audit;
    private final AgreementTerms terms;
    private final VoucherRules voucherRules;
    private final Clock clock;

    public AgreementService(Agreements agreements, Obligations obligations, Vouchers vouchers, InterestRates rates,
                            VoucherIssuer issuer, AgreementLedger ledger, AuditLog audit, AgreementTerms terms,
                            VoucherRules voucherRules, Clock clock) {
        this.audit = audit;
        this.agreements = agreements;
        this.obligations = obligations;
        this.vouchers = vouchers;
        this.rates = rates;
        this.issuer = issuer;
        this.ledger = ledger;
        this.terms = terms;
        this.voucherRules = voucherRules;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Simulation simulate(Money debtAmount, int termMonths, DebtorKind debtorKind) {
        LocalDate today = LocalDate.now(clock);
        return Simulation.of(debtAmount, termMonths, debtorKind, agreementRate(today, rates.table()), today, terms);
    }

    @Override
    @Transactional
    public DebtorSimulation simulate(Caller caller, DebtorId debtor, List<ObligationId> obligationIds,
                                     int termMonths) {
        requireOwnerOrStaff(caller, debtor, StaffRole.READER);
        terms.checkTerm(termMonths);
        LocalDate today = LocalDate.now(clock);
        List<Obligation> chosen = obligationIds.isEmpty()
                ? eligible(obligations.pendingOf(debtor), today, voucherRules.graceDays())
                : chosen(obligations.lock(uniqueIds(obligationIds)), debtor, obligationIds, today,
                        voucherRules.graceDays());
        InterestRateTable table = rates.table();
        List<CoveredObligation> covered = Agreement.debtOf(chosen, today, table);
        if (covered.isEmpty()) {
            throw noEligibleDebt(debtor);
        }
        return new DebtorSimulation(debtor, covered, Simulation.of(covered, termMonths, DebtorKind.of(debtor.kind()),
                agreementRate(today, table), today, terms));
    }

    @Override
    @Transactional
    public AgreementView subscribe(Caller caller, DebtorId debtor, List<ObligationId> obligationIds, int termMonths,
                                   boolean acceptTerms) {
        requireOwnerOrStaff(caller, debtor, StaffRole.OPERATOR);
        if (!acceptTerms) {
            throw new InvalidValueException("terms-not-accepted", "the agreement's terms must be accepted (true)")
                    .atField("acceptTerms");
        }
        terms.checkTerm(termMonths);
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        // Lock the debtor's obligations first: a second subscription, or a voucher, for them waits here.
        List<Obligation> chosen = obligationIds.isEmpty()
                ? eligible(obligations.lockPendingOf(debtor), today, voucherRules.graceDays())
                : chosen(obligations.lock(uniqueIds(obligationIds)), debtor, obligationIds, today,
                        voucherRules.graceDays());
        agreements.openOf(debtor).ifPresent(open -> {
            throw agreementExists(debtor, open);
        });
        if (chosen.isEmpty()) {
            throw noEligibleDebt(debtor);
        }
        InterestRateTable table = rates.table();
        Agreement.Subscription s = Agreement.subscribe(UUID.randomUUID(), debtor, chosen, termMonths,
                agreementRate(today, table), today, terms, table, voucherRules.graceDays(), caller.clientId(), now);
        Agreement agreement = s.agreement();
        agreements.add(agreement);
        AgreementChange change = s.change();
        if (agreement.status() == AgreementStatus.AWAITING_DOWN_PAYMENT) {
            change = change.and(issueDownPayment(caller, agreement, today, now));
        }
        ledger.save(List.of(new AgreementLedger.Changed(agreement, change)), caller.actor(),
                caller.correlationId(), now);
        return saved(agreement.id());
    }

    @Override
    @Transactional
    public AgreementView get(Caller caller, UUID agreementId) {
        Agreement a = visible(caller, StaffRole.READER, agreements.find(agreementId), agreementId);
        return view(a, ledger.obligationsOf(a));
    }

    @Override
    @Transactional
    public List<AgreementView> ofDebtor(Caller caller, DebtorId debtor) {
        requireOwnerOrStaff(caller, debtor, StaffRole.READER);
        return agreements.ofDebtor(debtor).stream().map(a -> view(a, ledger.obligationsOf(a))).toList();
    }

    @Override
    @Transactional
    public AgreementView decide(Caller caller, UUID agreementId, boolean approved, String note) {
        Authorization.requireStaff(caller, StaffRole.DIRECTOR);
        Agreement a = agreements.lock(agreementId).orElseThrow(() -> notFound(agreementId));
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        AgreementObligations own = AgreementObligations.of(a, obligations.lockOfAgreements(List.of(a)));
        AgreementChange change = a.decide(approved, note, caller.clientId(), today, own, voucherRules.graceDays(),
                now);
        if (approved) {
            change = change.and(issueDownPayment(caller, a, today, now));
        }
        ledger.save(List.of(new AgreementLedger.Changed(a, change)), caller.actor(), caller.correlationId(), now);
        return saved(a.id());
    }

    @Override
    @Transactional
    public AgreementView cancel(Caller caller, UUID agreementId, String reason) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Agreement read = agreements.find(agreementId).orElseThrow(() -> notFound(agreementId));
        // Lock order: the voucher, then the agreement, then the obligations (as a payment of it does).
        Optional<Voucher> voucher = read.downPaymentVoucher() == null ? Optional.empty()
                : vouchers.lock(new VoucherReference(read.downPaymentVoucher().reference()));
        Agreement a = agreements.lock(agreementId).orElseThrow(() -> notFound(agreementId));
        if (!Objects.equals(a.downPaymentVoucher() == null ? null : a.downPaymentVoucher().reference(),
                voucher.map(v -> v.reference().value()).orElse(null))) {
            // Approved (its voucher issued) between the read and the lock: the voucher is not locked; start again.
            throw new PreconditionFailedException(PreconditionFailedException.STALE_VERSION, "agreement " + agreementId
                    + " changed while it was being cancelled: read it again");
        }
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        AgreementObligations own = AgreementObligations.of(a, obligations.lockOfAgreements(List.of(a)));
        AgreementChange change = a.cancel(reason, today, own, voucherRules.graceDays(), now);
        voucher.filter(v -> v.storedStatus() == VoucherStatus.ISSUED).ifPresent(v -> own.downPayment()
                .ifPresent(downPayment -> {
                    v.cancelWithAgreement(downPayment, today, voucherRules.graceDays(), now);
                    vouchers.update(v);
                    audit.record(Audit.entry(caller, now, "VOUCHER_CANCELLED", "VOUCHER", v.reference().value(),
                            Map.of("debtorId", v.debtorId().value(), "agreement", a.id().toString())));
                }));
        ledger.save(List.of(new AgreementLedger.Changed(a, change)), caller.actor(), caller.correlationId(), now);
        return saved(a.id());
    }

    @Override
    @Transactional
    public VoucherView payoffVoucher(Caller caller, UUID agreementId) {
        Agreement a = visible(caller, StaffRole.OPERATOR, agreements.find(agreementId), agreementId);
        List<Obligation> unpaid = a.payoffInstallments(AgreementObligations.of(a,
                obligations.lockOfAgreements(List.of(a))));
        return issuer.issue(caller.actor(), caller.correlationId(), a.debtorId(), unpaid, LocalDate.now(clock),
                clock.instant());
    }

    @Override
    @Transactional
    public Compliance certify(Caller caller, DebtorId debtor, LocalDate asOf) {
        requireOwnerOrStaff(caller, debtor, StaffRole.READER);
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        List<Reason> reasons = obligations.overdueOf(debtor, date).stream()
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(o -> o.id().value()))
                .map(o -> new Reason(o.installment() != null ? "OVERDUE_INSTALLMENT" : "OVERDUE_OBLIGATION", o.id(),
                        o.type(), o.dueDate(), o.daysOverdue(date), o.link() == null ? null : o.link().agreementId()))
                .toList();
        return new Compliance(debtor, date, !reasons.isEmpty(), reasons);
    }

    /** The down payment as an obligation of the agreement, and the voucher that collects it. */
    private AgreementChange issueDownPayment(Caller caller, Agreement a, LocalDate today, Instant now) {
        Obligation downPayment = a.newDownPayment(ObligationId.random(), today, voucherRules.validityDays(), now);
        obligations.add(downPayment);
        VoucherView v = issuer.issueDownPayment(caller.actor(), caller.correlationId(), downPayment, today, now);
        a.downPaymentVoucherIssued(new Agreement.DownPaymentVoucher(v.voucher().reference().value(),
                v.voucher().amount(), v.voucher().expiresOn()), now);
        return new AgreementChange(List.of(), List.of(), true, List.of());
    }

    /** The agreement's rate: the configured one, or the arrears rate in force on {@code day}. */
    private BigDecimal agreementRate(LocalDate day, InterestRateTable table) {
        return terms.fixedAnnualRate().orElseGet(() -> table.rateOn(day)
                .orElseThrow(() -> new BusinessRuleException("interest-rate-unavailable", "no arrears interest rate"
                        + " is in force on " + day + "; staff must load the rate table"))
                .annualRate());
    }

    /** Of a debtor's pending obligations, those an agreement may cover on {@code today}. */
    private static List<Obligation> eligible(List<Obligation> pending, LocalDate today, int graceDays) {
        return pending.stream().filter(o -> Eligibility.check(o, today, graceDays).isEmpty()).toList();
    }

    /** The obligations asked for, each the debtor's and eligible; otherwise every refusal at once. */
    private static List<Obligation> chosen(List<Obligation> found, DebtorId debtor, List<ObligationId> ids,
                                           LocalDate today, int graceDays) {
        return ObligationSelection.pick(found.stream().filter(o -> o.debtorId().equals(debtor)).toList(), ids,
                Eligibility.Reason.NOT_FOUND, o -> Eligibility.check(o, today, graceDays));
    }

    private static Set<ObligationId> uniqueIds(List<ObligationId> ids) {
        Set<ObligationId> unique = new HashSet<>(ids);
        if (unique.size() != ids.size()) {
            throw new InvalidValueException("invalid-agreement-request", "an obligation is listed twice")
                    .atField("obligationIds");
        }
        return unique;
    }

    /** The agreement as it was just stored (its new version), with its obligations. */
    private AgreementView saved(UUID id) {
        Agreement stored = agreements.find(id).orElseThrow();
        return view(stored, ledger.obligationsOf(stored));
    }

    private static AgreementView view(Agreement a, AgreementObligations own) {
        List<AgreementView.Installment> installments = own.installments().values().stream()
                .map(o -> new AgreementView.Installment(o.installment().number(), o.id(), o.status()))
                .toList();
        List<Agreement.Remainder> reinstated = a.status() == AgreementStatus.DEFAULTED
                ? a.reinstatement(own.paidInstallments()) : List.of();
        return new AgreementView(a, installments, reinstated);
    }

    private static void requireOwnerOrStaff(Caller caller, DebtorId debtor, StaffRole staffNeeded) {
        Authorization.requireRole(caller, staffNeeded, Role.STAFF, Role.EMPLOYER);
        Authorization.requireMayActFor(caller, debtor);
    }

    /** STAFF see every agreement; an EMPLOYER its debtor's; anyone else's is answered as absent. */
    private static Agreement visible(Caller caller, StaffRole staffNeeded, Optional<Agreement> found, UUID id) {
        Authorization.requireRole(caller, staffNeeded, Role.STAFF, Role.EMPLOYER);
        return found.filter(a -> caller.mayActFor(a.debtorId())).orElseThrow(() -> notFound(id));
    }

    static NotFoundException notFound(UUID id) {
        return new NotFoundException("agreement-not-found", "no agreement " + id);
    }

    private static BusinessRuleException noEligibleDebt(DebtorId debtor) {
        return new BusinessRuleException("no-eligible-debt", "debtor " + debtor.value()
                + " has no overdue obligation that an agreement may cover");
    }

    static ConflictException agreementExists(DebtorId debtor, Agreement open) {
        return new ConflictException("agreement-exists", "debtor " + debtor.value() + " already has agreement "
                + open.id() + " (" + open.status() + "); one open agreement per debtor");
    }
}
