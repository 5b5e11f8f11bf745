package ec.gob.iess.recauda.domain.channel;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FinancialEntityTest {

    private static final ZoneId GUAYAQUIL = ZoneId.of("America/Guayaquil");
    private static final Instant NOW = Instant.parse("2024-06-01T15:00:00Z");

    private static FinancialEntity withCutoff(String cutoff) {
        return FinancialEntity.register("PICHINCHA", "Banco Pichincha", FinancialEntityType.BANK,
                LocalTime.parse(cutoff), NOW);
    }

    private static LocalDate businessDate(String cutoff, String instantWithOffset) {
        return withCutoff(cutoff).businessDateOf(OffsetDateTime.parse(instantWithOffset).toInstant(), GUAYAQUIL);
    }

    @ParameterizedTest(name = "cut-off 17:00, paid {0} → {1}")
    @CsvSource({
            "2024-06-10T09:00:00-05:00, 2024-06-10",
            "2024-06-10T16:59:59.999999-05:00, 2024-06-10",
            "2024-06-10T17:00:00-05:00, 2024-06-10",
            "2024-06-10T17:00:00.000001-05:00, 2024-06-11",
            "2024-06-10T17:00:01-05:00, 2024-06-11",
            "2024-06-10T23:59:59-05:00, 2024-06-11",
            "2024-06-11T00:00:00-05:00, 2024-06-11"})
    void before_and_at_the_cutoff_is_the_same_day_after_it_the_next(String paidAt, String expected) {
        assertThat(businessDate("17:00", paidAt)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {2} local time → {1}")
    @CsvSource({
            // 17:30 in Guayaquil, given in UTC: after the cut-off.
            "2024-06-10T22:30:00Z, 2024-06-11, 17:30",
            // 17:00 in Guayaquil, given at +05:00: at the cut-off, same day.
            "2024-06-11T03:00:00+05:00, 2024-06-10, 17:00",
            // The UTC date is already the 11th, the local date still the 10th (after the cut-off anyway).
            "2024-06-11T04:59:00Z, 2024-06-11, 23:59",
            // The UTC date is the 11th and so is the local date, before the cut-off.
            "2024-06-11T05:00:00Z, 2024-06-11, 00:00",
            // Early morning in Guayaquil, given in a zone where it is already afternoon.
            "2024-06-10T21:00:00+09:00, 2024-06-10, 07:00"})
    void the_instant_is_read_in_guayaquil_whatever_offset_it_was_sent_with(String paidAt, String expected,
                                                                        String localTime) {
        assertThat(OffsetDateTime.parse(paidAt).atZoneSameInstant(GUAYAQUIL).toLocalTime())
                .isEqualTo(LocalTime.parse(localTime));
        assertThat(businessDate("17:00", paidAt)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "after the cut-off on {0} → {1}")
    @CsvSource({
            "2024-01-31T18:00:00-05:00, 2024-02-01",
            "2024-02-29T17:30:00-05:00, 2024-03-01",
            "2023-02-28T17:30:00-05:00, 2023-03-01",
            "2024-04-30T20:00:00-05:00, 2024-05-01",
            "2024-12-31T17:00:01-05:00, 2025-01-01"})
    void after_the_cutoff_on_the_last_day_of_a_month_or_year_the_business_date_is_the_first_of_the_next(
            String paidAt, String expected) {
        assertThat(businessDate("17:00", paidAt)).isEqualTo(expected);
    }

    @Test
    void the_extreme_cutoffs_move_only_what_is_strictly_after_them() {
        assertThat(businessDate("23:59", "2024-06-10T23:59:00-05:00")).isEqualTo("2024-06-10");
        assertThat(businessDate("23:59", "2024-06-10T23:59:30-05:00")).isEqualTo("2024-06-11");
        assertThat(businessDate("00:00", "2024-06-10T00:00:00-05:00")).isEqualTo("2024-06-10");
        assertThat(businessDate("00:00", "2024-06-10T00:00:01-05:00")).isEqualTo("2024-06-11");
    }

    @Test
    void a_reversal_is_open_only_while_the_current_business_date_is_the_payments() {
        FinancialEntity entity = withCutoff("17:00");
        LocalDate monday = LocalDate.of(2024, 6, 10);
        assertThat(entity.reversalOpen(monday, Instant.parse("2024-06-10T22:00:00Z"), GUAYAQUIL)).isTrue();
        assertThat(entity.reversalOpen(monday, Instant.parse("2024-06-10T22:00:01Z"), GUAYAQUIL)).isFalse();
        // A payment after Monday's cut-off belongs to Tuesday, reversible on Monday evening and Tuesday until 17:00.
        LocalDate tuesday = monday.plusDays(1);
        assertThat(entity.reversalOpen(tuesday, Instant.parse("2024-06-10T23:00:00Z"), GUAYAQUIL)).isTrue();
        assertThat(entity.reversalOpen(tuesday, Instant.parse("2024-06-11T22:00:00Z"), GUAYAQUIL)).isTrue();
        assertThat(entity.reversalOpen(tuesday, Instant.parse("2024-06-11T22:00:01Z"), GUAYAQUIL)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pichincha", "Pichincha", "P", "ABCDEFGHIJKLMNOPQRSTU", "BANCO PICHINCHA", "BANCO_X",
            "BANCO.X", "BANCÓ"})
    void an_entity_code_is_2_to_20_uppercase_letters_digits_or_dashes(String code) {
        assertThatThrownBy(() -> FinancialEntity.register(code, "x", FinancialEntityType.BANK, LocalTime.NOON, NOW))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-entity-code"));
    }

    @Test
    void codes_of_2_and_20_characters_are_fine() {
        assertThat(FinancialEntity.register("JE", "x", FinancialEntityType.COOPERATIVE, LocalTime.NOON, NOW).code())
                .isEqualTo("JE");
        assertThat(FinancialEntity.register("A-2345678901234567-Z", "x", FinancialEntityType.PAYMENT_NETWORK,
                LocalTime.NOON, NOW).code()).hasSize(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "17", "1700", "17:0", "7:00", "24:00", "17:60", "17:00:00", "5 pm", " 17:00"})
    void a_cutoff_is_hh_mm_between_00_00_and_23_59(String text) {
        assertThatThrownBy(() -> FinancialEntity.parseCutoff(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-cutoff-time"));
    }

    @Test
    void valid_cutoffs_parse() {
        assertThat(FinancialEntity.parseCutoff("00:00")).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(FinancialEntity.parseCutoff("23:59")).isEqualTo(LocalTime.of(23, 59));
    }
}
