package ec.gob.iess.recauda.domain.card;

import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A debtor's standing order to charge a registered card on a day of each month (issue 12). The card number never
 * reaches us: the front-end tokenizes the card at the processor and we keep the processor's token, the brand, the
 * last four digits and the expiry, to show the debtor which card it is. One ACTIVE mandate per debtor.
 *
 * <p>An ACTIVE mandate is charged on its debit day, and on the days after a soft decline ({@link #retryOn}); a hard
 * decline or an expired card SUSPENDS it; the debtor or staff CANCEL it. Suspended and cancelled mandates are never
 * charged again (the debtor registers the card anew).
 */
public final class CardMandate {

    public static final int MAX_TOKEN_LENGTH = 128;
    public static final int MAX_HOLDER_NAME_LENGTH = 100;
    public static final int MAX_REASON_LENGTH = 200;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1," + MAX_TOKEN_LENGTH + "}");
    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    public enum Status {
        ACTIVE,
        SUSPENDED,
        CANCELLED
    }

    /** What a registration sends, as received (checked by {@link #register}). */
    public record Registration(String processorToken, String brand, String last4, Integer expiryMonth,
                               Integer expiryYear, String holderName, Integer debitDay) {
    }

    private final UUID id;
    private final DebtorId debtorId;
    private final String processorToken;
    private final CardBrand brand;
    private final String last4;
    private final YearMonth expiry;
    private final String holderName;
    private final int debitDay;
    private final Instant createdAt;
    private final String createdBy;
    private final long version;
    private Status status;
    private String statusReason;
    private LocalDate retryOn;
    private int retriesLeft;
    private Instant updatedAt;

    private CardMandate(UUID id, DebtorId debtorId, String processorToken, CardBrand brand, String last4,
                        YearMonth expiry, String holderName, int debitDay, Status status, String statusReason,
                        LocalDate retryOn, int retriesLeft, Instant createdAt, String createdBy, Instant updatedAt,
                        long version) {
        this.id = Objects.requireNonNull(id);
        this.debtorId = Objects.requireNonNull(debtorId);
        this.processorToken = Objects.requireNonNull(processorToken);
        this.brand = Objects.requireNonNull(brand);
        this.last4 = Objects.requireNonNull(last4);
        this.expiry = Objects.requireNonNull(expiry);
        this.holderName = Objects.requireNonNull(holderName);
        this.debitDay = debitDay;
        this.status = Objects.requireNonNull(status);
        this.statusReason = statusReason;
        this.retryOn = retryOn;
        this.retriesLeft = retriesLeft;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.updatedAt = Objects.requireNonNull(updatedAt);
        this.version = version;
    }

    /**
     * Registers a mandate of {@code debtor} from what the front-end sent, checking every field and reporting every
     * wrong one together. A field holding what looks like a card number refuses the whole registration
     * ({@code card-number-refused}), naming the field and never the value.
     *
     * @throws InvalidValueException a wrong field (400); {@code card-number-refused} before anything else
     * @throws BusinessRuleException {@code card-expired}: the card's expiry month is over on {@code today}
     */
    public static CardMandate register(UUID id, DebtorId debtor, Registration r, CardDebitRules rules,
                                       LocalDate today, String createdBy, Instant now) {
        refuseCardNumbers(r);
        List<InvalidValueException.Violation> wrong = new ArrayList<>();
        if (r.processorToken() == null || !TOKEN.matcher(r.processorToken()).matches()) {
            wrong.add(new InvalidValueException.Violation("processorToken", "is required: the processor's token, 1 to "
                    + MAX_TOKEN_LENGTH + " letters, digits or _ . : -"));
        }
        CardBrand brand = null;
        try {
            brand = r.brand() == null ? null : CardBrand.valueOf(r.brand());
        } catch (IllegalArgumentException e) {
            brand = null;
        }
        if (brand == null) {
            wrong.add(new InvalidValueException.Violation("brand", "is required: one of "
                    + List.of(CardBrand.values())));
        }
        if (r.last4() == null || !LAST4.matcher(r.last4()).matches()) {
            wrong.add(new InvalidValueException.Violation("last4", "is required: the card's last four digits"));
        }
        if (r.expiryMonth() == null || r.expiryMonth() < 1 || r.expiryMonth() > 12) {
            wrong.add(new InvalidValueException.Violation("expiryMonth", "is required: 1 to 12"));
        }
        if (r.expiryYear() == null || r.expiryYear() < 2000 || r.expiryYear() > 2099) {
            wrong.add(new InvalidValueException.Violation("expiryYear", "is required: four digits, 2000 to 2099"));
        }
        String holder = r.holderName() == null ? null : r.holderName().strip();
        if (holder == null || holder.isEmpty() || holder.codePointCount(0, holder.length()) > MAX_HOLDER_NAME_LENGTH) {
            wrong.add(new InvalidValueException.Violation("holderName", "is required: the name on the card, 1 to "
                    + MAX_HOLDER_NAME_LENGTH + " characters"));
        }
        if (r.debitDay() == null || !rules.allowedDays().contains(r.debitDay())) {
            wrong.add(new InvalidValueException.Violation("debitDay", "must be one of the allowed debit days "
                    + rules.allowedDays()));
        }
        if (!wrong.isEmpty()) {
            throw InvalidValueException.of(wrong);
        }
        YearMonth expiry = YearMonth.of(r.expiryYear(), r.expiryMonth());
        if (isExpired(expiry, today)) {
            throw new BusinessRuleException("card-expired", "the card expired at the end of " + expiry
                    + "; register a card that is still valid");
        }
        return new CardMandate(id, debtor, r.processorToken(), brand, r.last4(), expiry, holder, r.debitDay(),
                Status.ACTIVE, null, null, 0, now, createdBy, now, 0);
    }

    private static void refuseCardNumbers(Registration r) {
        List<InvalidValueException.Violation> found = new ArrayList<>();
        String[][] texts = {{"processorToken", r.processorToken()}, {"brand", r.brand()}, {"last4", r.last4()},
            {"holderName", r.holderName()}};
        for (String[] t : texts) {
            if (CardNumbers.containsCardNumber(t[1])) {
                found.add(new InvalidValueException.Violation(t[0], CARD_NUMBER_REFUSED));
            }
        }
        if (!found.isEmpty()) {
            throw cardNumberRefused(found);
        }
    }

    /** Why text that looks like a card number is refused; never with the text itself. */
    public static final String CARD_NUMBER_REFUSED = "holds what looks like a card number (13 to 19 digits passing"
            + " the Luhn check); we never accept card numbers: tokenize the card at the processor and send its token";

    /** The refusal of a request that holds what looks like a card number, in the fields named. */
    public static InvalidValueException cardNumberRefused(List<InvalidValueException.Violation> where) {
        return InvalidValueException.of("card-number-refused", where);
    }

    public static CardMandate restore(UUID id, DebtorId debtorId, String processorToken, CardBrand brand,
                                      String last4, YearMonth expiry, String holderName, int debitDay, Status status,
                                      String statusReason, LocalDate retryOn, int retriesLeft, Instant createdAt,
                                      String createdBy, Instant updatedAt, long version) {
        return new CardMandate(id, debtorId, processorToken, brand, last4, expiry, holderName, debitDay, status,
                statusReason, retryOn, retriesLeft, createdAt, createdBy, updatedAt, version);
    }

    private static boolean isExpired(YearMonth expiry, LocalDate today) {
        return today.isAfter(expiry.atEndOfMonth());
    }

    /** Whether the card is past its expiry month on {@code date}. */
    public boolean isExpiredOn(LocalDate date) {
        return isExpired(expiry, date);
    }

    /** Whether a run of {@code date} charges it: ACTIVE, and {@code date} is its debit day or a retry is due. */
    public boolean isDueOn(LocalDate date) {
        return status == Status.ACTIVE
                && (date.getDayOfMonth() == debitDay || (retryOn != null && !retryOn.isAfter(date)));
    }

    /** Whether the charge of {@code date} retries a soft decline (rather than the debit day's own charge). */
    public boolean isRetryOn(LocalDate date) {
        return date.getDayOfMonth() != debitDay && retryOn != null && !retryOn.isAfter(date);
    }

    /** Cancelled by the debtor or staff; cancelling a cancelled mandate changes nothing (false). */
    public boolean cancel(Instant now) {
        if (status == Status.CANCELLED) {
            return false;
        }
        status = Status.CANCELLED;
        statusReason = "cancelled";
        retryOn = null;
        retriesLeft = 0;
        updatedAt = now;
        return true;
    }

    /** Refuses a second ACTIVE mandate of a debtor (the database refuses it too). */
    public static ConflictException alreadyActive(DebtorId debtor) {
        return new ConflictException("mandate-active", "debtor " + debtor.value() + " already has an ACTIVE card"
                + " mandate; cancel it before registering another card");
    }

    /**
     * What the outcome of the charge of {@code chargeDate} does to the mandate: an approval ends any retries; a soft
     * decline is tried again on the next day, up to the rules' retries counted from the debit day's charge; a hard
     * decline suspends it (as an expired card does: {@link #suspend}). A mandate no longer ACTIVE stays as it is.
     *
     * @return whether the mandate changed (an approval with no retry in progress changes nothing)
     */
    public boolean after(ChargeOutcome outcome, LocalDate chargeDate, CardDebitRules rules, String reason,
                         Instant now) {
        if (status != Status.ACTIVE) {
            // Cancelled (or suspended) while the charge was on its way: nothing is charged to it again anyway.
            return false;
        }
        switch (outcome) {
            case APPROVED -> {
                if (retryOn == null && retriesLeft == 0) {
                    return false;
                }
                retryOn = null;
                retriesLeft = 0;
            }
            case SOFT_DECLINE -> {
                retriesLeft = isRetryOn(chargeDate) ? retriesLeft - 1 : rules.softDeclineRetries();
                retryOn = retriesLeft > 0 ? chargeDate.plusDays(1) : null;
                retriesLeft = Math.max(retriesLeft, 0);
            }
            case HARD_DECLINE -> suspend(reason == null ? "hard decline" : "hard decline: " + reason, now);
            case UNKNOWN -> {
                return false;
            }
            default -> throw new IllegalArgumentException(outcome.name());
        }
        updatedAt = now;
        return true;
    }

    /** Suspended: a hard decline or an expired card; never charged again until the debtor registers a card anew. */
    public void suspend(String reason, Instant now) {
        if (status != Status.ACTIVE) {
            return;
        }
        status = Status.SUSPENDED;
        statusReason = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        retryOn = null;
        retriesLeft = 0;
        updatedAt = now;
    }

    /** What the debtor is told when the mandate is suspended. */
    public Notification suspensionNotification(Instant now) {
        if (status != Status.SUSPENDED) {
            throw new IllegalStateException("mandate " + id + " is " + status);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mandateId", id.toString());
        data.put("debtorId", debtorId.value());
        data.put("brand", brand.name());
        data.put("last4", last4);
        data.put("reason", statusReason);
        return Notification.of(Notification.Type.MANDATE_SUSPENDED, debtorId, id, data, now);
    }

    public UUID id() {
        return id;
    }

    public DebtorId debtorId() {
        return debtorId;
    }

    public String processorToken() {
        return processorToken;
    }

    public CardBrand brand() {
        return brand;
    }

    public String last4() {
        return last4;
    }

    public YearMonth expiry() {
        return expiry;
    }

    public String holderName() {
        return holderName;
    }

    public int debitDay() {
        return debitDay;
    }

    public Status status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public LocalDate retryOn() {
        return retryOn;
    }

    public int retriesLeft() {
        return retriesLeft;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
