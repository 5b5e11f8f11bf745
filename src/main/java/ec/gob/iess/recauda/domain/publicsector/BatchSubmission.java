package ec.gob.iess.recauda.domain.publicsector;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ministry's batch as its body says it, checked: the rules a batch must meet to be accepted, and nothing stored
 * until it meets them all. A header field out of its format is a 400 naming it; a batch whose lines do not add up
 * to what the header says, or with malformed or repeated lines, is a 422 {@code batch-invalid} naming the first
 * {@value #MAX_LINES_NAMED} lines at fault.
 */
public record BatchSubmission(String batchId, String transferReference, LocalDate valueDate, Money controlTotal,
                              int lineCount, List<BatchLine> lines) {

    /** The most lines a batch holds. */
    public static final int MAX_LINES = 100_000;
    /** The most lines a refusal names. */
    public static final int MAX_LINES_NAMED = 100;
    /** How many days before the service's business date a value date may be. */
    public static final int MAX_VALUE_DATE_AGE_DAYS = 30;
    public static final int MAX_BATCH_ID_LENGTH = 40;
    public static final String BATCH_ID_RULE = "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$";
    public static final int MAX_TRANSFER_REFERENCE_LENGTH = 64;
    /** Letters, digits, spaces and . / _ -, starting with a letter or digit, not ending with a space. */
    public static final String TRANSFER_REFERENCE_RULE = "^[A-Za-z0-9]([A-Za-z0-9 ./_-]{0,62}[A-Za-z0-9./_-])?$";
    private static final Pattern BATCH_ID = Pattern.compile(BATCH_ID_RULE);
    private static final Pattern TRANSFER_REFERENCE = Pattern.compile(TRANSFER_REFERENCE_RULE);

    /** A line as the body carries it, before its values are checked. */
    public record RawLine(Integer lineNo, String employerId, String reference, String period, String amount) {
    }

    /** The body's fields as they came. */
    public record Raw(String batchId, String transferReference, LocalDate valueDate, String controlTotal,
                      Integer lineCount, List<RawLine> lines) {
    }

    public BatchSubmission {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(transferReference, "transferReference");
        Objects.requireNonNull(valueDate, "valueDate");
        Objects.requireNonNull(controlTotal, "controlTotal");
        lines = List.copyOf(lines);
    }

    /**
     * Checks a body received on {@code today} (the service's business date).
     *
     * @throws InvalidValueException a header field out of its format (400), each named
     * @throws BusinessRuleException {@code batch-invalid} (422): lineCount or the sum of amounts different from the
     *                               body, a value date in the future or too old, malformed or repeated lines
     */
    public static BatchSubmission check(Raw raw, LocalDate today) {
        List<InvalidValueException.Violation> format = new ArrayList<>();
        if (raw.batchId() == null || !BATCH_ID.matcher(raw.batchId()).matches()) {
            format.add(new InvalidValueException.Violation("batchId", "is required: 1 to " + MAX_BATCH_ID_LENGTH
                    + " letters, digits or . _ -, starting with a letter or digit"));
        }
        if (raw.transferReference() == null || !TRANSFER_REFERENCE.matcher(raw.transferReference()).matches()) {
            format.add(new InvalidValueException.Violation("transferReference", "is required: 1 to "
                    + MAX_TRANSFER_REFERENCE_LENGTH + " letters, digits, spaces or . / _ -, starting with a letter or"
                    + " digit and not ending with a space"));
        }
        if (raw.valueDate() == null) {
            format.add(new InvalidValueException.Violation("valueDate", "is required"));
        }
        Money controlTotal = null;
        try {
            controlTotal = Money.parseAmount(raw.controlTotal());
        } catch (InvalidValueException e) {
            format.add(new InvalidValueException.Violation("controlTotal", e.getMessage()));
        }
        if (raw.lineCount() == null || raw.lineCount() < 1 || raw.lineCount() > MAX_LINES) {
            format.add(new InvalidValueException.Violation("lineCount", "is required: 1 to " + MAX_LINES));
        }
        if (raw.lines() == null || raw.lines().isEmpty() || raw.lines().size() > MAX_LINES) {
            format.add(new InvalidValueException.Violation("lines", "is required: 1 to " + MAX_LINES + " lines"));
        }
        if (!format.isEmpty()) {
            throw InvalidValueException.of(format);
        }

        List<InvalidValueException.Violation> wrong = new ArrayList<>();
        if (raw.valueDate().isAfter(today)) {
            wrong.add(new InvalidValueException.Violation("valueDate", "is after today (" + today + "): a batch pays"
                    + " money already transferred"));
        } else if (raw.valueDate().isBefore(today.minusDays(MAX_VALUE_DATE_AGE_DAYS))) {
            wrong.add(new InvalidValueException.Violation("valueDate", "is more than " + MAX_VALUE_DATE_AGE_DAYS
                    + " days before today (" + today + ")"));
        }
        if (raw.lineCount() != raw.lines().size()) {
            wrong.add(new InvalidValueException.Violation("lineCount", "says " + raw.lineCount() + " lines; the body"
                    + " has " + raw.lines().size()));
        }
        Map<Integer, List<InvalidValueException.Violation>> lineErrors = new LinkedHashMap<>();
        List<BatchLine> lines = new ArrayList<>(raw.lines().size());
        Set<Integer> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < raw.lines().size(); i++) {
            RawLine line = raw.lines().get(i);
            List<InvalidValueException.Violation> errors = new ArrayList<>();
            BatchLine checked = line == null ? null : checkLine(line, i, errors, seen);
            if (line == null) {
                errors.add(new InvalidValueException.Violation("lines[" + i + "]", "is not a line"));
            }
            if (errors.isEmpty()) {
                lines.add(checked);
                sum = sum.add(checked.amount().amount());
            } else {
                lineErrors.put(i, errors);
            }
        }
        if (lineErrors.isEmpty() && sum.compareTo(controlTotal.amount()) != 0) {
            wrong.add(new InvalidValueException.Violation("controlTotal", "is " + controlTotal + "; the amounts of"
                    + " the lines add up to " + sum.toPlainString()));
        }
        lineErrors.values().stream().limit(MAX_LINES_NAMED).forEach(wrong::addAll);
        if (!wrong.isEmpty()) {
            String lineText = lineErrors.isEmpty() ? "" : lineErrors.size() + " line" + (lineErrors.size() == 1
                    ? " is" : "s are") + " malformed or repeated" + (lineErrors.size() > MAX_LINES_NAMED
                    ? " (the first " + MAX_LINES_NAMED + " are named)" : "");
            String header = wrong.stream().filter(v -> !v.field().startsWith("lines["))
                    .map(v -> v.field() + " " + v.message()).reduce((a, b) -> a + "; " + b).orElse("");
            String detail = header.isEmpty() ? lineText : lineText.isEmpty() ? header : header + "; " + lineText;
            throw new BusinessRuleException("batch-invalid", "the batch was not accepted: " + detail, wrong);
        }
        return new BatchSubmission(raw.batchId(), raw.transferReference(), raw.valueDate(), controlTotal,
                raw.lineCount(), lines);
    }

    private static BatchLine checkLine(RawLine line, int index, List<InvalidValueException.Violation> errors,
                                       Set<Integer> seen) {
        String at = "lines[" + index + "].";
        String name = line.lineNo() == null ? "line at position " + (index + 1) : "line " + line.lineNo();
        if (line.lineNo() == null || line.lineNo() < 1 || line.lineNo() > BatchLine.MAX_LINE_NO) {
            errors.add(new InvalidValueException.Violation(at + "lineNo", name + ": lineNo is required: 1 to "
                    + BatchLine.MAX_LINE_NO));
        } else if (!seen.add(line.lineNo())) {
            errors.add(new InvalidValueException.Violation(at + "lineNo", name + ": lineNo " + line.lineNo()
                    + " is repeated"));
        }
        DebtorId employer = read(() -> DebtorId.parse(line.employerId()), at + "employerId", name, errors);
        VoucherReference reference = null;
        Period period = null;
        if ((line.reference() == null) == (line.period() == null)) {
            errors.add(new InvalidValueException.Violation(at + (line.reference() == null ? "reference" : "period"),
                    name + ": give either reference (a voucher) or period (YYYY-MM), not both or neither"));
        } else if (line.reference() != null) {
            reference = read(() -> VoucherReference.parse(line.reference()), at + "reference", name, errors);
        } else {
            period = read(() -> Period.parse(line.period()), at + "period", name, errors);
        }
        Money amount = read(() -> Money.parseAmount(line.amount()), at + "amount", name, errors);
        return errors.isEmpty() ? new BatchLine(line.lineNo(), employer, reference, period, amount) : null;
    }

    private static <T> T read(java.util.function.Supplier<T> parse, String field, String name,
                              List<InvalidValueException.Violation> errors) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            errors.add(new InvalidValueException.Violation(field, name + ": " + e.getMessage()));
            return null;
        }
    }
}
