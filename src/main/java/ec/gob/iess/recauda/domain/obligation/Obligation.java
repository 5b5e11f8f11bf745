package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.DebtorIdKind;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An amount a debtor owes the institution, with a due date: the aggregate root of the portfolio.
 *
 * <p>Rules it enforces:
 * <ul>
 *   <li>on creation ({@link #create}): a debtor name of 1–200 characters, not blank; a principal greater than
 *       zero and at most {@link Money#MAX_AMOUNT}; a period for contributions and reserve funds, whose due date
 *       defaults to the 15th of the following month; otherwise an explicit due date; a description of at most 500
 *       characters; a passport debtor only for miscellaneous concepts. A new obligation is
 *       {@link ObligationStatus#PENDING} with nothing paid, at version 0;</li>
 *   <li>only a pending obligation changes stage or is cancelled; the stage only moves forward
 *       (REGULAR → GLOSA → CREDIT_TITLE → ENFORCEMENT, skipping allowed); a cancellation needs a reason of
 *       1–500 characters;</li>
 *   <li>arrears interest is computed, never stored: {@link #interestAsOf} is the interest accrued on the principal
 *       balance since the due date, less the interest already paid, never below zero.</li>
 * </ul>
 * State changes only through these behaviour methods. {@code version} is the optimistic-lock version kept by
 * persistence; the domain never changes it. Two obligations are equal when their ids are.
 */
public final class Obligation {

    /** Maximum length of the debtor's name. */
    public static final int MAX_DEBTOR_NAME_LENGTH = 200;
    /** Maximum length of a description and of a cancellation reason. */
    public static final int MAX_TEXT_LENGTH = 500;

    private final ObligationId id;
    private final DebtorId debtorId;
    private final String debtorName;
    private final ObligationType type;
    private ObligationStage stage;
    private ObligationStatus status;
    private final Money principal;
    private Money principalPaid;
    private Money interestPaid;
    private final LocalDate dueDate;
    private final Period period;
    private final String description;
    private final ExternalReference externalReference;
    private String cancellationReason;
    private final long version;
    private final Instant createdAt;
    private Instant updatedAt;
    private Hold hold;
    /** The open payment agreement that reserves (PENDING) or covers (IN_AGREEMENT) it, or null. */
    private UUID reservedBy;
    /** For an agreement installment: its agreement and number; null otherwise. */
    private InstallmentOf installment;
    /** Principal paid through a defaulted agreement that counts from a date, or null. */
    private PrincipalReduction reduction;

    /**
     * A voucher's claim on this obligation: while {@code until} has not passed, the obligation cannot go on another
     * voucher or into an agreement.
     *
     * @param voucherReference the reference of the voucher that holds it
     * @param until            the last business date of the hold (the voucher's expiry date)
     */
    public record Hold(String voucherReference, LocalDate until) {
        public Hold {
            Objects.requireNonNull(voucherReference, "voucherReference");
            Objects.requireNonNull(until, "until");
        }
    }

    private Obligation(ObligationId id, DebtorId debtorId, String debtorName, ObligationType type,
                       ObligationStage stage, ObligationStatus status, Money principal, Money principalPaid,
                       Money interestPaid, LocalDate dueDate, Period period, String description,
                       ExternalReference externalReference, String cancellationReason, long version,
                       Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.debtorId = Objects.requireNonNull(debtorId, "debtorId");
        this.debtorName = Objects.requireNonNull(debtorName, "debtorName");
        this.type = Objects.requireNonNull(type, "type");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.status = Objects.requireNonNull(status, "status");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.principalPaid = Objects.requireNonNull(principalPaid, "principalPaid");
        this.interestPaid = Objects.requireNonNull(interestPaid, "interestPaid");
        this.dueDate = Objects.requireNonNull(dueDate, "dueDate");
        this.period = period;
        this.description = description;
        this.externalReference = externalReference;
        this.cancellationReason = cancellationReason;
        this.version = version;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new pending obligation. The rules are checked in the order listed on the class and the first broken one
     * is thrown.
     *
     * @throws InvalidValueException {@code invalid-obligation} (missing debtor id or type, debtor name, period,
     *                               due date, description), {@code invalid-amount} (principal) or
     *                               {@code invalid-debtor-id} (a passport for anything but a miscellaneous concept)
     */
    public static Obligation create(ObligationId id, NewObligation data, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(now, "now");
        if (data.debtorId() == null) {
            throw invalid("debtor id is required");
        }
        if (data.type() == null) {
            throw invalid("type is required");
        }
        String name = data.debtorName();
        if (name == null || name.isBlank()) {
            throw invalid("debtor name is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_DEBTOR_NAME_LENGTH) {
            throw invalid("debtor name must have at most " + MAX_DEBTOR_NAME_LENGTH + " characters");
        }
        Money principal = data.principal();
        if (principal == null) {
            throw new InvalidValueException("invalid-amount", "principal is required");
        }
        if (!principal.isPositive()) {
            throw new InvalidValueException("invalid-amount", "principal must be greater than zero");
        }
        if (principal.amount().compareTo(Money.MAX_AMOUNT) > 0) {
            throw new InvalidValueException("invalid-amount",
                    "principal must not exceed " + Money.MAX_AMOUNT.toPlainString());
        }
        if (data.type().requiresPeriod() && data.period() == null) {
            throw invalid("a period is required for a " + data.type() + " obligation");
        }
        LocalDate dueDate = data.dueDate();
        if (dueDate == null) {
            if (!data.type().requiresPeriod()) {
                throw invalid("due date is required for a " + data.type() + " obligation");
            }
            dueDate = data.period().contributionDueDate();
        }
        String description = data.description();
        if (description != null && description.codePointCount(0, description.length()) > MAX_TEXT_LENGTH) {
            throw invalid("description must have at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (data.debtorId().kind() == DebtorIdKind.PASSPORT && data.type() != ObligationType.MISC_CONCEPT) {
            throw new InvalidValueException("invalid-debtor-id",
                    "a passport is accepted only for miscellaneous-concept payers");
        }
        ObligationStage stage = data.stage() == null ? ObligationStage.REGULAR : data.stage();
        return new Obligation(id, data.debtorId(), name, data.type(), stage, ObligationStatus.PENDING, principal,
                Money.ZERO, Money.ZERO, dueDate, data.period(), description, data.externalReference(), null, 0,
                now, now);
    }

    /**
     * Rebuilds a stored obligation as it was saved. No business rule is checked; only the required fields must be
     * present ({@code period}, {@code description}, {@code externalReference} and {@code cancellationReason} may be
     * null).
     *
     * @throws NullPointerException when a required field is null
     */
    public static Obligation restore(ObligationId id, DebtorId debtorId, String debtorName, ObligationType type,
                                     ObligationStage stage, ObligationStatus status, Money principal,
                                     Money principalPaid, Money interestPaid, LocalDate dueDate, Period period,
                                     String description, ExternalReference externalReference,
                                     String cancellationReason, long version, Instant createdAt,
                                     Instant updatedAt) {
        return restore(id, debtorId, debtorName, type, stage, status, principal, principalPaid, interestPaid, dueDate,
                period, description, externalReference, cancellationReason, version, createdAt, updatedAt, null);
    }

    /** Like the other {@code restore}, with the voucher hold the obligation had when stored (null for none). */
    public static Obligation restore(ObligationId id, DebtorId debtorId, String debtorName, ObligationType type,
                                     ObligationStage stage, ObligationStatus status, Money principal,
                                     Money principalPaid, Money interestPaid, LocalDate dueDate, Period period,
                                     String description, ExternalReference externalReference,
                                     String cancellationReason, long version, Instant createdAt,
                                     Instant updatedAt, Hold hold) {
        return restore(id, debtorId, debtorName, type, stage, status, principal, principalPaid, interestPaid, dueDate,
                period, description, externalReference, cancellationReason, version, createdAt, updatedAt, hold,
                null, null, null);
    }

    /**
     * Like the other {@code restore}, with the agreement state it had when stored: the agreement reserving or
     * covering it, the installment it is, and a principal reduction (each null for none).
     */
    public static Obligation restore(ObligationId id, DebtorId debtorId, String debtorName, ObligationType type,
                                     ObligationStage stage, ObligationStatus status, Money principal,
                                     Money principalPaid, Money interestPaid, LocalDate dueDate, Period period,
                                     String description, ExternalReference externalReference,
                                     String cancellationReason, long version, Instant createdAt,
                                     Instant updatedAt, Hold hold, UUID reservedBy, InstallmentOf installment,
                                     PrincipalReduction reduction) {
        Obligation o = new Obligation(id, debtorId, debtorName, type, stage, status, principal, principalPaid,
                interestPaid, dueDate, period, description, externalReference, cancellationReason, version,
                createdAt, updatedAt);
        o.hold = hold;
        o.reservedBy = reservedBy;
        o.installment = installment;
        o.reduction = reduction;
        return o;
    }

    /**
     * A new installment of a payment agreement (number 0 is its down payment): an AGREEMENT_INSTALLMENT obligation
     * of the agreement's debtor for {@code amount}, due on {@code dueDate}, payable like any other.
     */
    public static Obligation installment(ObligationId id, DebtorId debtor, String debtorName, InstallmentOf of,
                                         Money amount, LocalDate dueDate, String description, Instant now) {
        Objects.requireNonNull(of, "of");
        Obligation o = create(id, new NewObligation(debtor, debtorName, ObligationType.AGREEMENT_INSTALLMENT, null,
                amount, dueDate, null, description, null), now);
        o.installment = of;
        return o;
    }

    /** The agreement that reserves or covers it (for an original obligation), or null. */
    public UUID reservedBy() {
        return reservedBy;
    }

    /** Which agreement installment it is, or null when it is not one. */
    public InstallmentOf installment() {
        return installment;
    }

    /** The principal paid through a defaulted agreement that counts from a date, or null. */
    public PrincipalReduction reduction() {
        return reduction;
    }

    /** Whether an open payment agreement reserves or covers it. */
    public boolean isReserved() {
        return reservedBy != null;
    }

    /**
     * Reserves a pending obligation for a payment agreement being subscribed: no voucher or other agreement may take
     * it until the agreement is activated (it then enters it), or lapses, is rejected or cancelled (it is released).
     */
    public void reserveFor(UUID agreementId, LocalDate today, Instant now) {
        Objects.requireNonNull(agreementId, "agreementId");
        requirePending("go into an agreement");
        if (isHeldOn(today)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is held by voucher "
                    + hold.voucherReference() + " until " + hold.until());
        }
        if (reservedBy != null && !reservedBy.equals(agreementId)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is in agreement " + reservedBy);
        }
        reservedBy = agreementId;
        updatedAt = now;
    }

    /**
     * Cancels an unpaid installment of an activation that was undone (its down payment's payment was reversed) and
     * detaches it from the agreement, whose next activation creates its installments afresh.
     */
    public void cancelUndoneInstallment(String reason, Instant now) {
        if (installment == null || installment.isDownPayment()) {
            throw new IllegalStateException("obligation " + id + " is not an agreement installment");
        }
        cancel(reason, now);
        installment = null;
    }

    /** Frees it from an agreement that did not start (lapsed, rejected, cancelled); no effect for another's. */
    public void releaseReservation(UUID agreementId, Instant now) {
        if (agreementId.equals(reservedBy) && status == ObligationStatus.PENDING) {
            reservedBy = null;
            updatedAt = now;
        }
    }

    /** The agreement it was reserved for is active: IN_AGREEMENT, and its arrears interest stops. */
    public void enterAgreement(UUID agreementId, Instant now) {
        requireReservedBy(agreementId);
        requirePending("enter an agreement");
        status = ObligationStatus.IN_AGREEMENT;
        updatedAt = now;
    }

    /** The agreement's down payment was reversed: PENDING again, still reserved for the agreement. */
    public void leaveAgreement(UUID agreementId, Instant now) {
        requireReservedBy(agreementId);
        if (status != ObligationStatus.IN_AGREEMENT) {
            throw new IllegalStateException("obligation " + id + " is " + status + ", not IN_AGREEMENT");
        }
        status = ObligationStatus.PENDING;
        updatedAt = now;
    }

    /**
     * The agreement covering it ended (completed or defaulted): what the agreement paid of it is applied, interest
     * first ({@code interest} to its arrears interest up to the signing day, {@code principal} to its principal), and
     * it leaves the agreement. Fully paid it is PAID; otherwise PENDING again, its arrears interest computed from the
     * original due date with the principal paid counted from {@code signedOn} (a {@link PrincipalReduction}).
     */
    public void settleThroughAgreement(UUID agreementId, Money interest, Money principal, LocalDate signedOn,
                                       Instant now) {
        requireReservedBy(agreementId);
        if (status != ObligationStatus.IN_AGREEMENT) {
            throw new IllegalStateException("obligation " + id + " is " + status + ", not IN_AGREEMENT");
        }
        if (interest.isNegative() || principal.isNegative() || principal.isGreaterThan(principalBalance())) {
            throw new IllegalArgumentException("cannot apply " + interest + " + " + principal + " to " + id);
        }
        principalPaid = principalPaid.plus(principal);
        interestPaid = interestPaid.plus(interest);
        reservedBy = null;
        if (principalBalance().isZero()) {
            status = ObligationStatus.PAID;
        } else {
            status = ObligationStatus.PENDING;
            if (principal.isPositive()) {
                reduction = new PrincipalReduction(principal, signedOn);
            }
        }
        updatedAt = now;
    }

    /**
     * Undoes the settlement of a completed agreement whose last installment payment was reversed: the amounts the
     * agreement applied go back, and it is IN_AGREEMENT again.
     */
    public void reopenInAgreement(UUID agreementId, Money interest, Money principal, Instant now) {
        if (status != ObligationStatus.PAID || reservedBy != null) {
            throw new IllegalStateException("obligation " + id + " is " + status + " and was not settled by "
                    + agreementId);
        }
        if (principal.isGreaterThan(principalPaid) || interest.isGreaterThan(interestPaid)) {
            throw new IllegalStateException("reopening more than was paid on " + id);
        }
        principalPaid = principalPaid.minus(principal);
        interestPaid = interestPaid.minus(interest);
        reservedBy = agreementId;
        status = ObligationStatus.IN_AGREEMENT;
        updatedAt = now;
    }

    private void requireReservedBy(UUID agreementId) {
        if (!Objects.equals(agreementId, reservedBy)) {
            throw new IllegalStateException("obligation " + id + " is not in agreement " + agreementId);
        }
    }

    /** Whether an unexpired voucher holds it on {@code today}. */
    public boolean isHeldOn(LocalDate today) {
        return hold != null && !today.isAfter(hold.until());
    }

    /** The hold, if any (it may have lapsed: see {@link #isHeldOn}). */
    public Hold hold() {
        return hold;
    }

    /** The reference of the voucher holding it, or null. */
    public String heldBy() {
        return hold == null ? null : hold.voucherReference();
    }

    /** The last day of the hold, or null. */
    public LocalDate heldUntil() {
        return hold == null ? null : hold.until();
    }

    /** Puts a pending obligation on a voucher until {@code until}; refused while another voucher holds it. */
    public void holdFor(String voucherReference, LocalDate until, LocalDate today, Instant now) {
        requirePending("go on a voucher");
        if (reservedBy != null) {
            throw new ConflictException("obligation-held", "obligation " + id + " is in payment agreement "
                    + reservedBy + "; pay the agreement's installments instead");
        }
        if (isHeldOn(today) && !hold.voucherReference().equals(voucherReference)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is held by voucher "
                    + hold.voucherReference() + " until " + hold.until());
        }
        hold = new Hold(voucherReference, until);
        updatedAt = now;
    }

    /** Frees it from the voucher {@code voucherReference} (a cancelled voucher); no effect if another holds it. */
    public void release(String voucherReference, Instant now) {
        if (hold != null && hold.voucherReference().equals(voucherReference)) {
            hold = null;
            updatedAt = now;
        }
    }

    /**
     * Applies a payment: {@code interest} to the arrears interest and {@code principal} to the principal balance.
     * Fully paid, the obligation is PAID. Only a PENDING obligation takes payments, and never more principal than
     * it owes.
     */
    public void applyPayment(Money interest, Money principal, Instant now) {
        requirePending("take a payment");
        if (interest.isNegative() || principal.isNegative()) {
            throw new IllegalArgumentException("payment parts must not be negative");
        }
        if (principal.isGreaterThan(principalBalance())) {
            throw new BusinessRuleException("overpayment", "obligation " + id + " owes " + principalBalance()
                    + " of principal; " + principal + " cannot be applied");
        }
        principalPaid = principalPaid.plus(principal);
        interestPaid = interestPaid.plus(interest);
        if (principalBalance().isZero()) {
            status = ObligationStatus.PAID;
        }
        updatedAt = now;
    }

    /** Undoes {@link #applyPayment} exactly (a reversed payment): the amounts go back and it is PENDING again. */
    public void reversePayment(Money interest, Money principal, Instant now) {
        if (status != ObligationStatus.PAID && status != ObligationStatus.PENDING) {
            throw new BusinessRuleException("obligation-not-pending",
                    "obligation " + id + " is " + status + "; its payment cannot be reversed");
        }
        if (principal.isGreaterThan(principalPaid) || interest.isGreaterThan(interestPaid)) {
            throw new IllegalStateException("reversing more than was paid on " + id);
        }
        principalPaid = principalPaid.minus(principal);
        interestPaid = interestPaid.minus(interest);
        status = ObligationStatus.PENDING;
        updatedAt = now;
    }

    /**
     * Moves a pending obligation to a later collection stage (skipping stages is allowed).
     *
     * @throws BusinessRuleException {@code obligation-not-pending} when it is not pending;
     *                               {@code invalid-stage-transition} when {@code target} is not after the current
     *                               stage
     */
    public void advanceStage(ObligationStage target, Instant now) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(now, "now");
        requirePending("change its stage");
        if (!target.isAfter(stage)) {
            throw new BusinessRuleException("invalid-stage-transition",
                    "stage can only move forward: REGULAR → GLOSA → CREDIT_TITLE → ENFORCEMENT; it is " + stage
                            + " and " + target + " is not after it");
        }
        stage = target;
        updatedAt = now;
    }

    /**
     * Cancels a pending obligation, recording why.
     *
     * @throws BusinessRuleException {@code obligation-not-pending} when it is not pending
     * @throws InvalidValueException {@code invalid-cancellation-reason} when the reason is blank or longer than 500
     *                               characters
     */
    /**
     * Cancels it on a business day: refused while an unexpired voucher holds it, since a bank may be collecting
     * that voucher (cancel the voucher first).
     */
    public void cancel(String reason, LocalDate today, Instant now) {
        if (reservedBy != null) {
            throw new ConflictException("obligation-held", "obligation " + id + " is in payment agreement "
                    + reservedBy + "; cancel or settle the agreement first");
        }
        if (isHeldOn(today)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is on voucher " + hold.voucherReference()
                    + " until " + hold.until() + "; cancel that voucher first");
        }
        cancel(reason, now);
    }

    public void cancel(String reason, Instant now) {
        Objects.requireNonNull(now, "now");
        requirePending("be cancelled");
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("invalid-cancellation-reason", "a cancellation reason is required");
        }
        if (reason.codePointCount(0, reason.length()) > MAX_TEXT_LENGTH) {
            throw new InvalidValueException("invalid-cancellation-reason",
                    "a cancellation reason must have at most " + MAX_TEXT_LENGTH + " characters");
        }
        status = ObligationStatus.CANCELLED;
        cancellationReason = reason;
        updatedAt = now;
    }

    /** Principal still owed: principal − principal paid. */
    public Money principalBalance() {
        return principal.minus(principalPaid);
    }

    /** Warnings recorded with the obligation: those of its debtor id (e.g. a RUC check-digit mismatch). */
    public List<String> warnings() {
        return debtorId.warnings();
    }

    /**
     * Arrears interest still owed on {@code asOf}: interest accrued on the principal balance since the due date,
     * less the interest already paid, never below zero. Zero unless the obligation is pending.
     *
     * @throws BusinessRuleException {@code interest-rate-unavailable} when a day of the range has no rate
     */
    public Money interestAsOf(LocalDate asOf, InterestRateTable rates) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rates, "rates");
        if (status != ObligationStatus.PENDING) {
            return Money.ZERO;
        }
        return UnpaidObligation.owed(principalBalance(), interestPaid, dueDate, asOf, rates, reduction);
    }

    /** Whole days past the due date on {@code asOf}; 0 on or before it. */
    public long daysOverdue(LocalDate asOf) {
        return ArrearsInterest.daysOverdue(dueDate, asOf);
    }

    private void requirePending(String action) {
        if (status != ObligationStatus.PENDING) {
            throw new BusinessRuleException("obligation-not-pending",
                    "obligation " + id + " is " + status + "; only a PENDING obligation can " + action);
        }
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException("invalid-obligation", message);
    }

    public ObligationId id() {
        return id;
    }

    public DebtorId debtorId() {
        return debtorId;
    }

    public String debtorName() {
        return debtorName;
    }

    public ObligationType type() {
        return type;
    }

    public ObligationStage stage() {
        return stage;
    }

    public ObligationStatus status() {
        return status;
    }

    public Money principal() {
        return principal;
    }

    public Money principalPaid() {
        return principalPaid;
    }

    public Money interestPaid() {
        return interestPaid;
    }

    public LocalDate dueDate() {
        return dueDate;
    }

    /** The period covered, or null. */
    public Period period() {
        return period;
    }

    /** The description, or null. */
    public String description() {
        return description;
    }

    /** The reference in the system the obligation came from, or null. */
    public ExternalReference externalReference() {
        return externalReference;
    }

    /** Why it was cancelled, or null when it was not. */
    public String cancellationReason() {
        return cancellationReason;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Obligation other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Obligation[" + id + ", " + type + ", " + debtorId + ", " + status + ", " + stage + ", principal "
                + principal + ", due " + dueDate + "]";
    }
}
