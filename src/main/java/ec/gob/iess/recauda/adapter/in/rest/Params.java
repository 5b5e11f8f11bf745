package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Parses path and query parameters with the same clear 400s as bodies (never a 404 or 500 for a bad value). */
public final class Params {

    private Params() {
    }

    /** A cédula or RUC (a passport is refused), reported on field {@code debtorId}. */
    public static DebtorId debtorId(String raw) {
        try {
            return DebtorId.parse(raw);
        } catch (InvalidValueException e) {
            throw e.atField("debtorId");
        }
    }

    /**
     * A cédula, RUC or passport / foreign id (the payer of a miscellaneous concept), reported on field
     * {@code debtorId}: any debtor that can owe an obligation.
     */
    public static DebtorId payerId(String raw) {
        try {
            return DebtorId.parsePayer(raw);
        } catch (InvalidValueException e) {
            throw e.atField("debtorId");
        }
    }

    public static ObligationId obligationId(String raw) {
        try {
            return ObligationId.parse(raw);
        } catch (InvalidValueException e) {
            throw e.atField("id");
        }
    }

    public static VoucherReference voucherReference(String name, String raw) {
        try {
            return VoucherReference.parse(raw);
        } catch (InvalidValueException e) {
            throw e.atField(name);
        }
    }

    public static UUID uuid(String name, String raw) {
        if (raw != null && raw.length() == 36) {
            try {
                UUID id = UUID.fromString(raw);
                if (id.toString().equalsIgnoreCase(raw)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new InvalidValueException("invalid-id", "must be a UUID such as 3f2b8c4e-9d1a-4e5f-8a7b-6c5d4e3f2a1b")
                .atField(name);
    }

    /** An ISO date (YYYY-MM-DD) that exists, or null when absent. */
    public static LocalDate date(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("invalid-date", "is not a date that exists in the form YYYY-MM-DD")
                    .atField(name);
        }
    }

    public static <E extends Enum<E>> E enumValue(String name, String raw, Class<E> type) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("validation-error", "must be one of "
                    + Arrays.toString(type.getEnumConstants())).atField(name);
        }
    }

    /**
     * A flag given at most once as exactly {@code true} or {@code false}; absent means {@code false}. Anything else
     * ({@code 1}, {@code yes}, {@code TRUE}, an empty value, the parameter repeated) is a 400, so that a client's
     * intent is never guessed.
     */
    public static boolean strictFlag(String name, List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        if (raw.size() == 1) {
            if ("true".equals(raw.get(0))) {
                return true;
            }
            if ("false".equals(raw.get(0))) {
                return false;
            }
        }
        throw new InvalidValueException("validation-error", "must be given once, as true or false").atField(name);
    }

    /**
     * Every value of query parameter {@code name} in a raw query string, decoded, empty values included (JAX-RS
     * drops a bare {@code ?name=}, which must not pass for "absent").
     */
    public static List<String> queryValues(String rawQuery, String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    public static int integer(String name, String raw, int defaultValue) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("validation-error", "must be a whole number").atField(name);
        }
    }
}
