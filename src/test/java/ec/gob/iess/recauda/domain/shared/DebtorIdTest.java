package ec.gob.iess.recauda.domain.shared;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every identifier below was computed from the algorithms of the domain brief (never copied from elsewhere).
 *
 * <p>Cédula: digits 1–9 × 2,1,2,1,2,1,2,1,2, 9 subtracted from a product over 9, check = (10 − sum mod 10) mod 10.
 * <pre>
 *   0924567811  0×2=0 9×1=9 2×2=4 4×1=4 5×2=10→1 6×1=6 7×2=14→5 8×1=8 1×2=2   sum 39 → (10−9) mod 10 = 1
 *   3012345678  3×2=6 0×1=0 1×2=2 2×1=2 3×2=6 4×1=4 5×2=10→1 6×1=6 7×2=14→5   sum 32 → (10−2) mod 10 = 8
 *   0104020300  0×2=0 1×1=1 0×2=0 4×1=4 0×2=0 2×1=2 0×2=0 3×1=3 0×2=0        sum 10 → (10−0) mod 10 = 0
 *   2439876547  2×2=4 4×1=4 3×2=6 9×1=9 8×2=16→7 7×1=7 6×2=12→3 5×1=5 4×2=8   sum 53 → (10−3) mod 10 = 7
 * </pre>
 * Public entity (third digit 6): digits 1–8 × 3,2,7,6,5,4,3,2, check digit 9 = 11 − (sum mod 11), 0 for remainder 0.
 * <pre>
 *   096012349|0001  0×3=0 9×2=18 6×7=42 0×6=0 1×5=5 2×4=8 3×3=9 4×2=8   sum 90, 90 mod 11 = 2 → 11−2 = 9
 *   176000120|0001  1×3=3 7×2=14 6×7=42 0 0 0 1×3=3 2×2=4               sum 66, 66 mod 11 = 0 → 0
 *   09601239x|0001  as the first but digit 8 is 9: 9×2=18 (+10)          sum 100, 100 mod 11 = 1 → 10: never matches
 * </pre>
 * Private company (third digit 9): digits 1–9 × 4,3,2,7,6,5,4,3,2, check digit 10 by the same formula.
 * <pre>
 *   1792468132|001  1×4=4 7×3=21 9×2=18 2×7=14 4×6=24 6×5=30 8×4=32 1×3=3 3×2=6   sum 152, mod 11 = 9 → 2
 *   1792468140|001  as above but digit 9 is 4: 4×2=8 (+2)                          sum 154, mod 11 = 0 → 0
 * </pre>
 */
class DebtorIdTest {

    @Nested
    class Cedula {

        @ParameterizedTest
        @ValueSource(strings = {"0924567811", "3012345678", "0104020300", "2439876547"})
        void a_valid_cedula_of_any_province_01_to_24_or_30_is_accepted(String raw) {
            DebtorId id = DebtorId.parse(raw);

            assertThat(id.value()).isEqualTo(raw);
            assertThat(id.kind()).isEqualTo(DebtorIdKind.CEDULA);
            assertThat(id.warnings()).isEmpty();
            assertThat(id.toString()).isEqualTo(raw);
        }

        @Test
        void a_cedula_whose_check_sum_is_a_multiple_of_ten_has_check_digit_zero() {
            // 0104020300: sum 10, 10 mod 10 = 0, (10 − 0) mod 10 = 0
            assertThat(DebtorId.parse("0104020300").kind()).isEqualTo(DebtorIdKind.CEDULA);
            assertRejected("0104020301", "cédula check digit is 1 but the algorithm gives 0");
        }

        @Test
        void a_cedula_with_a_wrong_check_digit_is_rejected() {
            assertRejected("0924567813", "cédula check digit is 3 but the algorithm gives 1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"092456781", "09245678111", "092456781100", "09245678110012"})
        void an_id_that_is_neither_10_nor_13_digits_long_is_rejected(String raw) {
            assertRejected(raw, "has " + raw.length() + " digits: a cédula has 10 digits and a RUC 13");
        }

        @ParameterizedTest
        @ValueSource(strings = {"09245678A1", "0924-67811", " 0924567811", "0924567811 ", "０924567811"})
        void an_id_with_anything_but_ascii_digits_is_rejected_and_never_trimmed(String raw) {
            assertRejected(raw, "must contain only digits");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void a_missing_id_is_rejected_as_required(String raw) {
            assertRejected(raw, "is required");
            assertRejected(null, "is required");
        }

        @Test
        void a_cedula_of_province_00_25_or_99_is_rejected() {
            assertRejected("0012345678", "province code 00 is not 01-24 or 30");
            assertRejected("2512345678", "province code 25 is not 01-24 or 30");
            assertRejected("9912345678", "province code 99 is not 01-24 or 30");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0964567811", "0974567811", "0984567811", "0994567811"})
        void a_cedula_with_third_digit_6_to_9_is_rejected(String raw) {
            assertRejected(raw, "third digit of a cédula must be 0-5");
        }
    }

    @Nested
    class NaturalPersonRuc {

        @Test
        void a_valid_cedula_followed_by_an_establishment_is_a_natural_person_ruc() {
            DebtorId id = DebtorId.parse("0924567811001");

            assertThat(id.kind()).isEqualTo(DebtorIdKind.RUC_NATURAL_PERSON);
            assertThat(id.kind().isNaturalPerson()).isTrue();
            assertThat(id.warnings()).isEmpty();
        }

        @Test
        void a_natural_person_ruc_with_establishment_000_is_rejected() {
            assertRejected("0924567811000", "establishment number of a natural-person RUC must not be 000");
        }

        @Test
        void a_natural_person_ruc_whose_cedula_part_fails_its_check_digit_is_rejected_not_warned() {
            assertRejected("0924567812001", "cédula check digit is 2 but the algorithm gives 1");
        }

        @Test
        void a_ruc_of_an_invalid_province_is_rejected() {
            assertRejected("3592468132001", "province code 35 is not 01-24 or 30");
        }
    }

    @Nested
    class PublicEntityRuc {

        @Test
        void a_valid_public_entity_ruc_is_accepted_without_warnings() {
            DebtorId id = DebtorId.parse("0960123490001");

            assertThat(id.kind()).isEqualTo(DebtorIdKind.RUC_PUBLIC_ENTITY);
            assertThat(id.kind().isNaturalPerson()).isFalse();
            assertThat(id.warnings()).isEmpty();
        }

        @Test
        void a_mod_11_remainder_of_zero_gives_check_digit_zero() {
            // 1760001200001: sum 66 = 6 × 11, remainder 0 → check digit 0 (not 11)
            assertThat(DebtorId.parse("1760001200001").warnings()).isEmpty();
        }

        @Test
        void a_public_entity_ruc_failing_its_check_digit_is_accepted_with_a_warning() {
            DebtorId id = DebtorId.parse("0960123410001"); // check digit 1, the algorithm gives 9

            assertThat(id.kind()).isEqualTo(DebtorIdKind.RUC_PUBLIC_ENTITY);
            assertThat(id.warnings()).containsExactly("RUC_CHECK_DIGIT_MISMATCH");
            assertThat(id.hasWarnings()).isTrue();
        }

        @Test
        void a_mod_11_remainder_of_one_can_never_match_and_is_a_warning() {
            // 09601239x: sum 100, remainder 1 → 11 − 1 = 10, which no single digit equals
            for (int x = 0; x <= 9; x++) {
                assertThat(DebtorId.parse("09601239" + x + "0001").warnings())
                        .containsExactly(DebtorId.RUC_CHECK_DIGIT_MISMATCH);
            }
        }

        @Test
        void a_public_entity_ruc_ending_in_0000_is_rejected() {
            assertRejected("0960123490000", "last four digits of a public-entity RUC must not be 0000");
        }
    }

    @Nested
    class PrivateCompanyRuc {

        @Test
        void a_valid_private_company_ruc_is_accepted_without_warnings() {
            DebtorId id = DebtorId.parse("1792468132001");

            assertThat(id.kind()).isEqualTo(DebtorIdKind.RUC_PRIVATE_COMPANY);
            assertThat(id.warnings()).isEmpty();
        }

        @Test
        void a_private_company_ruc_with_remainder_zero_has_check_digit_zero() {
            // 179246814: sum 154 = 14 × 11 → check digit 0
            assertThat(DebtorId.parse("1792468140001").warnings()).isEmpty();
            assertThat(DebtorId.parse("1792468141001").warnings()).containsExactly("RUC_CHECK_DIGIT_MISMATCH");
        }

        @Test
        void a_private_company_ruc_failing_its_check_digit_is_accepted_with_a_warning() {
            DebtorId id = DebtorId.parse("1792468133001"); // check digit 3, the algorithm gives 2

            assertThat(id.kind()).isEqualTo(DebtorIdKind.RUC_PRIVATE_COMPANY);
            assertThat(id.warnings()).containsExactly("RUC_CHECK_DIGIT_MISMATCH");
        }

        @Test
        void a_private_company_ruc_ending_in_000_is_rejected() {
            assertRejected("1792468132000", "last three digits of a private-company RUC must not be 000");
        }

        @Test
        void a_ruc_with_third_digit_7_or_8_is_not_a_taxpayer_type_and_is_rejected() {
            assertRejected("1772468132001", "RUC third digit 7 is not a valid taxpayer type (0-5, 6 or 9)");
            assertRejected("1782468132001", "RUC third digit 8 is not a valid taxpayer type (0-5, 6 or 9)");
        }
    }

    @Nested
    class Passport {

        @Test
        void a_passport_is_accepted_for_a_payer_and_stored_upper_cased() {
            DebtorId id = DebtorId.parsePayer("ab12345c");

            assertThat(id.value()).isEqualTo("AB12345C");
            assertThat(id.kind()).isEqualTo(DebtorIdKind.PASSPORT);
            assertThat(id.kind().isNaturalPerson()).isTrue();
            assertThat(id.warnings()).isEmpty();
        }

        @Test
        void a_passport_is_rejected_where_only_cedula_or_ruc_is_allowed() {
            assertRejected("AB12345C", "must contain only digits");
        }

        @Test
        void a_payer_may_still_present_a_cedula_or_a_ruc() {
            assertThat(DebtorId.parsePayer("0924567811").kind()).isEqualTo(DebtorIdKind.CEDULA);
            assertThat(DebtorId.parsePayer("1792468133001").warnings()).containsExactly("RUC_CHECK_DIGIT_MISMATCH");
        }

        @Test
        void a_10_digit_invalid_cedula_is_rejected_by_parse_payer_too_and_not_taken_for_a_passport() {
            assertThatThrownBy(() -> DebtorId.parsePayer("0924567813"))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessage("cédula check digit is 3 but the algorithm gives 1");
            assertThatThrownBy(() -> DebtorId.parsePayer("1772468132001"))
                    .hasMessageContaining("RUC third digit 7");
        }

        @ParameterizedTest
        @ValueSource(strings = {"AB12", "A12345678901234567890", "AB-12345", " AB12345", "ÁB12345", "AB 12345",
                "1234-5678"})
        void a_passport_must_have_5_to_20_ascii_letters_and_digits(String raw) {
            assertThatThrownBy(() -> DebtorId.parsePayer(raw))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-debtor-id"))
                    .hasMessageStartingWith("a passport must have 5 to 20 letters and digits");
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345678", "179246813200", "09245678111", "123456789012345"})
        void a_value_of_digits_only_is_never_a_passport_and_the_answer_counts_its_digits(String raw) {
            assertThatThrownBy(() -> DebtorId.parsePayer(raw))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-debtor-id"))
                    .hasMessageStartingWith("has " + raw.length() + " digits: a cédula has 10 digits and a RUC 13")
                    .hasMessageContaining("USA123456789");
        }

        @Test
        void a_ruc_with_a_digit_dropped_is_told_so() {
            assertThatThrownBy(() -> DebtorId.parsePayer("179001234401"))
                    .hasMessageContaining("has 12 digits").hasMessageContaining("is a digit missing?");
            assertThatThrownBy(() -> DebtorId.parse("179001234401"))
                    .hasMessageContaining("has 12 digits").hasMessageNotContaining("passport");
        }

        @Test
        void a_digits_only_passport_is_written_with_its_country_code() {
            assertThat(DebtorId.parsePayer("usa123456789").value()).isEqualTo("USA123456789");
            assertThat(DebtorId.parsePayer("USA123456789").kind()).isEqualTo(DebtorIdKind.PASSPORT);
        }
    }

    @Nested
    class Construction {

        @Test
        void the_constructor_revalidates_so_an_invalid_debtor_id_cannot_be_built() {
            assertThatThrownBy(() -> new DebtorId("0924567813", DebtorIdKind.CEDULA, List.of()))
                    .isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> new DebtorId("AB12345", DebtorIdKind.CEDULA, List.of()))
                    .isInstanceOf(InvalidValueException.class);
        }

        @Test
        void the_constructor_refuses_a_kind_or_warnings_that_contradict_the_value() {
            assertThatThrownBy(() -> new DebtorId("0924567811", DebtorIdKind.PASSPORT, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new DebtorId("1792468132001", DebtorIdKind.RUC_PUBLIC_ENTITY, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new DebtorId("1792468133001", DebtorIdKind.RUC_PRIVATE_COMPANY, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void the_constructor_derives_warnings_when_given_null_and_keeps_them_immutable() {
            DebtorId id = new DebtorId("1792468133001", DebtorIdKind.RUC_PRIVATE_COMPANY, null);

            assertThat(id).isEqualTo(DebtorId.parse("1792468133001"));
            assertThatThrownBy(() -> id.warnings().add("X")).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void the_constructor_upper_cases_a_passport() {
            assertThat(new DebtorId("ab12345", DebtorIdKind.PASSPORT, null).value()).isEqualTo("AB12345");
        }
    }

    private static void assertRejected(String raw, String message) {
        assertThatThrownBy(() -> DebtorId.parse(raw))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-debtor-id"))
                .hasMessageContaining(message);
    }
}
