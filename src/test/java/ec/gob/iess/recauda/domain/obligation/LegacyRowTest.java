package ec.gob.iess.recauda.domain.obligation;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules by which a row of the legacy export becomes an obligation (issue 11 §2). */
class LegacyRowTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final Instant NOW = Instant.parse("2026-12-05T15:00:00Z");
    private static final List<String> GOOD = List.of("G-2004-000123", "1790012344001", "Textiles del Pacífico S.A.",
            "GLOSA", "2004-05-11", "2004-06-30", "1520.40", "Glosa por aportes\nimpagos");

    private static LegacyRow.Checked check(List<String> fields) {
        return LegacyRow.check(new LegacyRow.Raw(2, fields), TODAY, ObligationId.random(), NOW);
    }

    private static List<String> with(int index, String value) {
        List<String> fields = new ArrayList<>(GOOD);
        fields.set(index, value);
        return fields;
    }

    @Test
    void a_good_row_becomes_a_pending_obligation_of_its_type_and_stage_referenced_by_its_legacy_id() {
        LegacyRow.Accepted accepted = (LegacyRow.Accepted) check(GOOD);
        Obligation o = accepted.obligation();
        assertThat(o.type()).isEqualTo(ObligationType.GLOSA);
        assertThat(o.stage()).isEqualTo(ObligationStage.GLOSA);
        assertThat(o.status()).isEqualTo(ObligationStatus.PENDING);
        assertThat(o.externalReference()).isEqualTo(new ExternalReference("LEGACY", "G-2004-000123"));
        assertThat(o.principal()).isEqualTo(Money.of("1520.40"));
        assertThat(o.dueDate()).isEqualTo(LocalDate.of(2004, 6, 30));
        assertThat(o.description()).isEqualTo("Glosa por aportes\nimpagos");
        LegacyRow.Accepted title = (LegacyRow.Accepted) check(with(3, "CREDIT_TITLE"));
        assertThat(title.obligation().stage()).isEqualTo(ObligationStage.CREDIT_TITLE);
        assertThat(((LegacyRow.Accepted) check(with(7, ""))).obligation().description()).isNull();
    }

    @Test
    void a_check_digit_that_fails_is_accepted_with_a_warning_as_everywhere() {
        LegacyRow.Accepted accepted = (LegacyRow.Accepted) check(with(1, "1790012345001"));
        assertThat(accepted.obligation().warnings()).isNotEmpty();
    }

    @Test
    void each_broken_rule_rejects_the_row_naming_its_field() {
        record Case(int index, String value, String field) {
        }
        for (Case c : List.of(new Case(0, "", "legacyId"), new Case(0, "G é", "legacyId"),
                new Case(1, "17900123", "debtorId"), new Case(1, "AB123456", "debtorId"),
                new Case(2, " ", "debtorName"), new Case(3, "FINE", "type"), new Case(3, "glosa", "type"),
                new Case(4, "2004-5-11", "issueDate"), new Case(4, "2027-01-01", "issueDate"),
                new Case(4, "2004-07-01", "issueDate"), new Case(5, "30/06/2004", "dueDate"),
                new Case(6, "12,50", "principal"), new Case(6, "0.00", "principal"), new Case(6, "10", "principal"),
                new Case(7, "x".repeat(501), "description"), new Case(2, "Nombre\u0000", "debtorName"),
                new Case(2, "Nombre\nroto", "debtorName"), new Case(2, "A\uFFFDo", "debtorName"),
                new Case(4, "0000-01-01", "issueDate"), new Case(5, "1899-12-31", "dueDate"))) {
            LegacyRow.Checked checked = check(with(c.index(), c.value()));
            assertThat(checked).as(c.toString()).isInstanceOf(LegacyRow.Rejected.class);
            assertThat(((LegacyRow.Rejected) checked).field()).as(c.toString()).isEqualTo(c.field());
            assertThat(((LegacyRow.Rejected) checked).reason()).isEqualTo(LegacyRow.INVALID_VALUE);
        }
        LegacyRow.Rejected short_ = (LegacyRow.Rejected) check(GOOD.subList(0, 7));
        assertThat(short_.reason()).isEqualTo(LegacyRow.MALFORMED_ROW);
        assertThat(short_.field()).isNull();
    }

    @Test
    void only_the_exact_header_starts_a_file() {
        LegacyRow.checkHeader(LegacyRow.HEADER);
        assertThatThrownBy(() -> LegacyRow.checkHeader(List.of("legacyId", "debtorId")))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("header");
    }
}
