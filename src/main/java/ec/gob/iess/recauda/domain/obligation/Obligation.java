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
 *   <li>only a pending obligation changes stage, takes a payment or is cancelled; the stage only moves forward
 *       (REGULAR → GLOSA → CREDIT_TITLE → ENFORCEMENT, skipping allowed); a cancellation needs a reason of
 *       1–500 characters;</li>
 *   <li>nothing pulls it from under a voucher: while a voucher is unexpired it goes on no other voucher; through the
 *       voucher's expiry plus the grace days for late postings it cannot be cancelled nor taken into an agreement
 *       (after the expiry a new voucher may take it, superseding the old one: ADR 0009);</li>
 *   <li>an obligation covered by an agreement, or one of an agreement's installments, changes only through that
 *       agreement ({@link AgreementLink});</li>
 *   <li>every change of its principal paid is a dated {@link PrincipalMovement} of its {@link PrincipalHistory},
 *       and arrears interest is computed from that history, never stored: {@link #interestAsOf} is the interest
 *       accrued day by day on the balance of each day since the due date, less the interest already paid, never
 *       below zero.</li>
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
    private AgreementLink link;
    private PrincipalHistory history;

    /**
     * A voucher's claim on this obligation: through {@code until} (the voucher's expiry date) and the grace days
     * after it, nothing may take the obligation from the voucher; after {@code until} a new voucher may take it.
     *
     * @param voucherReference the reference of the voucher that holds it
     * @param until            the last business date of the hold (the voucher's expiry date)
     */
    public record Hold(String voucherReference, LocalDate until) {
        public Hold {
            Objects.requireNonNull(voucherReference, "voucherReference");
            Objects.requireNonNull(until, "until");
        }

        /** Whether the voucher is unexpired on {@code today}: no other voucher may take the obligation. */
        public boolean isLiveOn(LocalDate today) {
            return !today.isAfter(until);
        }

        /**
         * Whether a payment of the voucher may still be posted on {@code today}: through its expiry plus
         * {@code graceDays} (a bank may post a payment of the last day late). Nothing may cancel the obligation, take
         * it into an agreement or default its agreement meanwhile.
         */
        public boolean protectsOn(LocalDate today, int graceDays) {
            return !today.isAfter(until.plusDays(graceDays));
        }
    }

    private Obligation(Restorer r) {
        this.id = Objects.requireNonNull(r.id, "id");
        this.debtorId = Objects.requireNonNull(r.debtorId, "debtorId");
        this.debtorName = Objects.requireNonNull(r.debtorName, "debtorName");
        this.type = Objects.requireNonNull(r.type, "type");
        this.stage = Objects.requireNonNull(r.stage, "stage");
        this.status = Objects.requireNonNull(r.status, "status");
        this.principal = Objects.requireNonNull(r.principal, "principal");
        this.principalPaid = Objects.requireNonNull(r.principalPaid, "principalPaid");
        this.interestPaid = Objects.requireNonNull(r.interestPaid, "interestPaid");
        this.dueDate = Objects.requireNonNull(r.dueDate, "dueDate");
        this.period = r.period;
        this.description = r.description;
        this.externalReference = r.externalReference;
        this.cancellationReason = r.cancellationReason;
        this.version = r.version;
        this.createdAt = Objects.requireNonNull(r.createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(r.updatedAt, "updatedAt");
        this.hold = r.hold;
        this.link = r.link;
        this.history = r.history == null ? PrincipalHistory.empty() : r.history;
        if (history.principalPaid().compareTo(principalPaid) != 0) {
            throw new IllegalArgumentException("obligation " + id + ": its principal history adds up to "
                    + history.principalPaid() + " but its principal paid is " + principalPaid);
        }
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
        return restore().id(id).debtor(data.debtorId(), name).type(data.type()).stage(stage)
                .status(ObligationStatus.PENDING).principal(principal).paid(Money.ZERO, Money.ZERO).dueDate(dueDate)
                .period(data.period()).description(description).externalReference(data.externalReference())
                .version(0).timestamps(now, now).build();
    }

    /**
     * Rebuilds a stored obligation as it was saved, field by named field:
     * {@code Obligation.restore().id(..).debtor(..)...build()}. No business rule is checked; {@link Restorer#build}
     * only requires the fields every obligation has (period, description, external reference, cancellation reason,
     * hold and agreement link may be absent; an absent history is empty).
     */
    public static Restorer restore() {
        return new Restorer();
    }

    /** The fields of a stored obligation, named; see {@link #restore()}. */
    public static final class Restorer {
        private ObligationId id;
        private DebtorId debtorId;
        private String debtorName;
        private ObligationType type;
        private ObligationStage stage;
        private ObligationStatus status;
        private Money principal;
        private Money principalPaid;
        private Money interestPaid;
        private LocalDate dueDate;
        private Period period;
        private String description;
        private ExternalReference externalReference;
        private String cancellationReason;
        private long version;
        private Instant createdAt;
        private Instant updatedAt;
        private Hold hold;
        private AgreementLink link;
        private PrincipalHistory history;

        private Restorer() {
        }

        public Restorer id(ObligationId value) {
            id = value;
            return this;
        }

        public Restorer debtor(DebtorId value, String name) {
            debtorId = value;
            debtorName = name;
            return this;
        }

        public Restorer type(ObligationType value) {
            type = value;
            return this;
        }

        public Restorer stage(ObligationStage value) {
            stage = value;
            return this;
        }

        public Restorer status(ObligationStatus value) {
            status = value;
            return this;
        }

        public Restorer principal(Money value) {
            principal = value;
            return this;
        }

        /** What has been paid of its principal and of its arrears interest. */
        public Restorer paid(Money principalValue, Money interestValue) {
            principalPaid = principalValue;
            interestPaid = interestValue;
            return this;
        }

        public Restorer dueDate(LocalDate value) {
            dueDate = value;
            return this;
        }

        public Restorer period(Period value) {
            period = value;
            return this;
        }

        public Restorer description(String value) {
            description = value;
            return this;
        }

        public Restorer externalReference(ExternalReference value) {
            externalReference = value;
            return this;
        }

        public Restorer cancellationReason(String value) {
            cancellationReason = value;
            return this;
        }

        public Restorer version(long value) {
            version = value;
            return this;
        }

        public Restorer timestamps(Instant created, Instant updated) {
            createdAt = created;
            updatedAt = updated;
            return this;
        }

        public Restorer hold(Hold value) {
            hold = value;
            return this;
        }

        public Restorer link(AgreementLink value) {
            link = value;
            return this;
        }

        public Restorer history(PrincipalHistory value) {
            history = value;
            return this;
        }

        /**
     * @throws NullPointerException     naming the first required field that is missing
     * @throws IllegalArgumentException when the history's movements do not add up to the principal paid
     */
        public Obligation build() {
            return new Obligation(this);
        }
    }

    /** The same obligation at another version (what a store hands out after saving it). */
    public Obligation atVersion(long newVersion) {
        return restore().id(id).debtor(debtorId, debtorName).type(type).stage(stage).status(status)
                .principal(principal).paid(principalPaid, interestPaid).dueDate(dueDate).period(period)
                .description(description).externalReference(externalReference)
                .cancellationReason(cancellationReason).version(newVersion).timestamps(createdAt, updatedAt)
                .hold(hold).link(link).history(history).build();
    }

    /**
     * A new installment of a payment agreement (number 0 is its down payment): an AGREEMENT_INSTALLMENT obligation
     * of the agreement's debtor for {@code amount}, due on {@code dueDate}, payable like any other. Its first
     * {@code interestPart} is interest (the installment's financing interest; what a down payment pays of the covered
     * arrears interest): overdue, it bears no arrears, only the rest does (no interest on interest).
     */
    public static Obligation installment(ObligationId id, DebtorId debtor, String debtorName, InstallmentOf of,
                                         Money amount, Money interestPart, LocalDate dueDate, String description,
                                         Instant now) {
        Objects.requireNonNull(of, "of");
        if (interestPart.isNegative() || interestPart.isGreaterThan(amount)) {
            throw new IllegalArgumentException("the interest part of an installment is within its amount: "
                    + interestPart + " of " + amount);
        }
        Obligation o = create(id, new NewObligation(debtor, debtorName, ObligationType.AGREEMENT_INSTALLMENT, null,
                amount, dueDate, null, description, null), now);
        o.link = of;
        o.history = PrincipalHistory.withInterestFree(interestPart);
        return o;
    }

    // ------------------------------------------------------------------------------------------------- agreements

    /** Its link to a payment agreement (covered by one, or one's installment), or null. */
    public AgreementLink link() {
        return link;
    }

    /** Which agreement installment it is, or null when it is not one. */
    public InstallmentOf installment() {
        return link instanceof InstallmentOf i ? i : null;
    }

    /** The open agreement that covers it (reserved, or IN_AGREEMENT), or null. */
    public UUID coveringAgreement() {
        return link instanceof AgreementLink.Covered c ? c.agreementId() : null;
    }

    /** Whether it is installment {@code number > 0} or the down payment ({@code 0}) of agreement {@code agreementId}. */
    public boolean isInstallmentOf(UUID agreementId) {
        return link instanceof InstallmentOf i && i.agreementId().equals(agreementId);
    }

    /** Whether an open payment agreement covers it. */
    public boolean isCovered() {
        return link instanceof AgreementLink.Covered;
    }

    /**
     * Reserves a pending obligation for a payment agreement being subscribed: no voucher or other agreement may take
     * it until the agreement is activated (it then enters it), or lapses, is rejected or cancelled (it is released).
     * Refused while a voucher protects it (its expiry plus {@code graceDays}): a bank may still post its payment.
     */
    public void reserveFor(UUID agreementId, LocalDate today, int graceDays, Instant now) {
        Objects.requireNonNull(agreementId, "agreementId");
        requirePending("go into an agreement");
        if (hold != null && hold.protectsOn(today, graceDays)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is held by voucher "
                    + hold.voucherReference() + " (last day " + hold.until() + ", late postings accepted through "
                    + hold.until().plusDays(graceDays) + ")");
        }
        if (link != null && !(link instanceof AgreementLink.Covered c && c.agreementId().equals(agreementId))) {
            throw new ConflictException("obligation-held", "obligation " + id + " belongs to agreement "
                    + link.agreementId());
        }
        link = new AgreementLink.Covered(agreementId);
        updatedAt = now;
    }

    /** Frees it from an agreement that did not start (lapsed, rejected, cancelled); no effect for another's. */
    public void releaseReservation(UUID agreementId, Instant now) {
        if (agreementId.equals(coveringAgreement()) && status == ObligationStatus.PENDING) {
            link = null;
            updatedAt = now;
        }
    }

    /** The agreement it was reserved for is active: IN_AGREEMENT, and its arrears interest stops. */
    public void enterAgreement(UUID agreementId, Instant now) {
        requireCoveredBy(agreementId);
        requirePending("enter an agreement");
        status = ObligationStatus.IN_AGREEMENT;
        updatedAt = now;
    }

    /** The agreement's down payment was reversed: PENDING again, still reserved for the agreement. */
    public void leaveAgreement(UUID agreementId, Instant now) {
        requireCoveredBy(agreementId);
        if (status != ObligationStatus.IN_AGREEMENT) {
            throw new IllegalStateException("obligation " + id + " is " + status + ", not IN_AGREEMENT");
        }
        status = ObligationStatus.PENDING;
        updatedAt = now;
    }

    /**
     * The agreement covering it ended (completed or defaulted): what the agreement paid of it is applied, interest
     * first ({@code interest} to its arrears interest up to the signing day, {@code principal} to its principal, a
     * movement dated {@code signedOn}), and it leaves the agreement. Fully paid it is PAID; otherwise PENDING again,
     * its arrears interest computed from the original due date on its principal history, with {@code exemptions}
     * for the days whose financing interest the agreement's paid installments covered.
     */
    public void settleThroughAgreement(UUID agreementId, Money interest, Money principal, LocalDate signedOn,
                                       List<ArrearsExemption> exemptions, Instant now) {
        requireCoveredBy(agreementId);
        if (status != ObligationStatus.IN_AGREEMENT) {
            throw new IllegalStateException("obligation " + id + " is " + status + ", not IN_AGREEMENT");
        }
        if (interest.isNegative() || principal.isNegative() || principal.isGreaterThan(principalBalance())) {
            throw new IllegalArgumentException("cannot apply " + interest + " + " + principal + " to " + id);
        }
        principalPaid = principalPaid.plus(principal);
        interestPaid = interestPaid.plus(interest);
        if (principal.isPositive()) {
            history = history.plus(new PrincipalMovement(signedOn, principal, PrincipalMovement.Kind.AGREEMENT,
                    agreementId.toString()));
        }
        link = null;
        if (principalBalance().isZero()) {
            status = ObligationStatus.PAID;
        } else {
            status = ObligationStatus.PENDING;
            history = history.plus(exemptions);
        }
        updatedAt = now;
    }

    /**
     * Undoes the settlement of a completed agreement whose last installment payment was reversed: the amounts the
     * agreement applied go back (a compensating movement dated {@code signedOn}), and it is IN_AGREEMENT again.
     */
    public void reopenInAgreement(UUID agreementId, Money interest, Money principal, LocalDate signedOn,
                                  Instant now) {
        if (status != ObligationStatus.PAID || link != null) {
            throw new IllegalStateException("obligation " + id + " is " + status + " and was not settled by "
                    + agreementId);
        }
        if (principal.isGreaterThan(principalPaid) || interest.isGreaterThan(interestPaid)) {
            throw new IllegalStateException("reopening more than was paid on " + id);
        }
        principalPaid = principalPaid.minus(principal);
        interestPaid = interestPaid.minus(interest);
        if (principal.isPositive()) {
            history = history.plus(new PrincipalMovement(signedOn, Money.ZERO.minus(principal),
                    PrincipalMovement.Kind.AGREEMENT_REOPENED, agreementId.toString()));
        }
        link = new AgreementLink.Covered(agreementId);
        status = ObligationStatus.IN_AGREEMENT;
        updatedAt = now;
    }

    /**
     * Cancels an unpaid installment (or the unpaid down payment) of agreement {@code agreementId}, as that agreement
     * decides: a default, a lapse, a rejection or cancellation, an activation undone. Refused while a voucher still
     * protects it ({@link Hold#protectsOn}): a bank may be collecting it.
     */
    public void cancelForAgreement(UUID agreementId, String reason, LocalDate today, int graceDays, Instant now) {
        if (!isInstallmentOf(agreementId)) {
            throw new IllegalStateException("obligation " + id + " is not an installment of agreement " + agreementId);
        }
        requireUnprotected(today, graceDays);
        cancelWith(reason, now);
    }

    /**
     * Like {@link #cancelForAgreement}, and detaches it from the agreement: an installment of an activation undone
     * (its down payment's payment was reversed), whose next activation creates its installments afresh.
     */
    public void cancelUndoneInstallment(UUID agreementId, String reason, LocalDate today, int graceDays,
                                        Instant now) {
        if (installment() == null || installment().isDownPayment()) {
            throw new IllegalStateException("obligation " + id + " is not an agreement installment");
        }
        cancelForAgreement(agreementId, reason, today, graceDays, now);
        link = null;
    }

    private void requireCoveredBy(UUID agreementId) {
        if (!Objects.equals(agreementId, coveringAgreement())) {
            throw new IllegalStateException("obligation " + id + " is not in agreement " + agreementId);
        }
    }

    // ---------------------------------------------------------------------------------------------------- vouchers

    /** Whether an unexpired voucher holds it on {@code today} (no other voucher may take it). */
    public boolean isHeldOn(LocalDate today) {
        return hold != null && hold.isLiveOn(today);
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

    /**
     * Whether a bank's query by debtor id offers it on {@code today} (on a fresh voucher): PENDING with a principal
     * balance, held by no unexpired voucher, covered by no agreement; of an agreement's installments, only those
     * after the down payment (which has its own voucher) and due within a month (later ones wait for their month).
     * The one rule for what a debtor can pay now; the persistence adapter pre-filters with the same rule.
     */
    public boolean isOfferedOn(LocalDate today) {
        if (status != ObligationStatus.PENDING || !principalBalance().isPositive() || isHeldOn(today)
                || isCovered()) {
            return false;
        }
        InstallmentOf i = installment();
        return i == null || (!i.isDownPayment() && dueDate.isBefore(today.plusMonths(1)));
    }

    /**
     * Checks that it may go on a new voucher on {@code today} (asked for by staff, the debtor, or a bank's query):
     * PENDING with a principal balance, covered by no agreement, not the down payment of an agreement (it has a
     * voucher of its own), held by no other unexpired voucher.
     *
     * @throws BusinessRuleException {@code obligation-not-pending}
     * @throws ConflictException     {@code obligation-held}
     */
    public void checkMayGoOnVoucher(LocalDate today) {
        requireOnVoucher(today);
        InstallmentOf i = installment();
        if (i != null && i.isDownPayment()) {
            throw new ConflictException("obligation-held", "obligation " + id + " is the down payment of agreement "
                    + i.agreementId() + ": it is paid with that agreement's down-payment voucher");
        }
    }

    /**
     * Checks that it may go on its agreement's down-payment voucher on {@code today}: it is a down payment, PENDING,
     * held by no other unexpired voucher.
     */
    public void checkMayGoOnDownPaymentVoucher(LocalDate today) {
        InstallmentOf i = installment();
        if (i == null || !i.isDownPayment()) {
            throw new IllegalStateException("obligation " + id + " is not a down payment");
        }
        requireOnVoucher(today);
    }

    /** Puts a pending obligation on a voucher until {@code until}; refused while another voucher holds it. */
    public void holdFor(String voucherReference, LocalDate until, LocalDate today, Instant now) {
        if (!isHeldOn(today) || !hold.voucherReference().equals(voucherReference)) {
            requireOnVoucher(today);
        }
        hold = new Hold(voucherReference, until);
        updatedAt = now;
    }

    private void requireOnVoucher(LocalDate today) {
        if (status != ObligationStatus.PENDING || !principalBalance().isPositive()) {
            throw new BusinessRuleException("obligation-not-pending",
                    "obligation " + id + " is " + status + "; only PENDING obligations go on a voucher");
        }
        if (isCovered()) {
            throw new ConflictException("obligation-held", "obligation " + id + " is in payment agreement "
                    + coveringAgreement() + "; pay the agreement's installments instead");
        }
        if (isHeldOn(today)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is held by voucher "
                    + hold.voucherReference() + " until " + hold.until()
                    + "; cancel that voucher or let it expire first");
        }
    }

    /** Frees it from the voucher {@code voucherReference} (a cancelled voucher); no effect if another holds it. */
    public void release(String voucherReference, Instant now) {
        if (hold != null && hold.voucherReference().equals(voucherReference)) {
            hold = null;
            updatedAt = now;
        }
    }

    // ---------------------------------------------------------------------------------------------------- payments

    /**
     * Applies a payment of business date {@code on}: {@code interest} to the arrears interest and {@code principal}
     * to the principal balance (a movement dated {@code on}, of source {@code source}: the payment's id). Fully paid,
     * the obligation is PAID. Only a PENDING obligation takes payments, and never more principal than it owes.
     */
    public void applyPayment(Money interest, Money principal, LocalDate on, String source, Instant now) {
        requirePending("take a payment");
        if (isCovered()) {
            throw new ConflictException("obligation-held", "obligation " + id + " is in payment agreement "
                    + coveringAgreement() + "; it is paid through that agreement's installments");
        }
        if (interest.isNegative() || principal.isNegative()) {
            throw new IllegalArgumentException("payment parts must not be negative");
        }
        if (principal.isGreaterThan(principalBalance())) {
            throw new BusinessRuleException("overpayment", "obligation " + id + " owes " + principalBalance()
                    + " of principal; " + principal + " cannot be applied");
        }
        principalPaid = principalPaid.plus(principal);
        interestPaid = interestPaid.plus(interest);
        if (principal.isPositive()) {
            history = history.plus(new PrincipalMovement(on, principal, PrincipalMovement.Kind.PAYMENT, source));
        }
        if (principalBalance().isZero()) {
            status = ObligationStatus.PAID;
        }
        updatedAt = now;
    }

    /**
     * Undoes {@link #applyPayment} exactly (a reversed payment of business date {@code on}): the amounts go back, a
     * compensating movement dated like the payment, and it is PENDING again.
     */
    public void reversePayment(Money interest, Money principal, LocalDate on, String source, Instant now) {
        if (status != ObligationStatus.PAID && status != ObligationStatus.PENDING) {
            throw new BusinessRuleException("obligation-not-pending",
                    "obligation " + id + " is " + status + "; its payment cannot be reversed");
        }
        if (principal.isGreaterThan(principalPaid) || interest.isGreaterThan(interestPaid)) {
            throw new IllegalStateException("reversing more than was paid on " + id);
        }
        principalPaid = principalPaid.minus(principal);
        interestPaid = interestPaid.minus(interest);
        if (principal.isPositive()) {
            history = history.plus(new PrincipalMovement(on, Money.ZERO.minus(principal),
                    PrincipalMovement.Kind.PAYMENT_REVERSED, source));
        }
        status = ObligationStatus.PENDING;
        updatedAt = now;
    }

    // ------------------------------------------------------------------------------------------- stage and cancel

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
     * Cancels a pending obligation on business day {@code today}, recording why (staff, or the nightly expiry of
     * unpaid concept vouchers). Refused for an obligation of a payment agreement (its agreement decides) and while a
     * voucher protects it: through the voucher's expiry plus {@code graceDays}, a bank may post its payment.
     *
     * @throws BusinessRuleException {@code obligation-not-pending} when it is not pending
     * @throws ConflictException     {@code obligation-held} when an agreement or a voucher holds it
     * @throws InvalidValueException {@code invalid-cancellation-reason} when the reason is blank or longer than 500
     *                               characters
     */
    public void cancel(String reason, LocalDate today, int graceDays, Instant now) {
        if (link != null) {
            throw new ConflictException("obligation-held", "obligation " + id + (isCovered()
                    ? " is in payment agreement " + link.agreementId() + "; cancel or settle the agreement first"
                    : " is an installment of agreement " + link.agreementId() + "; only its agreement cancels it"));
        }
        requireUnprotected(today, graceDays);
        cancelWith(reason, now);
    }

    private void requireUnprotected(LocalDate today, int graceDays) {
        if (hold != null && hold.protectsOn(today, graceDays)) {
            throw new ConflictException("obligation-held", "obligation " + id + " is on voucher "
                    + hold.voucherReference() + " (last day " + hold.until() + ", late postings accepted through "
                    + hold.until().plusDays(graceDays) + "); cancel that voucher first");
        }
    }

    private void cancelWith(String reason, Instant now) {
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

    // ------------------------------------------------------------------------------------------- amounts and time

    /** Principal still owed: principal − principal paid. */
    public Money principalBalance() {
        return principal.minus(principalPaid);
    }

    /** The dated history of its principal paid. */
    public PrincipalHistory history() {
        return history;
    }

    /** Warnings recorded with the obligation: those of its debtor id (e.g. a RUC check-digit mismatch). */
    public List<String> warnings() {
        return debtorId.warnings();
    }

    /**
     * Arrears interest still owed on {@code asOf}: interest accrued day by day on its principal history since the
     * due date, less the interest already paid, never below zero. Zero unless the obligation is pending.
     *
     * @throws BusinessRuleException {@code interest-rate-unavailable} when a day of the range has no rate
     */
    public Money interestAsOf(LocalDate asOf, InterestRateTable rates) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rates, "rates");
        if (status != ObligationStatus.PENDING) {
            return Money.ZERO;
        }
        return UnpaidObligation.owed(principal, history, interestPaid, dueDate, asOf, rates);
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
