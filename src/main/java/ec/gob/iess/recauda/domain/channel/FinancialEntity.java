package ec.gob.iess.recauda.domain.channel;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A partner that collects for the institution: a bank, a cooperative or a payment network. Onboarded as data (one
 * registration plus an API client with role BANK and the entity's code as scope), never as code.
 *
 * <p>Its cut-off time decides business dates: a payment made after the cut-off (local time in Guayaquil) belongs to
 * the next day, and a payment can be reversed only on its business date, before the cut-off.
 */
public final class FinancialEntity {

    /** 2–20 uppercase letters, digits or dashes. */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9-]{2,20}");
    public static final int MAX_CODE_LENGTH = 20;
    public static final int MAX_NAME_LENGTH = 120;
    /** Strict: the default (smart) resolving would read "24:00" as 00:00, a cut-off at the start of the day. */
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);

    private final String code;
    private final String name;
    private final FinancialEntityType type;
    private LocalTime cutoffTime;
    private boolean active;
    private final Instant createdAt;
    private Instant updatedAt;

    private FinancialEntity(String code, String name, FinancialEntityType type, LocalTime cutoffTime, boolean active,
                            Instant createdAt, Instant updatedAt) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.cutoffTime = Objects.requireNonNull(cutoffTime);
        this.active = active;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = Objects.requireNonNull(updatedAt);
    }

    public static FinancialEntity register(String code, String name, FinancialEntityType type, LocalTime cutoff,
                                           Instant now) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidValueException("invalid-entity-code",
                    "must be 2 to 20 uppercase letters, digits or dashes").atField("code");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidValueException("validation-error", "must have 1 to 120 characters").atField("name");
        }
        return new FinancialEntity(code, name.strip(), type, Objects.requireNonNull(cutoff), true, now, now);
    }

    public static FinancialEntity restore(String code, String name, FinancialEntityType type, LocalTime cutoff,
                                          boolean active, Instant createdAt, Instant updatedAt) {
        return new FinancialEntity(code, name, type, cutoff, active, createdAt, updatedAt);
    }

    /** Parses a cut-off time written "HH:mm" (00:00 to 23:59). */
    public static LocalTime parseCutoff(String text) {
        if (text == null || !text.matches("\\d{2}:\\d{2}")) {
            throw new InvalidValueException("invalid-cutoff-time", "must be a time of day written HH:mm, e.g. 17:00")
                    .atField("cutoffTime");
        }
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("invalid-cutoff-time", "is not a time of day (00:00 to 23:59)")
                    .atField("cutoffTime");
        }
    }

    /**
     * The business date of an instant for this entity: the local date in {@code zone}, or the next day when the
     * local time is after the cut-off.
     */
    public LocalDate businessDateOf(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate date = local.toLocalDate();
        return local.toLocalTime().isAfter(cutoffTime) ? date.plusDays(1) : date;
    }

    /**
     * Whether a payment of {@code businessDate} may still be reversed at {@code now}: only while the entity's
     * current business date is still the payment's, i.e. on that date and before the cut-off.
     */
    public boolean reversalOpen(LocalDate businessDate, Instant now, ZoneId zone) {
        return businessDateOf(now, zone).equals(businessDate);
    }

    public void change(Boolean active, LocalTime cutoff, Instant now) {
        if (active != null) {
            this.active = active;
        }
        if (cutoff != null) {
            this.cutoffTime = cutoff;
        }
        this.updatedAt = now;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public FinancialEntityType type() {
        return type;
    }

    public LocalTime cutoffTime() {
        return cutoffTime;
    }

    public String cutoffText() {
        return cutoffTime.format(HH_MM);
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
