package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.ArrearsExemption;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A payment-facilities agreement (convenio de pago): a debtor's overdue obligations, fixed with their arrears
 * interest on the signing day, paid as a down payment and then monthly installments of a French schedule.
 *
 * <p>The rules it keeps:
 * <ul>
 *   <li>the debt is the covered obligations' principal balances plus their interest to the signing day; the down
 *       payment and the schedule follow from it ({@link Simulation});</li>
 *   <li>above the approval threshold it waits for a director ({@link AgreementStatus#PENDING_APPROVAL}); otherwise,
 *       or once approved, for its down payment; paid, it is ACTIVE and its installments fall due monthly on the
 *       activation day;</li>
 *   <li>what has been paid towards the debt (the down payment and the principal parts of paid installments; the
 *       installments' interest parts are the agreement's own financing interest) is allocated to the covered
 *       obligations oldest first, to each one's interest before its principal ({@link #allocation});</li>
 *   <li>after {@link AgreementTerms#missedInstallmentsForDefault()} consecutive overdue installments it defaults:
 *       the unpaid debt goes back to the covered obligations ({@link #reinstatement}), and
 *       reinstated = financed amount − principal paid through installments.</li>
 * </ul>
 */
public final class Agreement {

    /** Who decided on an agreement that needed approval, and what. */
    public record Decision(boolean approved, String note, String decidedBy, Instant decidedAt) {
    }

    /** The voucher through which the down payment is collected. */
    public record DownPaymentVoucher(String reference, Money amount, LocalDate expiresOn) {
    }

    /** What one covered obligation still owes after an agreement's payments were allocated. */
    public record Remainder(CoveredObligation obligation, Money interest, Money principal) {
        public Money total() {
            return interest.plus(principal);
        }
    }

    /** The maximum length of notes and reasons. */
    public static final int MAX_TEXT_LENGTH = 500;

    private final UUID id;
    private final DebtorId debtorId;
    private final String debtorName;
    private final DebtorKind debtorKind;
    private AgreementStatus status;
    private final LocalDate signedOn;
    private final int termMonths;
    private final BigDecimal annualRate;
    private final List<CoveredObligation> covered;
    private final Money downPayment;
    private final Money financedAmount;
    private List<ScheduledInstallment> schedule;
    private final boolean requiresApproval;
    private DownPaymentVoucher downPaymentVoucher;
    private LocalDate activatedOn;
    private Decision decision;
    private LocalDate closedOn;
    private String closeReason;
    private final String createdBy;
    private final Instant createdAt;
    private Instant updatedAt;
    private final long version;

    private Agreement(UUID id, DebtorId debtorId, String debtorName, DebtorKind debtorKind, AgreementStatus status,
                      LocalDate signedOn, int termMonths, BigDecimal annualRate, List<CoveredObligation> covered,
                      Money downPayment, Money financedAmount, List<ScheduledInstallment> schedule,
                      boolean requiresApproval, DownPaymentVoucher downPaymentVoucher, LocalDate activatedOn,
                      Decision decision, LocalDate closedOn, String closeReason, String createdBy, Instant createdAt,
                      Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.debtorId = Objects.requireNonNull(debtorId, "debtorId");
        this.debtorName = Objects.requireNonNull(debtorName, "debtorName");
        this.debtorKind = Objects.requireNonNull(debtorKind, "debtorKind");
        this.status = Objects.requireNonNull(status, "status");
        this.signedOn = Objects.requireNonNull(signedOn, "signedOn");
        this.termMonths = termMonths;
        this.annualRate = Objects.requireNonNull(annualRate, "annualRate");
        this.covered = List.copyOf(covered);
        this.downPayment = Objects.requireNonNull(downPayment, "downPayment");
        this.financedAmount = Objects.requireNonNull(financedAmount, "financedAmount");
        this.schedule = List.copyOf(schedule);
        this.requiresApproval = requiresApproval;
        this.downPaymentVoucher = downPaymentVoucher;
        this.activatedOn = activatedOn;
        this.decision = decision;
        this.closedOn = closedOn;
        this.closeReason = closeReason;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /**
     * The debt an agreement over {@code obligations} would have on {@code today}: for each, its principal balance
     * and the arrears interest accrued to that day, oldest due date first.
     */
    public static List<CoveredObligation> debtOf(Collection<Obligation> obligations, LocalDate today,
                                                 InterestRateTable rates) {
        return obligations.stream()
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(o -> o.id().value()))
                .map(o -> new CoveredObligation(o.id(), o.type(), o.dueDate(), o.principalBalance(),
                        o.interestAsOf(today, rates)))
                .toList();
    }

    /** The sum of the covered obligations' principal and interest. */
    public static Money total(List<CoveredObligation> covered) {
        return covered.stream().map(CoveredObligation::total).reduce(Money.ZERO, Money::plus);
    }

    /** A new agreement and what its subscription changed. */
    public record Subscription(Agreement agreement, AgreementChange change) {
    }

    /**
     * Signs an agreement over {@code chosen} (eligible obligations, checked by the caller with {@link Eligibility},
     * row-locked) for {@code termMonths} at {@code annualRate}: PENDING_APPROVAL when the debt is above the threshold
     * of the debtor's kind, AWAITING_DOWN_PAYMENT otherwise. The debt is each obligation's principal balance and
     * arrears interest on {@code today}; the obligations are reserved for it (none a voucher still protects: its
     * expiry plus {@code graceDays}).
     *
     * @throws BusinessRuleException {@code no-eligible-debt} when {@code chosen} is empty
     */
    public static Subscription subscribe(UUID id, DebtorId debtor, List<Obligation> chosen, int termMonths,
                                         BigDecimal annualRate, LocalDate today, AgreementTerms terms,
                                         InterestRateTable rates, int graceDays, String actor, Instant now) {
        List<CoveredObligation> covered = debtOf(chosen, today, rates);
        Agreement a = subscribe(id, debtor, chosen.isEmpty() ? null : chosen.get(0).debtorName(), covered,
                termMonths, annualRate, today, terms, actor, now);
        chosen.forEach(o -> o.reserveFor(id, today, graceDays, now));
        return new Subscription(a, new AgreementChange(List.of(), chosen, true, List.of(new AgreementEvent.Subscribed(
                debtor.value(), a.status, a.debt(), termMonths,
                covered.stream().map(c -> c.obligationId().toString()).toList()))));
    }

    /**
     * An agreement over {@code covered} debt as it stood on the signing day (the obligations themselves are reserved
     * by {@link #subscribe(UUID, DebtorId, List, int, BigDecimal, LocalDate, AgreementTerms, InterestRateTable, int,
     * String, Instant)}).
     */
    public static Agreement subscribe(UUID id, DebtorId debtor, String debtorName, List<CoveredObligation> covered,
                                      int termMonths, BigDecimal annualRate, LocalDate today, AgreementTerms terms,
                                      String actor, Instant now) {
        if (covered.isEmpty()) {
            throw new BusinessRuleException("no-eligible-debt", "debtor " + debtor.value()
                    + " has no overdue obligation that an agreement may cover");
        }
        DebtorKind kind = DebtorKind.of(debtor.kind());
        Simulation s = Simulation.of(covered, termMonths, kind, annualRate, today, terms);
        List<CoveredObligation> oldestFirst = covered.stream().sorted(Comparator.comparing(
                CoveredObligation::dueDate).thenComparing(c -> c.obligationId().value())).toList();
        return new Agreement(id, debtor, debtorName, kind,
                s.requiresApproval() ? AgreementStatus.PENDING_APPROVAL : AgreementStatus.AWAITING_DOWN_PAYMENT,
                today, termMonths, annualRate, oldestFirst, s.downPayment(), s.financedAmount(), s.installments(),
                s.requiresApproval(), null, null, null, null, null, actor, now, now, 0);
    }

    /** Rebuilds a stored agreement; no rule is checked. */
    public static Agreement restore(UUID id, DebtorId debtorId, String debtorName, DebtorKind debtorKind,
                                    AgreementStatus status, LocalDate signedOn, int termMonths, BigDecimal annualRate,
                                    List<CoveredObligation> covered, Money downPayment, Money financedAmount,
                                    List<ScheduledInstallment> schedule, boolean requiresApproval,
                                    DownPaymentVoucher downPaymentVoucher, LocalDate activatedOn, Decision decision,
                                    LocalDate closedOn, String closeReason, String createdBy, Instant createdAt,
                                    Instant updatedAt, long version) {
        return new Agreement(id, debtorId, debtorName, debtorKind, status, signedOn, termMonths, annualRate, covered,
                downPayment, financedAmount, schedule, requiresApproval, downPaymentVoucher, activatedOn, decision,
                closedOn, closeReason, createdBy, createdAt, updatedAt, version);
    }

    // ------------------------------------------------------------------------------------- approval and the start

    /**
     * A director's decision on an agreement waiting for approval: approved, it awaits its down payment (the caller
     * then creates it and its voucher: {@link #newDownPayment}); rejected, it is closed and its obligations are free.
     * Four eyes: whoever subscribed the agreement ({@link #createdBy()}) may not decide it, either way.
     *
     * @param actor who decides (an actor id, as {@link #createdBy()} is)
     * @throws ForbiddenException {@code four-eyes} when {@code actor} subscribed it
     */
    public AgreementChange decide(boolean approved, String note, String actor, LocalDate today,
                                  AgreementObligations own, int graceDays, Instant now) {
        requireStatus("be approved or rejected", AgreementStatus.PENDING_APPROVAL);
        if (createdBy.equals(actor)) {
            throw new ForbiddenException("four-eyes", "agreement " + id + " was subscribed by the same person who"
                    + " now decides it: another director must decide it (four eyes)");
        }
        String text = checkText(note, "note", false);
        decision = new Decision(approved, text, actor, now);
        updatedAt = now;
        AgreementChange decided = new AgreementChange(List.of(), List.of(), true,
                List.of(new AgreementEvent.Decided(approved, text)));
        if (approved) {
            status = AgreementStatus.AWAITING_DOWN_PAYMENT;
            return decided;
        }
        close(AgreementStatus.REJECTED, today, text == null ? "not approved" : text, now);
        return decided.and(release(own, today, graceDays, now));
    }

    /**
     * The down payment of an agreement awaiting it, as an obligation: installment 0 of the agreement for the down
     * payment, due on the last day of its voucher ({@code today + validityDays}), so that the voucher carries no
     * interest.
     */
    public Obligation newDownPayment(ObligationId obligationId, LocalDate today, int validityDays, Instant now) {
        requireStatus("get a down payment", AgreementStatus.AWAITING_DOWN_PAYMENT);
        PrincipalBase base = PrincipalBase.of(covered);
        Money interestPart = base.interestUnpaidAfter(Money.ZERO).minus(base.interestUnpaidAfter(downPayment));
        return Obligation.installment(obligationId, debtorId, debtorName, new InstallmentOf(id, 0), downPayment,
                interestPart, today.plusDays(validityDays), "Convenio de pago " + id + ": cuota inicial", now);
    }

    /** Records the voucher of the down payment, issued when the agreement starts waiting for it. */
    public void downPaymentVoucherIssued(DownPaymentVoucher voucher, Instant now) {
        requireStatus("get a down-payment voucher", AgreementStatus.AWAITING_DOWN_PAYMENT);
        this.downPaymentVoucher = Objects.requireNonNull(voucher, "voucher");
        updatedAt = now;
    }

    /**
     * Staff cancel it before it is active: CANCELLED, its obligations free, its down payment released from its voucher
     * and cancelled. The caller locked that voucher first (lock order: voucher, agreement, obligations) and cancels it
     * with the agreement ({@code Voucher.cancelWithAgreement}).
     */
    public AgreementChange cancel(String reason, LocalDate today, AgreementObligations own, int graceDays,
                                  Instant now) {
        requireStatus("be cancelled", AgreementStatus.PENDING_APPROVAL, AgreementStatus.AWAITING_DOWN_PAYMENT);
        close(AgreementStatus.CANCELLED, today, checkText(reason, "reason", true), now);
        List<Obligation> released = new ArrayList<>();
        if (downPaymentVoucher != null) {
            own.downPayment().filter(o -> o.status() == ObligationStatus.PENDING).ifPresent(o -> {
                o.release(downPaymentVoucher.reference(), now);
                released.add(o);
            });
        }
        return new AgreementChange(List.of(), released, true, List.of(new AgreementEvent.Cancelled(closeReason)))
                .and(release(own, today, graceDays, now));
    }

    /**
     * Whether it lapses on {@code today}: still awaiting its down payment, whose voucher expired more than
     * {@code graceDays} days before (the grace lets banks post payments of the voucher's last day that arrive late).
     */
    public boolean downPaymentLapsedOn(LocalDate today, int graceDays) {
        return status == AgreementStatus.AWAITING_DOWN_PAYMENT && downPaymentVoucher != null
                && today.isAfter(downPaymentVoucher.expiresOn().plusDays(graceDays));
    }

    /** Frees the covered obligations of an agreement that will not start and cancels its unpaid down payment. */
    private AgreementChange release(AgreementObligations own, LocalDate today, int graceDays, Instant now) {
        List<Obligation> changed = new ArrayList<>();
        for (Obligation o : own.covered()) {
            if (id.equals(o.coveringAgreement())) {
                o.releaseReservation(id, now);
                changed.add(o);
            }
        }
        own.downPayment().filter(o -> o.status() == ObligationStatus.PENDING).ifPresent(o -> {
            o.cancelForAgreement(id, "agreement " + status.name().toLowerCase() + ": " + closeReason, today,
                    graceDays, now);
            changed.add(o);
        });
        return new AgreementChange(List.of(), changed, true, List.of());
    }

    // ---------------------------------------------------------------------------------------- payments and reversals

    /**
     * A collection made {@code paidNow} PAID on {@code businessDate} ({@code own}: the agreement's obligations as
     * they are after it). Its down payment paid while awaiting it: ACTIVE, the installments become obligations due
     * monthly from {@code businessDate}, the covered obligations enter the agreement. Its last installment paid:
     * COMPLETED, each covered obligation receives its whole debt and is PAID. Anything else: nothing.
     */
    public AgreementChange onPaid(Collection<Obligation> paidNow, AgreementObligations own, LocalDate businessDate,
                                  Instant now) {
        List<InstallmentOf> lines = linesOf(paidNow);
        if (lines.stream().anyMatch(InstallmentOf::isDownPayment) && status == AgreementStatus.AWAITING_DOWN_PAYMENT) {
            return activate(own, businessDate, now);
        }
        if (lines.stream().anyMatch(i -> !i.isDownPayment()) && status == AgreementStatus.ACTIVE
                && allInstallmentsPaid(own)) {
            return complete(own, businessDate, now);
        }
        return AgreementChange.none();
    }

    private AgreementChange activate(AgreementObligations own, LocalDate businessDate, Instant now) {
        status = AgreementStatus.ACTIVE;
        activatedOn = businessDate;
        schedule = AmortizationSchedule.dated(schedule, businessDate);
        updatedAt = now;
        List<Obligation> installments = schedule.stream().map(s -> Obligation.installment(ObligationId.random(),
                debtorId, debtorName, new InstallmentOf(id, s.number()), s.installment(), s.interest(), s.dueDate(),
                "Convenio de pago " + id + ": cuota " + s.number() + " de " + termMonths, now)).toList();
        List<Obligation> covered = requireAllCovered(own);
        covered.forEach(o -> o.enterAgreement(id, now));
        return new AgreementChange(installments, covered, true, List.of(new AgreementEvent.Activated(businessDate)));
    }

    private AgreementChange complete(AgreementObligations own, LocalDate today, Instant now) {
        Map<ObligationId, CoveredObligation> debt = coveredById();
        List<Obligation> covered = requireAllCovered(own);
        for (Obligation o : covered) {
            CoveredObligation c = debt.get(o.id());
            o.settleThroughAgreement(id, c.interest(), c.principal(), signedOn, List.of(), now);
        }
        close(AgreementStatus.COMPLETED, today, "every installment was paid", now);
        return new AgreementChange(List.of(), covered, true, List.of(new AgreementEvent.Completed(today)));
    }

    /**
     * A reversal made {@code restored} PENDING again ({@code own}: the agreement's obligations after it, row-locked).
     * Its down payment's payment reversed while no installment is paid: back to AWAITING_DOWN_PAYMENT, the unpaid
     * installments cancelled and detached, the covered obligations PENDING (still reserved). The payment of its last
     * installment reversed: ACTIVE again, the covered obligations back IN_AGREEMENT.
     *
     * @throws BusinessRuleException {@code agreement-defaulted} when it defaulted counting that payment;
     *                               {@code agreement-installments-paid} when its down payment is reversed after an
     *                               installment was paid
     */
    public AgreementChange onReversed(Collection<Obligation> restored, AgreementObligations own, LocalDate today,
                                      int graceDays, Instant now) {
        List<InstallmentOf> lines = linesOf(restored);
        if (lines.isEmpty()) {
            return AgreementChange.none();
        }
        if (status == AgreementStatus.DEFAULTED) {
            throw new BusinessRuleException("agreement-defaulted", "agreement " + id + " defaulted on " + closedOn
                    + " counting this payment; it can no longer be reversed");
        }
        if (lines.stream().anyMatch(InstallmentOf::isDownPayment) && status == AgreementStatus.ACTIVE) {
            return deactivate(own, today, graceDays, now);
        }
        if (status == AgreementStatus.COMPLETED) {
            return reopen(own, now);
        }
        return AgreementChange.none();
    }

    private AgreementChange deactivate(AgreementObligations own, LocalDate today, int graceDays, Instant now) {
        if (!own.paidInstallments().isEmpty()) {
            throw new BusinessRuleException("agreement-installments-paid", "agreement " + id
                    + " already has paid installments; its down payment can no longer be reversed");
        }
        List<Obligation> changed = new ArrayList<>();
        for (Obligation o : own.unpaidInstallments()) {
            o.cancelUndoneInstallment(id, "agreement " + id + ": its down payment was reversed", today, graceDays,
                    now);
            changed.add(o);
        }
        for (Obligation o : own.covered()) {
            if (id.equals(o.coveringAgreement()) && o.status() == ObligationStatus.IN_AGREEMENT) {
                o.leaveAgreement(id, now);
                changed.add(o);
            }
        }
        status = AgreementStatus.AWAITING_DOWN_PAYMENT;
        activatedOn = null;
        updatedAt = now;
        return new AgreementChange(List.of(), changed, true, List.of(new AgreementEvent.Deactivated()));
    }

    private AgreementChange reopen(AgreementObligations own, Instant now) {
        Map<ObligationId, CoveredObligation> debt = coveredById();
        List<Obligation> covered = new ArrayList<>();
        for (CoveredObligation c : this.covered) {
            Obligation o = own.covered(c.obligationId()).orElseThrow(() -> new IllegalStateException(
                    "agreement " + id + " is missing its covered obligation " + c.obligationId()));
            o.reopenInAgreement(id, debt.get(o.id()).interest(), debt.get(o.id()).principal(), signedOn, now);
            covered.add(o);
        }
        status = AgreementStatus.ACTIVE;
        closedOn = null;
        closeReason = null;
        updatedAt = now;
        return new AgreementChange(List.of(), covered, true, List.of(new AgreementEvent.Reopened()));
    }

    // ----------------------------------------------------------------------------------------- the daily check

    /**
     * The daily check on {@code date} ({@code own}: its obligations, row-locked):
     * <ul>
     *   <li>awaiting its down payment whose voucher expired more than {@code graceDays} before: LAPSED, the down
     *       payment cancelled, the covered obligations free;</li>
     *   <li>active with {@link AgreementTerms#missedInstallmentsForDefault()} consecutive installments unpaid and due
     *       before {@code date}: DEFAULTED, its unpaid installments cancelled and the unpaid debt reinstated on the
     *       covered obligations ({@link #reinstatement}) with arrears exempt on the days whose financing interest
     *       the paid installments covered ({@link #exemptions}). But while a voucher still holds one of its unpaid
     *       installments and a bank may post its payment (its expiry plus {@code graceDays}), the default waits
     *       (an event {@link AgreementEvent.DefaultDeferred}, nothing changed): a payment posted meanwhile applies,
     *       and the default then works on what is left;</li>
     *   <li>otherwise nothing.</li>
     * </ul>
     */
    public AgreementChange check(LocalDate date, AgreementObligations own, AgreementTerms terms, int graceDays,
                                 Instant now) {
        if (downPaymentLapsedOn(date, graceDays)) {
            close(AgreementStatus.LAPSED, date, "the down payment was not paid by " + downPaymentVoucher.expiresOn(),
                    now);
            return new AgreementChange(List.of(), List.of(), true, List.of(new AgreementEvent.Lapsed(date,
                    downPaymentVoucher.expiresOn()))).and(release(own, date, graceDays, now));
        }
        if (!isInDefaultOn(date, own, terms)) {
            return AgreementChange.none();
        }
        LocalDate protectedThrough = null;
        for (Obligation o : own.unpaidInstallments()) {
            if (o.hold() != null && o.hold().protectsOn(date, graceDays)) {
                LocalDate through = o.hold().until().plusDays(graceDays);
                protectedThrough = protectedThrough == null || through.isAfter(protectedThrough) ? through
                        : protectedThrough;
            }
        }
        if (protectedThrough != null) {
            return new AgreementChange(List.of(), List.of(), false,
                    List.of(new AgreementEvent.DefaultDeferred(date, protectedThrough)));
        }
        return declareDefault(date, own, terms, graceDays, now);
    }

    private AgreementChange declareDefault(LocalDate date, AgreementObligations own, AgreementTerms terms,
                                           int graceDays, Instant now) {
        Set<Integer> paid = own.paidInstallments();
        String reason = terms.missedInstallmentsForDefault() + " consecutive installments overdue on " + date;
        List<Obligation> changed = new ArrayList<>();
        for (Obligation o : own.unpaidInstallments()) {
            o.cancelForAgreement(id, "agreement defaulted: " + reason, date, graceDays, now);
            changed.add(o);
        }
        Map<String, String> reinstated = new LinkedHashMap<>();
        for (Remainder r : reinstatement(paid)) {
            CoveredObligation c = r.obligation();
            Obligation o = own.covered(c.obligationId()).filter(x -> id.equals(x.coveringAgreement()))
                    .orElseThrow(() -> new IllegalStateException("agreement " + id
                            + " does not hold its covered obligation " + c.obligationId()));
            o.settleThroughAgreement(id, c.interest().minus(r.interest()), c.principal().minus(r.principal()),
                    signedOn, exemptions(c.obligationId(), r.principal(), paid), now);
            changed.add(o);
            reinstated.put(c.obligationId().toString(), r.total().toString());
        }
        close(AgreementStatus.DEFAULTED, date, reason, now);
        return new AgreementChange(List.of(), changed, true, List.of(new AgreementEvent.Defaulted(date,
                principalPaidThroughInstallments(paid), reinstated)));
    }

    /**
     * Whether it is in default on {@code date}: ACTIVE, with {@link AgreementTerms#missedInstallmentsForDefault()}
     * consecutive installments unpaid and due before it. From then on its installments go on no new voucher: the
     * default is due, and only vouchers issued before it may still be paid.
     */
    public boolean isInDefaultOn(LocalDate date, AgreementObligations own, AgreementTerms terms) {
        return status == AgreementStatus.ACTIVE
                && hasMissedConsecutive(own.paidInstallments(), date, terms.missedInstallmentsForDefault());
    }

    /**
     * The unpaid installments that a payoff voucher collects: every one of an ACTIVE agreement.
     *
     * @throws ConflictException {@code invalid-agreement-state} when it is not ACTIVE or nothing is unpaid
     */
    public List<Obligation> payoffInstallments(AgreementObligations own) {
        if (status != AgreementStatus.ACTIVE) {
            throw new ConflictException("invalid-agreement-state", "agreement " + id + " is " + status
                    + "; only an ACTIVE agreement is paid off");
        }
        List<Obligation> unpaid = own.unpaidInstallments();
        if (unpaid.isEmpty()) {
            throw new ConflictException("invalid-agreement-state", "agreement " + id + " has no unpaid installment");
        }
        return unpaid;
    }

    /**
     * Whether {@code missed} consecutive installments are overdue on {@code date}: each unpaid and due before it.
     *
     * @param paid the numbers of the paid installments
     */
    public boolean hasMissedConsecutive(Set<Integer> paid, LocalDate date, int missed) {
        int run = 0;
        for (ScheduledInstallment i : schedule) {
            if (!paid.contains(i.number()) && i.dueDate().isBefore(date)) {
                if (++run >= missed) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /** What has been paid towards the debt: the down payment (once active) and the paid installments' principal. */
    public Money paidTowardDebt(Set<Integer> paidInstallments) {
        return downPayment.plus(principalPaidThroughInstallments(paidInstallments));
    }

    /** The principal parts of the paid installments. */
    public Money principalPaidThroughInstallments(Set<Integer> paidInstallments) {
        return schedule.stream().filter(i -> paidInstallments.contains(i.number()))
                .map(ScheduledInstallment::principal).reduce(Money.ZERO, Money::plus);
    }

    /**
     * {@code paid} allocated to the covered obligations: oldest due date first, each one's interest (to the
     * signing day) before its principal.
     */
    public Map<UUID, Allocation> allocation(Money paid) {
        return Allocation.allocate(paid, covered.stream().map(c -> new Allocation.Due(c.obligationId(), c.dueDate(),
                        c.interest(), c.principal())).toList()).stream()
                .collect(Collectors.toMap(a -> a.obligationId().value(), Function.identity()));
    }

    /**
     * What each covered obligation still owes once the paid installments and the down payment are allocated: the
     * debt reinstated on default. Its total is the financed amount less the principal paid through installments.
     */
    public List<Remainder> reinstatement(Set<Integer> paidInstallments) {
        Map<UUID, Allocation> allocated = allocation(paidTowardDebt(paidInstallments));
        return covered.stream().map(c -> {
            Allocation a = allocated.get(c.obligationId().value());
            Money interest = a == null ? c.interest() : c.interest().minus(a.interest());
            Money principal = a == null ? c.principal() : c.principal().minus(a.principal());
            return new Remainder(c, interest, principal);
        }).toList();
    }

    /**
     * The days on which a reinstated obligation accrues no arrears on part of its principal, because the debtor paid
     * financing interest for them (ADR 0003, "no day is charged twice"). Paid installment {@code j} charged interest
     * on the principal of each covered obligation still unpaid before it by the schedule
     * ({@link PrincipalBase#unpaidByObligationAfter}: after the down payment and the principal parts of installments 1
     * to j − 1) for the days after installment j − 1's due date (the activation day for the first) through its own.
     * On those days, arrears do not accrue on that much of the {@code reinstatedPrincipal} (usually all of it).
     * Adjacent windows of equal principal are merged.
     */
    public List<ArrearsExemption> exemptions(ObligationId obligation, Money reinstatedPrincipal,
                                             Set<Integer> paidInstallments) {
        if (activatedOn == null || !reinstatedPrincipal.isPositive()) {
            return List.of();
        }
        PrincipalBase base = PrincipalBase.of(covered);
        List<ArrearsExemption> windows = new ArrayList<>();
        Money amortized = Money.ZERO;
        LocalDate previousDue = activatedOn;
        for (ScheduledInstallment i : schedule) {
            if (paidInstallments.contains(i.number())) {
                Money bore = base.unpaidByObligationAfter(downPayment.plus(amortized))
                        .getOrDefault(obligation, Money.ZERO).min(reinstatedPrincipal);
                if (bore.isPositive()) {
                    ArrearsExemption window = new ArrearsExemption(previousDue.plusDays(1), i.dueDate(), bore, id);
                    ArrearsExemption last = windows.isEmpty() ? null : windows.get(windows.size() - 1);
                    if (last != null && last.principal().equals(bore)
                            && last.to().plusDays(1).equals(window.from())) {
                        windows.set(windows.size() - 1, new ArrearsExemption(last.from(), window.to(), bore, id));
                    } else {
                        windows.add(window);
                    }
                }
            }
            amortized = amortized.plus(i.principal());
            previousDue = i.dueDate();
        }
        return windows;
    }

    private Map<ObligationId, CoveredObligation> coveredById() {
        return covered.stream().collect(Collectors.toMap(CoveredObligation::obligationId, Function.identity()));
    }

    /** The covered obligations, each still reserved by or in this agreement. */
    private List<Obligation> requireAllCovered(AgreementObligations own) {
        List<Obligation> result = new ArrayList<>();
        for (CoveredObligation c : covered) {
            result.add(own.covered(c.obligationId()).filter(o -> id.equals(o.coveringAgreement()))
                    .orElseThrow(() -> new IllegalStateException("agreement " + id
                            + " does not hold its covered obligation " + c.obligationId())));
        }
        return result;
    }

    /** Whether every installment (not the down payment) is paid. */
    private boolean allInstallmentsPaid(AgreementObligations own) {
        List<Obligation> live = own.liveInstallments();
        return live.size() == termMonths && live.stream().allMatch(o -> o.status() == ObligationStatus.PAID);
    }

    private List<InstallmentOf> linesOf(Collection<Obligation> obligations) {
        return obligations.stream().map(Obligation::installment).filter(Objects::nonNull)
                .filter(i -> i.agreementId().equals(id)).toList();
    }

    /** The sum of the covered obligations' principal and interest on the signing day. */
    public Money debt() {
        return total(covered);
    }

    private void close(AgreementStatus closed, LocalDate on, String reason, Instant now) {
        status = closed;
        closedOn = on;
        closeReason = reason;
        updatedAt = now;
    }

    private void requireStatus(String action, AgreementStatus... allowed) {
        for (AgreementStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new ConflictException("invalid-agreement-state", "agreement " + id + " is " + status
                + " and cannot " + action);
    }

    private static String checkText(String text, String field, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new InvalidValueException("invalid-agreement-request", "a " + field + " is required")
                        .atField(field);
            }
            return null;
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            throw new InvalidValueException("invalid-agreement-request", "must have at most " + MAX_TEXT_LENGTH
                    + " characters").atField(field);
        }
        return text.strip();
    }

    public UUID id() {
        return id;
    }

    public DebtorId debtorId() {
        return debtorId;
    }

    public String debtorName() {
        return debtorName;
    }

    public DebtorKind debtorKind() {
        return debtorKind;
    }

    public AgreementStatus status() {
        return status;
    }

    public LocalDate signedOn() {
        return signedOn;
    }

    public int termMonths() {
        return termMonths;
    }

    public BigDecimal annualRate() {
        return annualRate;
    }

    public List<CoveredObligation> covered() {
        return covered;
    }

    public Money downPayment() {
        return downPayment;
    }

    public Money financedAmount() {
        return financedAmount;
    }

    /** The amortization table; dated from the signing day until activation, from the activation day after. */
    public List<ScheduledInstallment> schedule() {
        return schedule;
    }

    public boolean requiresApproval() {
        return requiresApproval;
    }

    /** The down-payment voucher, or null before one is issued (while waiting for approval). */
    public DownPaymentVoucher downPaymentVoucher() {
        return downPaymentVoucher;
    }

    public LocalDate activatedOn() {
        return activatedOn;
    }

    public Decision decision() {
        return decision;
    }

    public LocalDate closedOn() {
        return closedOn;
    }

    public String closeReason() {
        return closeReason;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    public Money totalInterest() {
        return schedule.stream().map(ScheduledInstallment::interest).reduce(Money.ZERO, Money::plus);
    }

    public Money totalToPay() {
        return schedule.stream().map(ScheduledInstallment::installment).reduce(downPayment, Money::plus);
    }
}
