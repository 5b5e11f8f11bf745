package ec.gob.iess.recauda.domain.shared;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Ecuadorian identifier of a debtor or payer: a cédula, a RUC or (for payers of miscellaneous concepts only) a
 * passport / foreign id. The kind is derived from the identifier; an invalid identifier cannot be constructed.
 *
 * <ul>
 *   <li><b>Cédula</b>, 10 digits: digits 1–2 a province code 01–24 or 30; digit 3 is 0–5; digits 1–9 weighted
 *       2,1,2,1,2,1,2,1,2 (a product over 9 has 9 subtracted), check digit 10 = (10 − sum mod 10) mod 10.</li>
 *   <li><b>RUC</b>, 13 digits, same province rule, the third digit tells the taxpayer type:
 *     <ul>
 *       <li>0–5 natural person: the first 10 digits are a valid cédula, establishment (last 3) is not 000;</li>
 *       <li>6 public entity: weights 3,2,7,6,5,4,3,2 on digits 1–8, check digit 9 = 11 − (sum mod 11), 0 when
 *           the remainder is 0; the last four digits are not 0000;</li>
 *       <li>9 private company: weights 4,3,2,7,6,5,4,3,2 on digits 1–9, check digit 10 by the same formula; the
 *           last three digits are not 000.</li>
 *     </ul>
 *     For the two company kinds a failed check digit is <em>not</em> a rejection (many real RUCs fail it): the id
 *     is accepted and {@link #warnings()} holds {@value #RUC_CHECK_DIGIT_MISMATCH}. Every other rule rejects.</li>
 *   <li><b>Passport / foreign id</b> ({@link #parsePayer(String)} only): 5–20 ASCII letters and digits with at
 *       least one letter, stored upper-cased. A value of digits only is always a cédula or a RUC: a RUC with a
 *       digit dropped (12 digits) or a cédula with one too many (11) is refused saying how many digits it has,
 *       never taken for a passport. A passport whose number is all digits is written with the issuing country's
 *       ISO 3166-1 alpha-3 code in front ({@code USA123456789}).</li>
 * </ul>
 * Nothing is trimmed: surrounding spaces are an error. Every rejection is an {@link InvalidValueException} of kind
 * {@code invalid-debtor-id} whose message names the rule broken.
 *
 * @param value    the identifier as stored (passports upper-cased)
 * @param kind     the kind derived from the value
 * @param warnings stable codes of accepted anomalies; empty, or {@value #RUC_CHECK_DIGIT_MISMATCH}
 */
public record DebtorId(String value, DebtorIdKind kind, List<String> warnings) {

    /** Warning code: a public-entity or private-company RUC whose mod-11 check digit does not match. */
    public static final String RUC_CHECK_DIGIT_MISMATCH = "RUC_CHECK_DIGIT_MISMATCH";

    /** The longest id there is: a passport or foreign id of 20 letters and digits (a RUC has 13 digits). */
    public static final int MAX_LENGTH = 20;

    private static final String KIND = "invalid-debtor-id";
    private static final Pattern PASSPORT = Pattern.compile("[A-Za-z0-9]{5," + MAX_LENGTH + "}");
    private static final int[] CEDULA_WEIGHTS = {2, 1, 2, 1, 2, 1, 2, 1, 2};
    private static final int[] PUBLIC_ENTITY_WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};
    private static final int[] PRIVATE_COMPANY_WEIGHTS = {4, 3, 2, 7, 6, 5, 4, 3, 2};

    /**
     * Validates by re-running the rules on {@code value}: {@code kind} must be the kind the rules derive (a
     * passport is accepted only when {@code kind} is {@link DebtorIdKind#PASSPORT}), and {@code warnings}, when not
     * null, must be the warnings the rules derive (null means "derive them").
     *
     * @throws InvalidValueException    ({@code invalid-debtor-id}) when the value breaks a rule
     * @throws NullPointerException     when {@code kind} is null
     * @throws IllegalArgumentException when {@code kind} or {@code warnings} contradict the value
     */
    public DebtorId {
        Objects.requireNonNull(kind, "kind");
        Analysis analysis = analyse(value, kind == DebtorIdKind.PASSPORT);
        if (analysis.kind() != kind) {
            throw new IllegalArgumentException("identifier " + value + " is a " + analysis.kind() + ", not a " + kind);
        }
        if (warnings != null && !warnings.equals(analysis.warnings())) {
            throw new IllegalArgumentException("identifier " + value + " has warnings " + analysis.warnings()
                    + ", not " + warnings);
        }
        value = analysis.value();
        warnings = analysis.warnings();
    }

    /**
     * A cédula (10 digits) or a RUC (13 digits); passports are refused.
     *
     * @throws InvalidValueException ({@code invalid-debtor-id}) naming the rule broken
     */
    public static DebtorId parse(String raw) {
        Analysis analysis = analyse(raw, false);
        return new DebtorId(analysis.value(), analysis.kind(), analysis.warnings());
    }

    /**
     * A cédula, a RUC, or a passport / foreign id of 5–20 ASCII letters and digits with at least one letter
     * (upper-cased). A value of digits only is always a cédula / RUC and must pass those rules.
     *
     * @throws InvalidValueException ({@code invalid-debtor-id}) naming the rule broken
     */
    public static DebtorId parsePayer(String raw) {
        Analysis analysis = analyse(raw, true);
        return new DebtorId(analysis.value(), analysis.kind(), analysis.warnings());
    }

    /** True when the identifier was accepted with a warning (see {@link #warnings()}). */
    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    /** The identifier itself. */
    @Override
    public String toString() {
        return value;
    }

    private record Analysis(String value, DebtorIdKind kind, List<String> warnings) {
    }

    private static Analysis analyse(String raw, boolean allowPassport) {
        if (raw == null || raw.isBlank()) {
            throw invalid("is required");
        }
        boolean digitsOnly = isDigits(raw);
        if (allowPassport && !digitsOnly) {
            if (!PASSPORT.matcher(raw).matches()) {
                throw invalid("a passport must have 5 to 20 letters and digits, at least one of them a letter (a"
                        + " cédula has 10 digits, a RUC 13)");
            }
            return new Analysis(raw.toUpperCase(Locale.ROOT), DebtorIdKind.PASSPORT, List.of());
        }
        if (!digitsOnly) {
            throw invalid("must contain only digits (a cédula has 10, a RUC 13; a passport is accepted only for"
                    + " miscellaneous-concept payers)");
        }
        if (raw.length() != 10 && raw.length() != 13) {
            throw invalid("has " + raw.length() + " digits: a cédula has 10 digits and a RUC 13"
                    + (raw.length() == 12 || raw.length() == 9 ? " (is a digit missing?)"
                    : raw.length() == 11 || raw.length() == 14 ? " (is there a digit too many?)" : "")
                    + (allowPassport ? "; a passport number of digits only is written with its issuing country's"
                    + " three-letter code in front, e.g. USA123456789" : ""));
        }
        String province = raw.substring(0, 2);
        int provinceCode = Integer.parseInt(province);
        if (!(provinceCode >= 1 && provinceCode <= 24 || provinceCode == 30)) {
            throw invalid("province code " + province + " is not 01-24 or 30");
        }
        if (raw.length() == 10) {
            checkCedula(raw, "");
            return new Analysis(raw, DebtorIdKind.CEDULA, List.of());
        }
        int third = digit(raw, 2);
        if (third <= 5) {
            checkCedula(raw.substring(0, 10), "the first 10 digits of a natural-person RUC must be a valid cédula: ");
            if (raw.endsWith("000")) {
                throw invalid("establishment number of a natural-person RUC must not be 000");
            }
            return new Analysis(raw, DebtorIdKind.RUC_NATURAL_PERSON, List.of());
        }
        if (third == 6) {
            if (raw.endsWith("0000")) {
                throw invalid("last four digits of a public-entity RUC must not be 0000");
            }
            return new Analysis(raw, DebtorIdKind.RUC_PUBLIC_ENTITY, mod11Warnings(raw, PUBLIC_ENTITY_WEIGHTS));
        }
        if (third == 9) {
            if (raw.endsWith("000")) {
                throw invalid("last three digits of a private-company RUC must not be 000");
            }
            return new Analysis(raw, DebtorIdKind.RUC_PRIVATE_COMPANY, mod11Warnings(raw, PRIVATE_COMPANY_WEIGHTS));
        }
        throw invalid("RUC third digit " + third + " is not a valid taxpayer type (0-5, 6 or 9)");
    }

    /** Third-digit and check-digit rules of a 10-digit cédula whose province was already checked. */
    private static void checkCedula(String cedula, String prefix) {
        if (digit(cedula, 2) > 5) {
            throw invalid(prefix + "third digit of a cédula must be 0-5");
        }
        int sum = 0;
        for (int i = 0; i < CEDULA_WEIGHTS.length; i++) {
            int product = digit(cedula, i) * CEDULA_WEIGHTS[i];
            sum += product > 9 ? product - 9 : product;
        }
        int expected = (10 - sum % 10) % 10;
        int actual = digit(cedula, 9);
        if (actual != expected) {
            throw invalid(prefix + "cédula check digit is " + actual + " but the algorithm gives " + expected);
        }
    }

    /**
     * Mod-11 check of a company RUC: the digits covered by {@code weights} are followed by the check digit,
     * 11 − (sum mod 11), or 0 when the remainder is 0 (a remainder of 1 gives 10, which never matches).
     */
    private static List<String> mod11Warnings(String ruc, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digit(ruc, i) * weights[i];
        }
        int remainder = sum % 11;
        int expected = remainder == 0 ? 0 : 11 - remainder;
        return digit(ruc, weights.length) == expected ? List.of() : List.of(RUC_CHECK_DIGIT_MISMATCH);
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digit(String text, int index) {
        return text.charAt(index) - '0';
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException(KIND, message);
    }
}
