package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A payment: the amount, when it was paid and the business date it belongs to, how it was applied to obligations,
 * and where it came from ({@link PaymentChannel}). A partner entity's payment ({@code BANK}) pays a voucher and
 * carries the entity's own transaction id (unique per entity); a line of a ministry's batch ({@code MINISTRY_BATCH})
 * is named by its batch and line number, and pays a voucher only when the line names one; a lump-sum settlement
 * ({@code SETTLEMENT}) is named by its settlement. A card charge ({@code CARD}) pays its voucher, under the
 * processor's entity code with the charge's id as transaction id. Money first held as an unapplied fund and applied
 * later by staff
 * keeps the channel and source the money came through, and names the fund ({@code unappliedFundId}).
 */
public final class Payment {

    /** The longest bank transaction id, in characters (Unicode code points, as the database counts them). */
    public static final int MAX_TRANSACTION_ID_LENGTH = 64;

    private final UUID id;
    private final PaymentChannel channel;
    private final String entityCode;
    private final String bankTransactionId;
    private final String voucherReference;
    private final BatchLineRef batchLine;
    private final UUID settlementId;
    private final UUID unappliedFundId;
    private final Money amount;
    private final Instant paidAt;
    private final LocalDate businessDate;
    private final List<Allocation> allocations;
    private final Instant createdAt;
    private PaymentStatus status;
    private Instant reversedAt;
    private String reversalReason;

    /** The line of a ministry's batch that a MINISTRY_BATCH payment settles. */
    public record BatchLineRef(String batchId, int lineNo) {
        public BatchLineRef {
            Objects.requireNonNull(batchId, "batchId");
        }
    }

    private Payment(UUID id, PaymentChannel channel, String entityCode, String bankTransactionId,
                    String voucherReference, BatchLineRef batchLine, UUID settlementId, UUID unappliedFundId,
                    Money amount, Instant paidAt, LocalDate businessDate, List<Allocation> allocations,
                    Instant createdAt, PaymentStatus status, Instant reversedAt, String reversalReason) {
        this.id = Objects.requireNonNull(id);
        this.channel = Objects.requireNonNull(channel);
        boolean bank = channel == PaymentChannel.BANK || channel == PaymentChannel.CARD;
        if (bank != (entityCode != null && bankTransactionId != null && voucherReference != null)
                || (channel == PaymentChannel.MINISTRY_BATCH) != (batchLine != null)
                || (channel == PaymentChannel.SETTLEMENT) != (settlementId != null)
                || (bank && unappliedFundId != null)) {
            throw new IllegalArgumentException("a " + channel + " payment does not name its source as such");
        }
        this.entityCode = entityCode;
        this.bankTransactionId = bankTransactionId;
        this.voucherReference = voucherReference;
        this.batchLine = batchLine;
        this.settlementId = settlementId;
        this.unappliedFundId = unappliedFundId;
        this.amount = Objects.requireNonNull(amount);
        this.paidAt = Objects.requireNonNull(paidAt);
        this.businessDate = Objects.requireNonNull(businessDate);
        this.allocations = List.copyOf(allocations);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.status = Objects.requireNonNull(status);
        this.reversedAt = reversedAt;
        this.reversalReason = reversalReason;
    }

    public static Payment applied(UUID id, String entityCode, String bankTransactionId, String voucherReference,
                                  Money amount, Instant paidAt, LocalDate businessDate, List<Allocation> allocations,
                                  Instant now) {
        checkAllocated(amount, allocations);
        return new Payment(id, PaymentChannel.BANK, entityCode, bankTransactionId, voucherReference, null, null, null,
                amount, paidAt, businessDate, allocations, now, PaymentStatus.APPLIED, null, null);
    }

    /**
     * What an approved card charge paid: its voucher, on the charge's date, recorded under the processor's financial
     * entity with the charge's id as the transaction id (one payment per charge).
     */
    public static Payment appliedByCard(UUID id, String processorEntityCode, UUID chargeId, String voucherReference,
                                        Money amount, Instant paidAt, LocalDate chargeDate,
                                        List<Allocation> allocations, Instant now) {
        checkAllocated(amount, allocations);
        return new Payment(id, PaymentChannel.CARD, processorEntityCode, chargeId.toString(), voucherReference, null,
                null, null, amount, paidAt, chargeDate, allocations, now, PaymentStatus.APPLIED, null, null);
    }

    /**
     * What a line of a ministry's batch paid: {@code voucherReference} when the line named a voucher (null for a
     * line that paid the debt of a period), paid on the batch's value date (its start in the business zone).
     * {@code unappliedFundId} names the fund when staff apply money the line left unapplied (null for the line's
     * own payment).
     */
    public static Payment appliedByBatchLine(UUID id, BatchLineRef line, UUID unappliedFundId,
                                             String voucherReference, Money amount, Instant paidAt,
                                             LocalDate valueDate, List<Allocation> allocations, Instant now) {
        checkAllocated(amount, allocations);
        return new Payment(id, PaymentChannel.MINISTRY_BATCH, null, null, voucherReference, line, null,
                unappliedFundId, amount, paidAt, valueDate, allocations, now, PaymentStatus.APPLIED, null, null);
    }

    /**
     * What a lump-sum settlement paid, on its value date; {@code unappliedFundId} names the fund when staff apply
     * money the settlement left unapplied (null for the settlement's own payment).
     */
    public static Payment appliedBySettlement(UUID id, UUID settlementId, UUID unappliedFundId, Money amount,
                                              Instant paidAt, LocalDate valueDate, List<Allocation> allocations,
                                              Instant now) {
        checkAllocated(amount, allocations);
        return new Payment(id, PaymentChannel.SETTLEMENT, null, null, null, null, Objects.requireNonNull(settlementId),
                unappliedFundId, amount, paidAt, valueDate, allocations, now, PaymentStatus.APPLIED, null, null);
    }

    private static void checkAllocated(Money amount, List<Allocation> allocations) {
        Money allocated = allocations.stream().map(Allocation::total).reduce(Money.ZERO, Money::plus);
        if (!allocated.equals(amount)) {
            throw new IllegalArgumentException("allocations " + allocated + " do not add up to " + amount);
        }
    }

    public static Payment restore(UUID id, PaymentChannel channel, String entityCode, String bankTransactionId,
                                  String voucherReference, BatchLineRef batchLine, UUID settlementId,
                                  UUID unappliedFundId, Money amount, Instant paidAt, LocalDate businessDate,
                                  List<Allocation> allocations, Instant createdAt, PaymentStatus status,
                                  Instant reversedAt, String reversalReason) {
        return new Payment(id, channel, entityCode, bankTransactionId, voucherReference, batchLine, settlementId,
                unappliedFundId, amount, paidAt, businessDate, allocations, createdAt, status, reversedAt,
                reversalReason);
    }

    /** A partner entity's payment, as stored (the restore of every payment before issue 11). */
    public static Payment restore(UUID id, String entityCode, String bankTransactionId, String voucherReference,
                                  Money amount, Instant paidAt, LocalDate businessDate, List<Allocation> allocations,
                                  Instant createdAt, PaymentStatus status, Instant reversedAt, String reversalReason) {
        return restore(id, PaymentChannel.BANK, entityCode, bankTransactionId, voucherReference, null, null, null,
                amount, paidAt, businessDate, allocations, createdAt, status, reversedAt, reversalReason);
    }

    /**
     * Checks a bank's own transaction id and returns it unchanged: 1 to {@value #MAX_TRANSACTION_ID_LENGTH}
     * characters (code points), none of them a control character (U+0000 to U+001F, U+007F to U+009F) or half of a
     * surrogate pair, and no whitespace at either end. Spaces inside and letters of any script are fine. The id is
     * an idempotency key compared exactly, so it is never trimmed: a padded id is refused rather than silently taken
     * for another one.
     */
    public static String checkTransactionId(String id) {
        if (id == null || id.isEmpty()) {
            throw invalidTransactionId("is required: 1 to " + MAX_TRANSACTION_ID_LENGTH + " characters");
        }
        if (id.codePointCount(0, id.length()) > MAX_TRANSACTION_ID_LENGTH) {
            throw invalidTransactionId("must have at most " + MAX_TRANSACTION_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                throw invalidTransactionId(String.format("must not contain control characters (U+%04X at"
                        + " position %d)", c, id.codePointCount(0, i) + 1));
            }
            i += Character.charCount(c);
        }
        if (isBlank(id.codePointAt(0)) || isBlank(id.codePointBefore(id.length()))) {
            throw invalidTransactionId("must not start or end with whitespace");
        }
        return id;
    }

    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static InvalidValueException invalidTransactionId(String rule) {
        return new InvalidValueException("validation-error", rule);
    }

    /** Whether a retry carries the same request: same voucher, same amount, same instant of payment. */
    public boolean sameRequest(String reference, Money requestedAmount, Instant requestedPaidAt) {
        return voucherReference.equals(reference) && amount.equals(requestedAmount) && paidAt.equals(requestedPaidAt);
    }

    /** Reverses an applied payment; reversing a reversed one again changes nothing (returns false). */
    public boolean reverse(String reason, Instant now) {
        if (status == PaymentStatus.REVERSED) {
            return false;
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new InvalidValueException("invalid-reversal-reason",
                    "a reversal needs a reason of 1 to 500 characters").atField("reason");
        }
        status = PaymentStatus.REVERSED;
        reversedAt = now;
        reversalReason = reason.strip();
        return true;
    }

    public UUID id() {
        return id;
    }

    public PaymentChannel channel() {
        return channel;
    }

    /** The partner entity's code (BANK payments), or null. */
    public String entityCode() {
        return entityCode;
    }

    /** The partner entity's own transaction id (BANK payments), or null. */
    public String bankTransactionId() {
        return bankTransactionId;
    }

    /** The voucher paid, or null (a batch line that paid the debt of a period). */
    public String voucherReference() {
        return voucherReference;
    }

    /** The batch line settled (MINISTRY_BATCH payments), or null. */
    public BatchLineRef batchLine() {
        return batchLine;
    }

    /** The settlement a SETTLEMENT payment comes from, or null. */
    public UUID settlementId() {
        return settlementId;
    }

    /** The unapplied fund this payment applied (staff's resolution), or null for a payment made when money came. */
    public UUID unappliedFundId() {
        return unappliedFundId;
    }

    public Money amount() {
        return amount;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    public List<Allocation> allocations() {
        return allocations;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public PaymentStatus status() {
        return status;
    }

    public Instant reversedAt() {
        return reversedAt;
    }

    public String reversalReason() {
        return reversalReason;
    }
}
