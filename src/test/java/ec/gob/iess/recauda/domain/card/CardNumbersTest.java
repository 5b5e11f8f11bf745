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
        assertThat(CardNumbers.containsCardNumber("{\"x\":\"4111 1111-1111 1111\"}")).isTrue();
    }

    @Test
    void digits_failing_luhn_or_of_another_length_are_not_card_numbers() {
        assertThat(CardNumbers.containsCardNumber("4111111111111112")).isFalse(); // check digit off by one
        assertThat(CardNumbers.containsCardNumber("411111111116")).isFalse(); // 12 digits, passes Luhn
        assertThat(CardNumbers.containsCardNumber("41111111111111111111111")).isFalse(); // a longer run
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
        // Any other last digit fails the check.
        char last = number.charAt(length - 1);
        String wrong = number.substring(0, length - 1) + (char) ('0' + (last - '0' + 1) % 10);
        assertThat(CardNumbers.containsCardNumber(wrong)).isFalse();
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
