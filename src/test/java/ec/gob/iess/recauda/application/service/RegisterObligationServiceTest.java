package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.CLOCK;
import static ec.gob.iess.recauda.application.service.Fixtures.COMPANY;
import static ec.gob.iess.recauda.application.service.Fixtures.EMPLOYER;
import static ec.gob.iess.recauda.application.service.Fixtures.MINISTRY;
import static ec.gob.iess.recauda.application.service.Fixtures.NOW;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static ec.gob.iess.recauda.application.service.Fixtures.fine;
import static ec.gob.iess.recauda.application.service.Fixtures.withReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.InMemoryObligations;
import ec.gob.iess.recauda.application.service.fakes.RecordingAuditLog;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Registering one obligation. Bulk registration ({@code registerAll}) opens its own transactions through
 * {@code QuarkusTransaction.requiringNew()}, which needs a running Quarkus; it is covered by the HTTP tests.
 */
class RegisterObligationServiceTest {

    private static final NewObligation FINE = fine(COMPANY, "1250.50", LocalDate.of(2024, 2, 29));
    private static final ExternalReference GL_1 = new ExternalReference("HOST", "GL-1");

    private final InMemoryObligations obligations = new InMemoryObligations();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RegisterObligationService service = new RegisterObligationService(obligations, audit,
            new ec.gob.iess.recauda.application.service.fakes.DirectTransactions(), CLOCK);

    @Test
    void staff_register_an_obligation_that_is_stored_pending_at_version_zero() {
        Obligation registered = service.register(STAFF, FINE);

        Obligation stored = obligations.find(registered.id()).orElseThrow();
        assertThat(stored.debtorId()).isEqualTo(COMPANY);
        assertThat(stored.principal()).isEqualTo(Money.of("1250.50"));
        assertThat(stored.dueDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(stored.status()).isEqualTo(ObligationStatus.PENDING);
        assertThat(stored.stage()).isEqualTo(ObligationStage.REGULAR);
        assertThat(stored.version()).isZero();
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(obligations.size()).isEqualTo(1);
    }

    @Test
    void registering_writes_one_audit_entry_with_the_caller_and_correlation_id() {
        Obligation registered = service.register(STAFF, FINE);

        AuditLog.Entry entry = audit.single();
        assertThat(entry.action()).isEqualTo("OBLIGATION_REGISTERED");
        assertThat(entry.entityType()).isEqualTo("OBLIGATION");
        assertThat(entry.entityId()).isEqualTo(registered.id().toString());
        assertThat(entry.actor()).isEqualTo(STAFF.clientId());
        assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
        assertThat(entry.at()).isEqualTo(NOW);
        assertThat(entry.details())
                .containsEntry("debtorId", COMPANY.value())
                .containsEntry("type", "FINE")
                .containsEntry("principal", "1250.50")
                .containsEntry("dueDate", "2024-02-29")
                .doesNotContainKey("bulk");
    }

    @Test
    void only_staff_may_register() {
        for (Caller caller : new Caller[] {EMPLOYER, BANK, MINISTRY}) {
            assertThatThrownBy(() -> service.register(caller, FINE))
                    .as(caller.role().name())
                    .isInstanceOf(ForbiddenException.class);
        }
        assertThat(obligations.size()).isZero();
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void a_duplicate_external_reference_is_a_conflict_and_writes_no_audit_entry() {
        Obligation first = service.register(STAFF, withReference(FINE, GL_1));
        Caller again = new Caller("staff-2", STAFF.role(), null, "corr-again");

        assertThatThrownBy(() -> service.register(again, withReference(fine(COMPANY, "10.00",
                LocalDate.of(2024, 1, 31)), GL_1)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.kind()).isEqualTo("duplicate-external-reference"));

        assertThat(obligations.all()).containsExactly(first);
        assertThat(audit.entries()).extracting(AuditLog.Entry::correlationId)
                .containsExactly(STAFF.correlationId());
    }

    @Test
    void the_same_reference_in_another_source_system_is_not_a_duplicate() {
        service.register(STAFF, withReference(FINE, GL_1));
        service.register(STAFF, withReference(FINE, new ExternalReference("SRI", "GL-1")));

        assertThat(obligations.size()).isEqualTo(2);
        assertThat(audit.entries()).hasSize(2);
    }

    @Test
    void invalid_data_is_refused_before_anything_is_stored_or_audited() {
        NewObligation noName = new NewObligation(COMPANY, " ", FINE.type(), null, FINE.principal(),
                FINE.dueDate(), null, null, null);

        assertThatThrownBy(() -> service.register(STAFF, noName))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-obligation"));
        assertThat(obligations.size()).isZero();
        assertThat(audit.entries()).isEmpty();
    }
}
