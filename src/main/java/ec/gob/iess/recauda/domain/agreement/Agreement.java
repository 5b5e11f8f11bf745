package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
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

    /**
     * Signs an agreement over {@code covered} (eligible obligations, checked by the caller with
     * {@link Eligibility}) for {@code termMonths} at {@code annualRate}: PENDING_APPROVAL when the debt is above the
     * threshold of the debtor's kind, AWAITING_DOWN_PAYMENT otherwise.
     */
    public static Agreement subscribe(UUID id, DebtorId debtor, String debtorName, List<CoveredObligation> covered,
                                      int termMonths, BigDecimal annualRate, LocalDate today, AgreementTerms terms,
                                      String actor, Instant now) {
        if (covered.isEmpty()) {
            throw new BusinessRuleException("no-eligible-debt", "debtor " + debtor.value()
                    + " has no overdue obligation that an agreement may cover");
        }
        DebtorKind kind = DebtorKind.of(debtor.kind());
        Simulation s = Simulation.of(total(covered), termMonths, kind, annualRate, today, terms);
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

    /** A director's decision on an agreement waiting for approval. */
    public void decide(boolean approved, String note, String actor, LocalDate today, Instant now) {
        requireStatus("be approved or rejected", AgreementStatus.PENDING_APPROVAL);
        String text = checkText(note, "note", false);
        decision = new Decision(approved, text, actor, now);
        if (approved) {
            status = AgreementStatus.AWAITING_DOWN_PAYMENT;
        } else {
            close(AgreementStatus.REJECTED, today, text == null ? "not approved" : text, now);
        }
        updatedAt = now;
    }

    /** Records the voucher of the down payment, issued when the agreement starts waiting for it. */
    public void downPaymentVoucherIssued(DownPaymentVoucher voucher, Instant now) {
        requireStatus("get a down-payment voucher", AgreementStatus.AWAITING_DOWN_PAYMENT);
        this.downPaymentVoucher = Objects.requireNonNull(voucher, "voucher");
        updatedAt = now;
    }

    /**
     * The down payment was paid on {@code businessDate}: ACTIVE, the installments due monthly from that day.
     *
     * @return the installments, dated
     */
    public List<ScheduledInstallment> activate(LocalDate businessDate, Instant now) {
        requireStatus("be activated", AgreementStatus.AWAITING_DOWN_PAYMENT);
        status = AgreementStatus.ACTIVE;
        activatedOn = businessDate;
        schedule = AmortizationSchedule.dated(schedule, businessDate);
        updatedAt = now;
        return schedule;
    }

    /** The down payment's payment was reversed before any installment was paid: back to waiting for it. */
    public void deactivate(Instant now) {
        requireStatus("return to waiting for its down payment", AgreementStatus.ACTIVE);
        status = AgreementStatus.AWAITING_DOWN_PAYMENT;
        activatedOn = null;
        updatedAt = now;
    }

    /**
     * Whether it lapses on {@code today}: still awaiting its down payment, whose voucher expired more than
     * {@code graceDays} days before (the grace lets banks post payments of the voucher's last day that arrive late).
     */
    public boolean downPaymentLapsedOn(LocalDate today, int graceDays) {
        return status == AgreementStatus.AWAITING_DOWN_PAYMENT && downPaymentVoucher != null
                && today.isAfter(downPaymentVoucher.expiresOn().plusDays(graceDays));
    }

    /** The down payment was not paid by its voucher's expiry: LAPSED. */
    public void lapse(LocalDate today, int graceDays, Instant now) {
        if (!downPaymentLapsedOn(today, graceDays)) {
            throw new IllegalStateException("agreement " + id + " has not lapsed on " + today);
        }
        close(AgreementStatus.LAPSED, today, "the down payment was not paid by " + downPaymentVoucher.expiresOn(),
                now);
    }

    /** Staff cancel it before it is active. */
    public void cancel(String reason, LocalDate today, Instant now) {
        requireStatus("be cancelled", AgreementStatus.PENDING_APPROVAL, AgreementStatus.AWAITING_DOWN_PAYMENT);
        close(AgreementStatus.CANCELLED, today, checkText(reason, "reason", true), now);
    }

    /** Every installment is paid: COMPLETED. */
    public void complete(LocalDate today, Instant now) {
        requireStatus("be completed", AgreementStatus.ACTIVE);
        close(AgreementStatus.COMPLETED, today, "every installment was paid", now);
    }

    /** The payment of its last installment was reversed: ACTIVE again. */
    public void reopen(Instant now) {
        requireStatus("be reopened", AgreementStatus.COMPLETED);
        status = AgreementStatus.ACTIVE;
        closedOn = null;
        closeReason = null;
        updatedAt = now;
    }

    /** Installments were missed: DEFAULTED on {@code date}. */
    public void declareDefault(LocalDate date, String reason, Instant now) {
        requireStatus("default", AgreementStatus.ACTIVE);
        close(AgreementStatus.DEFAULTED, date, reason, now);
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
