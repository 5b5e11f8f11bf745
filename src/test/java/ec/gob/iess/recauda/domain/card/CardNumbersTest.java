package ec.gob.iess.recauda.domain.card;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** What looks like a card number (issue 12): 13 to 19 digits passing the Luhn check, however they are grouped. */
class CardNumbersTest {

    @Test
    void the_test_card_numbers_of_the_brands_are_found() {
        assertThat(CardNumbers.containsCardNumber("4111111111111111")).isTrue(); // Visa, 16
        assertThat(CardNumbers.containsCardNumber("4222222222222")).isTrue(); // Visa, 13
        assertThat(CardNumbers.containsCardNumber("378282246310005")).isTrue(); // Amex, 15
        assertThat(CardNumbers.containsCardNumber("5555555555554444")).isTrue(); // Mastercard
        assertThat(CardNumbers.containsCardNumber("6011111111111117")).isTrue(); // Discover
        assertThat(CardNumbers.containsCardNumber("30569309025904")).isTrue(); // Diners, 14
    }

    @Test
    void a_number_among_other_text_or_split_into_groups_is_found() {
        assertThat(CardNumbers.containsCardNumber("MARIA 4111111111111111 PEREZ")).isTrue();
        assertThat(CardNumbers.containsCardNumber("tok_4111111111111111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("4111 1111 1111 1111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("4111-1111-1111-1111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("tok_4111.1111.1111.1111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("4111_1111_1111_1111")).isTrue();
        assertThat(CardNumbers.containsCardNumber("4111:1111:1111:1111/1230")).isTrue();
        // With more digits after it (its security code): a stretch of the run is the card number.
        assertThat(CardNumbers.containsCardNumber("4111111111111111123")).isTrue();
        assertThat(CardNumbers.containsCardNumber("41111111111111111231230")).isTrue();
        assertThat(CardNumbers.containsCardNumber("{\"x\":\"4111 1111-1111 1111\"}")).isTrue();
    }

    @Test
    void digits_failing_luhn_or_too_few_are_not_card_numbers() {
        // A wrong check digit, and no 13 to 15 digits of it that pass either.
        assertThat(CardNumbers.containsCardNumber("4111111111111113")).isFalse();
        assertThat(CardNumbers.containsCardNumber("411111111116")).isFalse(); // 12 digits, passes Luhn
        assertThat(CardNumbers.containsCardNumber("1790012344001")).isFalse(); // a RUC (fails Luhn)
        assertThat(CardNumbers.containsCardNumber("4111  1111 1111 1111")).isFalse(); // two spaces split runs
        assertThat(CardNumbers.containsCardNumber(null)).isFalse();
        assertThat(CardNumbers.containsCardNumber("")).isFalse();
    }

    /** Any number of 13 to 19 digits with a right Luhn check digit is found, alone or in text, grouped by 4. */
    @Property
    void every_luhn_valid_number_of_13_to_19_digits_is_found(@ForAll @IntRange(min = 13, max = 19) int length,
                                                            @ForAll long seed) {
        String number = luhnValid(length, new Random(seed));
        assertThat(CardNumbers.containsCardNumber(number)).isTrue();
        assertThat(CardNumbers.containsCardNumber("ref " + number + " end")).isTrue();
        assertThat(CardNumbers.containsCardNumber(number.replaceAll("(\\d{4})(?=\\d)", "$1 "))).isTrue();
        assertThat(CardNumbers.containsCardNumber(number + "123")).isTrue();
    }

    /** Fewer than 13 digits are never a card number, whatever separates them from other text. */
    @Property
    void no_run_of_fewer_than_13_digits_is_a_card_number(@ForAll @IntRange(min = 1, max = 12) int length,
                                                        @ForAll long seed) {
        String digits = luhnValid(Math.max(length, 2), new Random(seed)).substring(0, length);
        assertThat(CardNumbers.containsCardNumber("tok_" + digits + "_x")).isFalse();
        assertThat(CardNumbers.containsCardNumber(digits + "  " + digits)).isFalse();
    }

    private static String luhnValid(int length, Random random) {
        StringBuilder digits = new StringBuilder();
        digits.append(1 + random.nextInt(9));
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (CardNumbers.passesLuhn(digits.toString() + check)) {
                return digits.toString() + check;
            }
        }
        throw new AssertionError("no check digit");
    }
}
