package ec.gob.iess.recauda.domain.card;

/**
 * We never accept a card number (issue 12): the debtor's front-end tokenizes the card at the processor and sends us
 * the token. Text that holds something that looks like a card number is refused whole, wherever it is, and its value
 * is never repeated in an answer or a log line.
 *
 * <p>What looks like a card number: a run of 13 to 19 digits that passes the Luhn check (ISO/IEC 7812), the digits
 * either together or in groups split by single spaces or dashes, as people write them ({@code 4111 1111 1111 1111},
 * {@code 4111-1111-1111-1111}). A run is as long as its digits go on: the 20 digits of a longer number are not a card
 * number, nor are the 12 of a shorter one.
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
            // A run: digits, each group after the first joined by one space or dash.
            StringBuilder digits = new StringBuilder();
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (isDigit(c)) {
                    digits.append(c);
                    j++;
                } else if ((c == ' ' || c == '-') && j + 1 < n && isDigit(text.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
                if (digits.length() > MAX_DIGITS + 1) {
                    // Longer than a card number: skip the rest of the run.
                    while (j < n && (isDigit(text.charAt(j)) || ((text.charAt(j) == ' ' || text.charAt(j) == '-')
                            && j + 1 < n && isDigit(text.charAt(j + 1))))) {
                        j++;
                    }
                    break;
                }
            }
            if (digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS && passesLuhn(digits)) {
                return true;
            }
            i = j;
        }
        return false;
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
