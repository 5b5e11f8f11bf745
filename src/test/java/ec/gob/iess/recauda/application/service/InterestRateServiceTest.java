package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.CLOCK;
import static ec.gob.iess.recauda.application.service.Fixtures.EMPLOYER;
import static ec.gob.iess.recauda.application.service.Fixtures.MINISTRY;
import static ec.gob.iess.recauda.application.service.Fixtures.NOW;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.InMemoryInterestRates;
import ec.gob.iess.recauda.application.service.fakes.RecordingAuditLog;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterestRateServiceTest {

    private static final LocalDate JANUARY_2024 = LocalDate.of(2024, 1, 1);

    private final InMemoryInterestRates rates = new InMemoryInterestRates();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InterestRateService service = new InterestRateService(rates, audit, CLOCK);

    @Test
    void setting_a_rate_for_a_new_date_answers_true_and_audits_it_as_added() {
        boolean created = service.set(STAFF, InterestRate.parse(JANUARY_2024, "0.1133"));

        assertThat(created).isTrue();
        assertThat(rates.table().rateOn(JANUARY_2024)).contains(InterestRate.parse(JANUARY_2024, "0.1133"));
        assertThat(rates.lastChangeOf(JANUARY_2024)).isEqualTo(
                new InMemoryInterestRates.Change(STAFF.clientId(), NOW));
        AuditLog.Entry entry = audit.single();
        assertThat(entry.action()).isEqualTo("INTEREST_RATE_ADDED");
        assertThat(entry.entityType()).isEqualTo("INTEREST_RATE");
        assertThat(entry.entityId()).isEqualTo("2024-01-01");
        assertThat(entry.details()).isEqualTo(Map.of("annualRate", "0.1133"));
        assertThat(entry.actor()).isEqualTo(STAFF.clientId());
        assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
        assertThat(entry.at()).isEqualTo(NOW);
    }

    @Test
    void setting_a_rate_for_a_date_that_has_one_answers_false_replaces_it_and_audits_it_as_replaced() {
        service.set(STAFF, InterestRate.parse(JANUARY_2024, "0.1133"));
        Caller other = new Caller("staff-2", Role.STAFF, null, "corr-replace");

        boolean created = service.set(other, InterestRate.parse(JANUARY_2024, "0.1200"));

        assertThat(created).isFalse();
        assertThat(service.list(STAFF)).containsExactly(InterestRate.parse(JANUARY_2024, "0.12"));
        assertThat(audit.entries()).extracting(AuditLog.Entry::action)
                .containsExactly("INTEREST_RATE_ADDED", "INTEREST_RATE_REPLACED");
        AuditLog.Entry replaced = audit.entries().get(1);
        assertThat(replaced.details()).isEqualTo(Map.of("annualRate", "0.12"));
        assertThat(replaced.actor()).isEqualTo("staff-2");
        assertThat(replaced.correlationId()).isEqualTo("corr-replace");
    }

    @Test
    void the_list_runs_by_effective_date() {
        service.set(STAFF, InterestRate.parse(LocalDate.of(2024, 7, 1), "0.12"));
        service.set(STAFF, InterestRate.parse(JANUARY_2024, "0.1133"));

        assertThat(service.list(STAFF)).extracting(InterestRate::effectiveFrom)
                .containsExactly(JANUARY_2024, LocalDate.of(2024, 7, 1));
    }

    @Test
    void only_staff_may_set_or_list_rates() {
        for (Caller caller : new Caller[] {EMPLOYER, BANK, MINISTRY}) {
            assertThatThrownBy(() -> service.set(caller, InterestRate.parse(JANUARY_2024, "0.1133")))
                    .as(caller.role().name())
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> service.list(caller))
                    .as(caller.role().name())
                    .isInstanceOf(ForbiddenException.class);
        }
        assertThat(rates.table().isEmpty()).isTrue();
        assertThat(audit.entries()).isEmpty();
    }
}
