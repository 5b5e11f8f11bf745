package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A row of the legacy host's export of glosas and credit titles (issue 11 §2), and the rules by which it becomes an
 * obligation of that type and stage, with external reference (LEGACY, legacyId). A row that breaks a rule is
 * rejected with its reason and the field at fault; the rest of the file is imported all the same.
 */
public final class LegacyRow {

    /** The source system of the obligations imported: their external reference is (LEGACY, legacyId). */
    public static final String SOURCE_SYSTEM = "LEGACY";
    /** The header the file must start with, in this order. */
    public static final List<String> HEADER = List.of("legacyId", "debtorId", "debtorName", "type", "issueDate",
            "dueDate", "principal", "description");
    /** What a byte that is not UTF-8 is read as (U+FFFD, the replacement character). */
    public static final char NOT_UTF8 = '\uFFFD';
    /** The earliest year of a date in the file. */
    public static final int FIRST_YEAR = 1900;
    /** The most data rows a file may hold. */
    public static final int MAX_ROWS = 1_000_000;
    /** A row without exactly the header's fields. */
    public static final String MALFORMED_ROW = "malformed-row";
    /** A field that breaks its rule ({@code field} names it). */
    public static final String INVALID_VALUE = "invalid-value";

    private LegacyRow() {
    }

    /**
     * A data row as the file carries it: {@code row} is its record number in the file, the header being row 1 (as a
     * spreadsheet numbers it, however many lines a quoted field spans).
     */
    public record Raw(int row, List<String> fields) {
        public Raw {
            fields = List.copyOf(fields);
        }

        /** The legacyId as sent (the first field), or null. */
        public String legacyId() {
            return fields.isEmpty() ? null : fields.get(0);
        }
    }

    /** What a row became. */
    public sealed interface Checked permits Accepted, Rejected {
    }

    /** A row that becomes {@code obligation} (the issue date is checked, not kept: an obligation has none). */
    public record Accepted(Obligation obligation) implements Checked {
    }

    /** A row refused: a stable reason, the field at fault (null for the row as a whole) and why, in words. */
    public record Rejected(String reason, String field, String detail) implements Checked {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Checks the file's header.
     *
     * @throws InvalidValueException naming {@code header}, when it is not {@link #HEADER}
     */
    public static void checkHeader(List<String> header) {
        if (!HEADER.equals(header)) {
            throw new InvalidValueException("invalid-csv", "the first row must be the header "
                    + String.join(",", HEADER)).atField("header");
        }
    }

    /**
     * Checks a row received on {@code today} and makes its obligation (id {@code id}, created {@code now}): legacyId
     * an external reference; debtorId a cédula or RUC (a check digit that fails is accepted with a warning,
     * as everywhere); debtorName required; type GLOSA or CREDIT_TITLE (its stage is the same); dates as YYYY-MM-DD,
     * the issue date neither after the due date nor after today; principal a positive amount with two decimals;
     * description optional. No control characters but line breaks and tabs in the description, and only UTF-8 text
     * (a byte that is not is read as {@link #NOT_UTF8}).
     */
    public static Checked check(Raw raw, LocalDate today, ObligationId id, Instant now) {
        if (raw.fields().size() != HEADER.size()) {
            return new Rejected(MALFORMED_ROW, null, "has " + raw.fields().size() + " fields; the header has "
                    + HEADER.size());
        }
        for (int i = 0; i < HEADER.size(); i++) {
            String value = raw.fields().get(i);
            boolean multiLine = HEADER.get(i).equals("description");
            if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r'
                    || c == '\t')))) {
                return invalid(HEADER.get(i), "must not contain control characters");
            }
            if (value.indexOf(NOT_UTF8) >= 0) {
                return invalid(HEADER.get(i), "is not UTF-8 text");
            }
        }
        List<String> f = raw.fields();
        ExternalReference reference;
        try {
            reference = new ExternalReference(SOURCE_SYSTEM, f.get(0));
        } catch (InvalidValueException e) {
            return invalid("legacyId", e.getMessage());
        }
        DebtorId debtor;
        try {
            debtor = DebtorId.parse(f.get(1));
        } catch (InvalidValueException e) {
            return invalid("debtorId", e.getMessage());
        }
        String name = f.get(2).strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > Obligation.MAX_DEBTOR_NAME_LENGTH) {
            return invalid("debtorName", "is required: 1 to " + Obligation.MAX_DEBTOR_NAME_LENGTH + " characters");
        }
        ObligationType type;
        if (f.get(3).equals("GLOSA")) {
            type = ObligationType.GLOSA;
        } else if (f.get(3).equals("CREDIT_TITLE")) {
            type = ObligationType.CREDIT_TITLE;
        } else {
            return invalid("type", "must be GLOSA or CREDIT_TITLE");
        }
        LocalDate issued = date(f.get(4));
        if (issued == null) {
            return invalid("issueDate", "must be a date written YYYY-MM-DD, from " + FIRST_YEAR + " on");
        }
        LocalDate due = date(f.get(5));
        if (due == null) {
            return invalid("dueDate", "must be a date written YYYY-MM-DD, from " + FIRST_YEAR + " on");
        }
        if (issued.isAfter(today)) {
            return invalid("issueDate", "is after today (" + today + ")");
        }
        if (issued.isAfter(due)) {
            return invalid("issueDate", "is after the due date");
        }
        Money principal;
        try {
            principal = Money.parseAmount(f.get(6));
        } catch (InvalidValueException e) {
            return invalid("principal", e.getMessage());
        }
        String description = f.get(7).isBlank() ? null : f.get(7).strip();
        if (description != null && description.codePointCount(0, description.length()) > Obligation.MAX_TEXT_LENGTH) {
            return invalid("description", "must have at most " + Obligation.MAX_TEXT_LENGTH + " characters");
        }
        ObligationStage stage = type == ObligationType.GLOSA ? ObligationStage.GLOSA : ObligationStage.CREDIT_TITLE;
        try {
            return new Accepted(Obligation.create(id, new NewObligation(debtor, name, type, stage, principal, due,
                    null, description, reference), now));
        } catch (InvalidValueException e) {
            return new Rejected(INVALID_VALUE, null, e.getMessage());
        }
    }

    private static Rejected invalid(String field, String detail) {
        return new Rejected(INVALID_VALUE, field, detail);
    }

    /** A date written YYYY-MM-DD from 1900 on (the database knows no year 0, and the host none before 1900). */
    private static LocalDate date(String text) {
        if (text.length() != 10) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return date.getYear() < FIRST_YEAR ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
