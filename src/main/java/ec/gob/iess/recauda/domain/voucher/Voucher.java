package ec.gob.iess.recauda.domain.voucher;

import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A payment voucher (comprobante de pago): a payable document for some of a debtor's obligations, with a reference
 * anyone can pay at any partner entity until its expiry date, for exactly its amount.
 *
 * <p>Rules (domain brief, "Rules that are ours to set"):
 * <ul>
 *   <li>the amount is frozen at issue: each obligation's principal balance plus the arrears interest projected to
 *       the expiry date at the rates known then;</li>
 *   <li>valid through its expiry date: the issue date + validity days, but no later than the earliest due date of a
 *       line not yet due, so that nobody paying on time is charged arrears ({@link #expiryOf}); afterwards it is
 *       EXPIRED and cannot be paid;</li>
 *   <li>while it is unexpired, its obligations cannot go into another voucher or an agreement (they are held);</li>
 *   <li>it is payable only while every obligation it names is PENDING and still held by it. Holds lapse by the
 *       business date of whoever asks, so after one entity's cut-off on its last day a query by debtor id there puts
 *       its obligations on a newer voucher while it would still be unexpired for an entity with a later cut-off (or
 *       for a payment with an earlier {@code paidAt}); from then on it is superseded, and EXPIRED everywhere;</li>
 *   <li>no partial payment: a bank collects exactly the amount;</li>
 *   <li>its debtor or staff may cancel it while unpaid, which frees the obligations.</li>
 * </ul>
 */
public final class Voucher {

    private final VoucherReference reference;
    private final DebtorId debtorId;
    private final String debtorName;
    private final Money amount;
    private final LocalDate issuedOn;
    private final LocalDate expiresOn;
    private final List<VoucherLine> lines;
    private final String issuedBy;
    private final Instant createdAt;
    private VoucherStatus status;
    private Instant updatedAt;
    private final long version;
    private final boolean superseded;
    private final boolean cardCharge;

    private Voucher(VoucherReference reference, DebtorId debtorId, String debtorName, Money amount,
                    LocalDate issuedOn, LocalDate expiresOn, List<VoucherLine> lines, String issuedBy,
                    Instant createdAt, VoucherStatus status, Instant updatedAt, long version, boolean superseded,
                    boolean cardCharge) {
        this.reference = Objects.requireNonNull(reference);
        this.debtorId = Objects.requireNonNull(debtorId);
        this.debtorName = Objects.requireNonNull(debtorName);
        this.amount = Objects.requireNonNull(amount);
        this.issuedOn = Objects.requireNonNull(issuedOn);
        this.expiresOn = Objects.requireNonNull(expiresOn);
        this.lines = List.copyOf(lines);
        this.issuedBy = Objects.requireNonNull(issuedBy);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.status = Objects.requireNonNull(status);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        this.version = version;
        this.superseded = superseded;
        this.cardCharge = cardCharge;
        if (status == VoucherStatus.EXPIRED) {
            throw new IllegalArgumentException("EXPIRED is derived, never stored");
        }
    }

    /**
     * Issues a voucher for {@code obligations} of {@code debtor} on {@code today}. Every obligation must be the
     * debtor's and may go on a voucher ({@link Obligation#checkMayGoOnVoucher}: PENDING with a principal balance, in
     * no agreement, not a down payment, held by no other unexpired voucher); the caller holds them for this voucher
     * afterwards ({@link Obligation#holdFor}). It expires on {@link #expiryOf}; each line's interest is projected
     * to that day.
     */
    public static Voucher issue(VoucherReference reference, DebtorId debtor, List<Obligation> obligations,
                                LocalDate today, int validityDays, InterestRateTable rates, String issuedBy,
                                Instant now) {
        for (Obligation o : obligations) {
            requireDebtors(o, debtor);
            o.checkMayGoOnVoucher(today);
        }
        return build(reference, debtor, obligations, today, expiryOf(obligations, today, validityDays), rates,
                issuedBy, now, false);
    }

    /**
     * The voucher of a card charge on {@code chargeDate} (issue 12): the obligations as for {@link #issue}, each
     * overdue on that day (a card is never charged for debt not yet due), with interest to that day, the day the
     * card is charged, and that day as its last. Only the card charge collects it: no bank, batch line or person can
     * pay or cancel it ({@link #checkPayableOn}, {@link #cancel}); the charge's outcome pays or cancels it.
     */
    public static Voucher issueForCardCharge(VoucherReference reference, DebtorId debtor, List<Obligation> obligations,
                                             LocalDate chargeDate, InterestRateTable rates, String issuedBy,
                                             Instant now) {
        for (Obligation o : obligations) {
            requireDebtors(o, debtor);
            o.checkMayGoOnVoucher(chargeDate);
            if (!o.dueDate().isBefore(chargeDate)) {
                throw new IllegalArgumentException("obligation " + o.id() + " is not due before " + chargeDate);
            }
        }
        return build(reference, debtor, obligations, chargeDate, chargeDate, rates, issuedBy, now, true);
    }

    /**
     * The voucher of an agreement's down payment, the only voucher that may carry it: the obligation must be a down
     * payment, PENDING and held by no other unexpired voucher. Due on the voucher's last day, it carries no interest.
     */
    public static Voucher issueForDownPayment(VoucherReference reference, Obligation downPayment, LocalDate today,
                                              int validityDays, String issuedBy, Instant now) {
        downPayment.checkMayGoOnDownPaymentVoucher(today);
        return build(reference, downPayment.debtorId(), List.of(downPayment), today,
                expiryOf(List.of(downPayment), today, validityDays), InterestRateTable.empty(), issuedBy, now, false);
    }

    /**
     * The last day a voucher issued on {@code today} over {@code obligations} is payable: {@code validityDays} after
     * today, but no later than the earliest due date of a line not yet due (due today or later), so that nobody
     * paying on time is charged arrears; never before today. A voucher over overdue debt only keeps the validity.
     */
    public static LocalDate expiryOf(List<Obligation> obligations, LocalDate today, int validityDays) {
        if (validityDays < 1) {
            throw new IllegalArgumentException("validity must be at least one day");
        }
        LocalDate expiresOn = today.plusDays(validityDays);
        for (Obligation o : obligations) {
            if (!o.dueDate().isBefore(today) && o.dueDate().isBefore(expiresOn)) {
                expiresOn = o.dueDate();
            }
        }
        return expiresOn;
    }

    private static Voucher build(VoucherReference reference, DebtorId debtor, List<Obligation> obligations,
                                 LocalDate today, LocalDate expiresOn, InterestRateTable rates, String issuedBy,
                                 Instant now, boolean cardCharge) {
        if (obligations.isEmpty()) {
            throw new InvalidValueException("invalid-voucher", "a voucher needs at least one obligation")
                    .atField("obligationIds");
        }
        List<VoucherLine> lines = new ArrayList<>();
        Money amount = Money.ZERO;
        String debtorName = null;
        for (Obligation o : obligations.stream()
                .sorted(Comparator.comparing(Obligation::dueDate).thenComparing(o -> o.id().value())).toList()) {
            Money interest = o.interestAsOf(expiresOn, rates);
            VoucherLine line = new VoucherLine(o.id(), o.type(), o.dueDate(), o.description(), o.principalBalance(),
                    interest);
            lines.add(line);
            amount = amount.plus(line.total());
            debtorName = o.debtorName();
        }
        return new Voucher(reference, debtor, debtorName, amount, today, expiresOn, lines, issuedBy, now,
                VoucherStatus.ISSUED, now, 0, false, cardCharge);
    }

    private static void requireDebtors(Obligation o, DebtorId debtor) {
        if (!o.debtorId().equals(debtor)) {
            throw new BusinessRuleException("obligation-not-of-debtor",
                    "obligation " + o.id() + " is not an obligation of debtor " + debtor);
        }
    }

    public static Voucher restore(VoucherReference reference, DebtorId debtorId, String debtorName, Money amount,
                                  LocalDate issuedOn, LocalDate expiresOn, List<VoucherLine> lines, String issuedBy,
                                  Instant createdAt, VoucherStatus status, Instant updatedAt, long version) {
        return restore(reference, debtorId, debtorName, amount, issuedOn, expiresOn, lines, issuedBy, createdAt,
                status, updatedAt, version, false, false);
    }

    /**
     * Like the other {@code restore}, with whether the voucher is superseded: ISSUED, but its obligations are no
     * longer all PENDING and held by it ({@link #isSuperseded}); and whether a card charge collects it
     * ({@link #issueForCardCharge}).
     */
    public static Voucher restore(VoucherReference reference, DebtorId debtorId, String debtorName, Money amount,
                                  LocalDate issuedOn, LocalDate expiresOn, List<VoucherLine> lines, String issuedBy,
                                  Instant createdAt, VoucherStatus status, Instant updatedAt, long version,
                                  boolean superseded, boolean cardCharge) {
        return new Voucher(reference, debtorId, debtorName, amount, issuedOn, expiresOn, lines, issuedBy, createdAt,
                status, updatedAt, version, superseded && status == VoucherStatus.ISSUED, cardCharge);
    }

    /**
     * The status on a business date: an ISSUED voucher past its expiry date, or superseded by a newer voucher, is
     * EXPIRED.
     */
    public VoucherStatus statusOn(LocalDate today) {
        return status == VoucherStatus.ISSUED && (superseded || today.isAfter(expiresOn))
                ? VoucherStatus.EXPIRED : status;
    }

    /** Whether it can be paid on {@code businessDate}: ISSUED, not past its expiry date and not superseded. */
    public boolean isPayableOn(LocalDate businessDate) {
        return statusOn(businessDate) == VoucherStatus.ISSUED;
    }

    /**
     * Whether, though ISSUED, it no longer holds all its obligations: after it expired at one entity's cut-off they
     * went on a newer voucher (or were cancelled since). As known when it was read; a payment checks the obligations
     * it locks ({@link #checkStillHolds}).
     */
    public boolean isSuperseded() {
        return superseded;
    }

    /**
     * Checks that a bank may collect this voucher on {@code businessDate}: it is ISSUED, not expired and not
     * superseded, and no card charge collects it (the charge may be on its way: a second collection would take the
     * debt twice).
     */
    public void checkPayableOn(LocalDate businessDate) {
        if (cardCharge) {
            throw new BusinessRuleException("voucher-of-card-charge", "voucher " + reference + " is collected by a"
                    + " charge to the debtor's registered card; a query by debtor id offers what is payable here");
        }
        switch (statusOn(businessDate)) {
            case PAID -> throw new ConflictException("already-paid", "voucher " + reference + " is already paid");
            case CANCELLED -> throw new BusinessRuleException("voucher-cancelled", "voucher " + reference
                    + " was cancelled; a query by debtor id offers a fresh one");
            case EXPIRED -> throw superseded ? supersededException() : new BusinessRuleException("voucher-expired",
                    "voucher " + reference + " expired on " + expiresOn + "; a query by debtor id offers a fresh one");
            default -> {
            }
        }
    }

    /**
     * Checks, on the obligations a payment has row-locked, that the voucher still holds every one of them and that
     * each is PENDING. Otherwise it was superseded (422 {@code voucher-expired}): it expired at another entity's
     * cut-off and a newer voucher took its obligations, or they were released and cancelled since.
     */
    public void checkStillHolds(Collection<Obligation> locked) {
        Map<ObligationId, Obligation> byId = new HashMap<>();
        locked.forEach(o -> byId.put(o.id(), o));
        boolean released = false;
        for (VoucherLine line : lines) {
            Obligation o = byId.get(line.obligationId());
            if (o != null && o.heldBy() != null && !o.heldBy().equals(reference.value())) {
                throw supersededException();
            }
            released |= o == null || o.status() != ObligationStatus.PENDING || o.heldBy() == null;
        }
        if (released) {
            throw new BusinessRuleException("voucher-expired", "voucher " + reference + " can no longer be paid:"
                    + " its obligations were released after it expired at another entity's cut-off (its last day was "
                    + expiresOn + "); a query by debtor id offers what is payable now");
        }
    }

    /** Checks that {@code paid} is exactly the voucher's amount: no partial payments. */
    public void checkAmount(Money paid) {
        if (!paid.equals(amount)) {
            throw new BusinessRuleException("amount-mismatch", "voucher " + reference + " is for exactly " + amount
                    + "; " + paid + " was sent (no partial payments)");
        }
    }

    private BusinessRuleException supersededException() {
        return new BusinessRuleException("voucher-expired", "voucher " + reference + " was superseded by a newer"
                + " voucher after it expired at another entity's cut-off (its last day was " + expiresOn
                + "); a query by debtor id offers the current one");
    }

    /**
     * Collects {@code paid} for this voucher on {@code businessDate}, whatever the channel (a bank, a ministry's
     * batch line): on its obligations, row-locked by the caller, it checks that the voucher still holds them and
     * that the amount is exact, places the amount as the voucher's lines say (oldest first, interest before
     * principal), applies each part as a payment of source {@code paymentId}, and marks the voucher PAID.
     *
     * @return how the amount was placed
     * @throws BusinessRuleException {@code voucher-expired} (superseded) or {@code amount-mismatch}
     */
    public List<Allocation> collect(Money paid, Map<ObligationId, Obligation> locked, LocalDate businessDate,
                                    String paymentId, Instant now) {
        checkStillHolds(locked.values());
        checkAmount(paid);
        List<Allocation> allocations = Allocation.allocate(paid, lines.stream()
                .map(l -> new Allocation.Due(l.obligationId(), l.dueDate(), l.interest(), l.principal()))
                .toList());
        for (Allocation a : allocations) {
            locked.get(a.obligationId()).applyPayment(a.interest(), a.principal(), businessDate, paymentId, now);
        }
        markPaid(now);
        return allocations;
    }

    public void markPaid(Instant now) {
        status = VoucherStatus.PAID;
        updatedAt = now;
    }

    /** Back to ISSUED after its payment was reversed (EXPIRED again if it is past its date). */
    public void markUnpaid(Instant now) {
        status = VoucherStatus.ISSUED;
        updatedAt = now;
    }

    /**
     * Its debtor or staff cancel it while unpaid ({@code held}: its obligations, row-locked after it); they are then
     * free. The voucher of an agreement's down payment is cancelled only with its agreement: otherwise the down
     * payment would be left with no voucher at all (it goes on no other), and the agreement could only lapse. Once
     * expired, it cannot be cancelled during its grace days ({@code today} after its expiry, through expiry plus
     * {@code graceDays}): a bank may still post a payment of its last day, and the cancellation would pull the debt
     * from under it.
     *
     * @throws ConflictException {@code already-paid}; {@code voucher-of-agreement} for a down payment's voucher;
     *                           {@code voucher-in-grace} in its grace days
     */
    public void cancel(Collection<Obligation> held, LocalDate today, int graceDays, Instant now) {
        if (cardCharge) {
            throw new ConflictException("voucher-of-card-charge", "voucher " + reference + " is collected by a charge"
                    + " to the debtor's registered card: the charge's outcome pays or cancels it");
        }
        for (Obligation o : held) {
            if (o.installment() != null && o.installment().isDownPayment()) {
                throw new ConflictException("voucher-of-agreement", "voucher " + reference + " collects the down"
                        + " payment of agreement " + o.installment().agreementId() + ": staff cancel that agreement"
                        + " instead, which cancels its voucher");
            }
        }
        cancelUnpaid(today, graceDays, now);
    }

    /**
     * Cancelled with the agreement whose down payment it collects ({@code downPayment}, its one line); the
     * agreement then releases and cancels the down payment. Refused in its grace days, as {@link #cancel}.
     */
    public void cancelWithAgreement(Obligation downPayment, LocalDate today, int graceDays, Instant now) {
        if (lines.size() != 1 || !lines.get(0).obligationId().equals(downPayment.id())
                || downPayment.installment() == null || !downPayment.installment().isDownPayment()) {
            throw new IllegalStateException("voucher " + reference + " is not the voucher of down payment "
                    + downPayment.id());
        }
        cancelUnpaid(today, graceDays, now);
    }

    /**
     * The card charge collecting it was declined: it is cancelled, whatever the day (no bank can collect it, so its
     * grace days hold nothing back), and the caller frees its obligations.
     */
    public void cancelForDeclinedCharge(Instant now) {
        if (!cardCharge) {
            throw new IllegalStateException("voucher " + reference + " is not a card charge's voucher");
        }
        if (status == VoucherStatus.PAID) {
            throw new ConflictException("already-paid", "voucher " + reference + " is paid and cannot be cancelled");
        }
        status = VoucherStatus.CANCELLED;
        updatedAt = now;
    }

    /**
     * Collects it for the card charge that approved it on {@code chargeDate}, on the obligations the caller
     * row-locked (as {@link #collect}); only a card charge's voucher, and only while ISSUED.
     */
    public List<Allocation> collectByCard(Money charged, Map<ObligationId, Obligation> locked, LocalDate chargeDate,
                                          String paymentId, Instant now) {
        if (!cardCharge || status != VoucherStatus.ISSUED) {
            throw new IllegalStateException("voucher " + reference + " is not an unpaid card charge's voucher");
        }
        return collect(charged, locked, chargeDate, paymentId, now);
    }

    /** Whether a card charge collects it (no one else may: {@link #checkPayableOn}). */
    public boolean isCardCharge() {
        return cardCharge;
    }

    private void cancelUnpaid(LocalDate today, int graceDays, Instant now) {
        if (status == VoucherStatus.PAID) {
            throw new ConflictException("already-paid", "voucher " + reference + " is paid and cannot be cancelled");
        }
        if (today.isAfter(expiresOn) && !today.isAfter(expiresOn.plusDays(graceDays))) {
            throw new ConflictException("voucher-in-grace", "voucher " + reference + " expired on " + expiresOn
                    + ", and a bank may still post a payment of that day through " + expiresOn.plusDays(graceDays)
                    + ": it cannot be cancelled before");
        }
        status = VoucherStatus.CANCELLED;
        updatedAt = now;
    }

    public VoucherReference reference() {
        return reference;
    }

    public DebtorId debtorId() {
        return debtorId;
    }

    public String debtorName() {
        return debtorName;
    }

    public Money amount() {
        return amount;
    }

    public LocalDate issuedOn() {
        return issuedOn;
    }

    public LocalDate expiresOn() {
        return expiresOn;
    }

    public List<VoucherLine> lines() {
        return lines;
    }

    public String issuedBy() {
        return issuedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The stored status (never EXPIRED); see {@link #statusOn}. */
    public VoucherStatus storedStatus() {
        return status;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    /** A short description for a bank's screen: how many obligations of which types. */
    public String description() {
        if (lines.size() == 1) {
            VoucherLine l = lines.get(0);
            return l.description() != null ? l.description() : l.type() + " due " + l.dueDate();
        }
        return lines.size() + " obligations, due " + lines.get(0).dueDate() + " to "
                + lines.get(lines.size() - 1).dueDate();
    }
}
