package ec.gob.iess.recauda.domain.card;

/**
 * We never accept a card number (issue 12): the debtor's front-end tokenizes the card at the processor and sends us
 * the token. Text that holds something that looks like a card number is refused whole, wherever it is, and its value
 * is never repeated in an answer or a log line.
 *
 * <p>What looks like a card number: 13 to 19 consecutive digits of a run that pass the Luhn check (ISO/IEC 7812). A
 * run is digits either together or in groups split by one separator each ({@code space - . _ : /}), as people write
 * them ({@code 4111 1111 1111 1111}, {@code 4111-1111-1111-1111}, {@code 4111.1111.1111.1111}). Every stretch of 13 to
 * 19 digits of a run is checked, so a card number with more digits after it (its security code, its expiry) is found
 * too; a run of fewer than 13 digits is never a card number.
 */
public final class CardNumbers {

    public static final int MIN_DIGITS = 13;
    public static final int MAX_DIGITS = 19;

    private CardNumbers() {
    }

    /** Whether {@code text} holds a run of digits that looks like a card number. */
    public static boolean containsCardNumber(CharSequence text) {
        if (text == null) {
            return false;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            // A run: digits, the groups joined by one separator each.
            StringBuilder digits = new StringBuilder();
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (isDigit(c)) {
                    digits.append(c);
                    j++;
                } else if (isSeparator(c) && j + 1 < n && isDigit(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            if (holdsCardNumber(digits)) {
                return true;
            }
            i = j;
        }
        return false;
    }

    /** Whether some 13 to 19 consecutive digits of {@code run} pass the Luhn check. */
    private static boolean holdsCardNumber(CharSequence run) {
        for (int length = MIN_DIGITS; length <= Math.min(MAX_DIGITS, run.length()); length++) {
            for (int start = 0; start + length <= run.length(); start++) {
                if (passesLuhn(run.subSequence(start, start + length))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '_' || c == ':' || c == '/';
    }

    /** The Luhn check over {@code digits} (the last one is the check digit). */
    public static boolean passesLuhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int k = digits.length() - 1; k >= 0; k--) {
            int d = digits.charAt(k) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
