package ec.gob.iess.recauda.domain.voucher;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoucherReferenceTest {

    /** The worked example of docs/bank-integration.md §4.1. */
    private static final String EXAMPLE = "7301845296120477";

    private static List<String> sample() {
        Random random = new Random(20240610);
        List<String> sample = new ArrayList<>(List.of(EXAMPLE));
        for (int i = 0; i < 200; i++) {
            sample.add(VoucherReference.random(random).value());
        }
        return sample;
    }

    private static boolean accepted(String text) {
        try {
            VoucherReference.parse(text);
            return true;
        } catch (InvalidValueException e) {
            assertThat(e.kind()).isEqualTo("invalid-voucher-reference");
            return false;
        }
    }

    @Test
    void the_documented_example_is_valid_and_its_check_digits_are_as_documented() {
        assertThat(VoucherReference.parse(EXAMPLE).value()).isEqualTo(EXAMPLE);
        assertThat(VoucherReference.checkDigits("73018452961204")).isEqualTo("77");
        assertThat(new BigInteger(EXAMPLE).mod(BigInteger.valueOf(97)).intValue()).isEqualTo(1);
    }

    @Test
    void random_references_are_16_digits_never_starting_with_0_and_pass_their_own_check() {
        for (String reference : sample()) {
            assertThat(reference).matches("[1-9][0-9]{15}");
            assertThat(VoucherReference.checkDigits(reference.substring(0, 14))).isEqualTo(reference.substring(14));
        }
    }

    @Test
    void check_digits_below_10_are_zero_padded() {
        String body = null;
        for (long n = 10_000_000_000_000L; body == null; n++) {
            if (Integer.parseInt(VoucherReference.checkDigits(Long.toString(n))) < 10) {
                body = Long.toString(n);
            }
        }
        String digits = VoucherReference.checkDigits(body);
        assertThat(digits).hasSize(2).startsWith("0");
        assertThat(accepted(body + digits)).isTrue();
    }

    @Test
    void every_single_mistyped_digit_is_caught() {
        int tried = 0;
        for (String reference : sample()) {
            for (int position = 0; position < reference.length(); position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit == reference.charAt(position)) {
                        continue;
                    }
                    String mistyped = reference.substring(0, position) + digit + reference.substring(position + 1);
                    assertThat(accepted(mistyped)).as(reference + " → " + mistyped).isFalse();
                    tried++;
                }
            }
        }
        assertThat(tried).isEqualTo(201 * 16 * 9);
    }

    @Test
    void every_swap_of_two_adjacent_different_digits_is_caught() {
        int tried = 0;
        for (String reference : sample()) {
            for (int position = 0; position + 1 < reference.length(); position++) {
                char a = reference.charAt(position);
                char b = reference.charAt(position + 1);
                if (a == b) {
                    continue;
                }
                String swapped = reference.substring(0, position) + b + a + reference.substring(position + 2);
                assertThat(accepted(swapped)).as(reference + " → " + swapped).isFalse();
                tried++;
            }
        }
        assertThat(tried).isGreaterThan(201 * 10);
    }

    @Test
    void the_swap_that_luhn_misses_is_caught() {
        // Find a valid reference containing "09" and swap it to "90": Luhn gives both the same sum.
        String reference = sample().stream().filter(r -> r.indexOf("09") >= 0).findFirst().orElseThrow();
        int at = reference.indexOf("09");
        assertThat(accepted(reference.substring(0, at) + "90" + reference.substring(at + 2))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"730184529612047", "73018452961204770", "7301845296120477 ", " 7301845296120477",
            "7301-8452-9612-0477", "730184529612047X", "73018452961204٧7", "0301845296120477",
            "+301845296120477", "7.301845296120477"})
    void malformed_references_are_refused_before_any_check_digit(String text) {
        assertThat(accepted(text)).isFalse();
    }

    @Test
    void the_message_names_the_rule_that_broke() {
        assertThatThrownBy(() -> VoucherReference.parse("1234")).hasMessageContaining("16 digits");
        assertThatThrownBy(() -> VoucherReference.parse("730184529612047X")).hasMessageContaining("only digits");
        assertThatThrownBy(() -> VoucherReference.parse("0301845296120477")).hasMessageContaining("start with 0");
        assertThatThrownBy(() -> VoucherReference.parse("7301845296120478")).hasMessageContaining("check digits");
    }
}
