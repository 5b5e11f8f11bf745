package ec.gob.iess.recauda.domain.card;

import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One charge of a mandate on one date, or the record that the mandate was due that date and not charged
 * (SKIPPED). There is one per mandate and date: the database refuses a second, which is how two runners sharing a
 * date divide the work and never charge a mandate twice.
 *
 * <p>A charge is written PENDING_CONFIRMATION before the processor is called, so that a crash at any point leaves a
 * charge whose outcome is asked for, never one sent again blindly. Its idempotency key names the mandate and the date
 * ({@link #keyOf}): every request about this charge, a re-send after a time-out included, carries the same key.
 */
public final class CardCharge {

    public enum Status {
        PENDING_CONFIRMATION,
        APPROVED,
        SOFT_DECLINED,
        HARD_DECLINED,
        /**
         * The processor never received it, and it was not sent again: its day had passed (a charge is only ever sent
         * on its date, with interest to that date), or its mandate was no longer ACTIVE. Its debt is free again.
         */
        NOT_CHARGED,
        SKIPPED
    }

    /** Why a due mandate was not charged on a date. */
    public enum SkipReason {
        /** The debtor owed nothing due before the date that could go on a voucher. */
        NOTHING_DUE,
        /** The card's expiry month was over: the mandate is suspended. */
        CARD_EXPIRED,
        /** An earlier charge's outcome is still unknown: nothing is charged before it is known. */
        AWAITING_CONFIRMATION
    }

    private final UUID id;
    private final UUID mandateId;
    private final DebtorId debtorId;
    private final LocalDate chargeDate;
    private final String idempotencyKey;
    private final String voucherReference;
    private final Money amount;
    private final boolean retry;
    private final SkipReason skipReason;
    private final Instant createdAt;
    private Status status;
    private String processorChargeId;
    private String declineCode;
    private UUID paymentId;
    private Instant resolvedAt;

    private CardCharge(UUID id, UUID mandateId, DebtorId debtorId, LocalDate chargeDate, String idempotencyKey,
                       String voucherReference, Money amount, boolean retry, Status status, SkipReason skipReason,
                       String processorChargeId, String declineCode, UUID paymentId, Instant createdAt,
                       Instant resolvedAt) {
        this.id = Objects.requireNonNull(id);
        this.mandateId = Objects.requireNonNull(mandateId);
        this.debtorId = Objects.requireNonNull(debtorId);
        this.chargeDate = Objects.requireNonNull(chargeDate);
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey);
        this.voucherReference = voucherReference;
        this.amount = amount;
        this.retry = retry;
        this.status = Objects.requireNonNull(status);
        this.skipReason = skipReason;
        this.processorChargeId = processorChargeId;
        this.declineCode = declineCode;
        this.paymentId = paymentId;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.resolvedAt = resolvedAt;
        if ((status == Status.SKIPPED) != (skipReason != null) || (status == Status.SKIPPED) == (amount != null)
                || (amount == null) != (voucherReference == null)) {
            throw new IllegalArgumentException("a SKIPPED charge has a reason and no amount; any other an amount");
        }
    }

    /** The idempotency key of the charge of {@code mandateId} on {@code date}: the same for every try of it. */
    public static String keyOf(UUID mandateId, LocalDate date) {
        return "rcd-" + mandateId + "-" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** A charge about to be sent for a voucher's exact amount. */
    public static CardCharge pending(UUID id, CardMandate mandate, LocalDate chargeDate, String voucherReference,
                                     Money amount, Instant now) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a charge is for a positive amount");
        }
        return new CardCharge(id, mandate.id(), mandate.debtorId(), chargeDate, keyOf(mandate.id(), chargeDate),
                Objects.requireNonNull(voucherReference), amount, mandate.isRetryOn(chargeDate),
                Status.PENDING_CONFIRMATION, null, null, null, null, now, null);
    }

    /** The record that the mandate was due on {@code chargeDate} and not charged, and why. */
    public static CardCharge skipped(UUID id, CardMandate mandate, LocalDate chargeDate, SkipReason reason,
                                     Instant now) {
        return new CardCharge(id, mandate.id(), mandate.debtorId(), chargeDate, keyOf(mandate.id(), chargeDate),
                null, null, mandate.isRetryOn(chargeDate), Status.SKIPPED, Objects.requireNonNull(reason), null, null,
                null, now, now);
    }

    public static CardCharge restore(UUID id, UUID mandateId, DebtorId debtorId, LocalDate chargeDate,
                                     String idempotencyKey, String voucherReference, Money amount, boolean retry,
                                     Status status, SkipReason skipReason, String processorChargeId,
                                     String declineCode, UUID paymentId, Instant createdAt, Instant resolvedAt) {
        return new CardCharge(id, mandateId, debtorId, chargeDate, idempotencyKey, voucherReference, amount, retry,
                status, skipReason, processorChargeId, declineCode, paymentId, createdAt, resolvedAt);
    }

    /**
     * Records the processor's answer. Only a charge PENDING_CONFIRMATION takes one; UNKNOWN leaves it so (asked
     * again later), and so does NOT_FOUND (the processor never received it: it may be sent again, with the same key).
     *
     * @param paymentId the payment that applies an approved charge; null when its voucher could no longer be collected
     *                  (the charge stayed unknown past the confirmation hold and the debt was paid or taken since):
     *                  staff then refund the card or apply the money by hand
     * @return whether the charge is now final
     */
    public boolean resolve(ProcessorAnswer answer, UUID paymentId, Instant now) {
        if (status != Status.PENDING_CONFIRMATION) {
            throw new IllegalStateException("charge " + id + " is " + status + " already");
        }
        switch (answer.outcome()) {
            case APPROVED -> {
                status = Status.APPROVED;
                this.paymentId = paymentId;
            }
            case SOFT_DECLINE -> status = Status.SOFT_DECLINED;
            case HARD_DECLINE -> status = Status.HARD_DECLINED;
            case UNKNOWN, NOT_FOUND -> {
                return false;
            }
            default -> throw new IllegalArgumentException(answer.outcome().name());
        }
        processorChargeId = answer.processorChargeId();
        declineCode = answer.declineCode();
        resolvedAt = now;
        return true;
    }

    /**
     * The processor never received it, and it is not to be sent again (its date passed, or its mandate is no longer
     * ACTIVE): NOT_CHARGED.
     */
    public void notCharged(Instant now) {
        if (status != Status.PENDING_CONFIRMATION) {
            throw new IllegalStateException("charge " + id + " is " + status + " already");
        }
        status = Status.NOT_CHARGED;
        resolvedAt = now;
    }

    /**
     * Whether the processor, having never received it, may be sent it again on {@code today}: only on its own date
     * (the amount carries interest to that date) and while its mandate is ACTIVE.
     */
    public boolean maySendAgain(LocalDate today, CardMandate mandate) {
        return status == Status.PENDING_CONFIRMATION && chargeDate.equals(today)
                && mandate.status() == CardMandate.Status.ACTIVE;
    }

    /**
     * Whether a charge on {@code chargeDate} may take obligation {@code o}: one a bank's query by debtor id would
     * offer ({@link Obligation#isOfferedOn}), due before that day (a card is never charged for debt not yet due), and
     * protected by no voucher, its grace days for late postings included (a bank may still post that voucher's last
     * day: the debt would be collected twice).
     */
    public static boolean mayTake(Obligation o, LocalDate chargeDate, int graceDays) {
        return o.isOfferedOn(chargeDate) && o.dueDate().isBefore(chargeDate)
                && (o.hold() == null || !o.hold().protectsOn(chargeDate, graceDays));
    }

    /** What the debtor is told of a final charge: approved, or failed (declined, or never received). */
    public Notification notification(Instant now) {
        if (status == Status.PENDING_CONFIRMATION || status == Status.SKIPPED) {
            throw new IllegalStateException("charge " + id + " is " + status + ": nothing to tell yet");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chargeId", id.toString());
        data.put("mandateId", mandateId.toString());
        data.put("debtorId", debtorId.value());
        data.put("chargeDate", chargeDate.toString());
        data.put("amount", amount.toString());
        data.put("status", status.name());
        data.put("voucherReference", voucherReference);
        if (declineCode != null) {
            data.put("declineCode", declineCode);
        }
        if (paymentId != null) {
            data.put("paymentId", paymentId.toString());
        }
        return Notification.of(status == Status.APPROVED ? Notification.Type.CHARGE_APPROVED
                : Notification.Type.CHARGE_FAILED, debtorId, id, data, now);
    }

    public boolean isPending() {
        return status == Status.PENDING_CONFIRMATION;
    }

    public UUID id() {
        return id;
    }

    public UUID mandateId() {
        return mandateId;
    }

    public DebtorId debtorId() {
        return debtorId;
    }

    public LocalDate chargeDate() {
        return chargeDate;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String voucherReference() {
        return voucherReference;
    }

    public Money amount() {
        return amount;
    }

    public boolean retry() {
        return retry;
    }

    public Status status() {
        return status;
    }

    public SkipReason skipReason() {
        return skipReason;
    }

    public String processorChargeId() {
        return processorChargeId;
    }

    public String declineCode() {
        return declineCode;
    }

    public UUID paymentId() {
        return paymentId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }
}
