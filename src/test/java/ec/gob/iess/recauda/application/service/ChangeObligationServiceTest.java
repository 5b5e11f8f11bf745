package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.CLOCK;
import static ec.gob.iess.recauda.application.service.Fixtures.COMPANY;
import static ec.gob.iess.recauda.application.service.Fixtures.EMPLOYER;
import static ec.gob.iess.recauda.application.service.Fixtures.MINISTRY;
import static ec.gob.iess.recauda.application.service.Fixtures.NOW;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static ec.gob.iess.recauda.application.service.Fixtures.created;
import static ec.gob.iess.recauda.application.service.Fixtures.fine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ChangeObligationUseCase.Change;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.InMemoryObligations;
import ec.gob.iess.recauda.application.service.fakes.RecordingAuditLog;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangeObligationServiceTest {

    private final InMemoryObligations obligations = new InMemoryObligations();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ChangeObligationService service = new ChangeObligationService(obligations, audit,
            ec.gob.iess.recauda.domain.voucher.VoucherRules.defaults(), CLOCK);

    private Obligation obligation;

    @BeforeEach
    void a_pending_obligation_in_regular_collection_at_version_zero() {
        obligation = obligations.seed(created(fine(COMPANY, "800.00", LocalDate.of(2024, 1, 31))));
    }

    private Obligation stored() {
        return obligations.find(obligation.id()).orElseThrow();
    }

    @Nested
    class AdvancingTheStage {

        @Test
        void advancing_with_the_current_version_moves_the_stage_and_increments_the_version() {
            Obligation changed = service.change(STAFF, obligation.id(), 0, Change.advanceTo(ObligationStage.GLOSA));

            assertThat(changed.stage()).isEqualTo(ObligationStage.GLOSA);
            assertThat(changed.version()).isEqualTo(1);
            assertThat(changed.updatedAt()).isEqualTo(NOW);
            assertThat(stored().stage()).isEqualTo(ObligationStage.GLOSA);
            assertThat(stored().version()).isEqualTo(1);
        }

        @Test
        void advancing_is_audited_with_the_stage_it_left_and_the_stage_it_reached() {
            service.change(STAFF, obligation.id(), 0, Change.advanceTo(ObligationStage.CREDIT_TITLE));

            AuditLog.Entry entry = audit.single();
            assertThat(entry.action()).isEqualTo("OBLIGATION_STAGE_ADVANCED");
            assertThat(entry.entityType()).isEqualTo("OBLIGATION");
            assertThat(entry.entityId()).isEqualTo(obligation.id().toString());
            assertThat(entry.details()).isEqualTo(Map.of("from", "REGULAR", "to", "CREDIT_TITLE"));
            assertThat(entry.actor()).isEqualTo(STAFF.clientId());
            assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
            assertThat(entry.at()).isEqualTo(NOW);
        }

        @Test
        void a_second_change_needs_the_version_the_first_one_returned() {
            Obligation first = service.change(STAFF, obligation.id(), 0, Change.advanceTo(ObligationStage.GLOSA));

            Obligation second = service.change(STAFF, obligation.id(), first.version(),
                    Change.advanceTo(ObligationStage.ENFORCEMENT));

            assertThat(second.stage()).isEqualTo(ObligationStage.ENFORCEMENT);
            assertThat(second.version()).isEqualTo(2);
        }

        @Test
        void a_stale_expected_version_is_refused_and_changes_nothing() {
            service.change(STAFF, obligation.id(), 0, Change.advanceTo(ObligationStage.GLOSA));

            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), 0,
                    Change.advanceTo(ObligationStage.ENFORCEMENT)))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.kind()).isEqualTo("stale-version"));

            assertThat(stored().stage()).isEqualTo(ObligationStage.GLOSA);
            assertThat(stored().version()).isEqualTo(1);
            assertThat(audit.entries()).hasSize(1);
        }

        @Test
        void a_version_ahead_of_the_stored_one_is_stale_too() {
            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), 7,
                    Change.advanceTo(ObligationStage.GLOSA)))
                    .isInstanceOfSatisfying(PreconditionFailedException.class,
                            e -> assertThat(e.kind()).isEqualTo(PreconditionFailedException.STALE_VERSION));
            assertThat(stored().stage()).isEqualTo(ObligationStage.REGULAR);
            assertThat(audit.entries()).isEmpty();
        }

        @Test
        void moving_the_stage_backwards_is_a_business_rule_violation() {
            Obligation atGlosa = service.change(STAFF, obligation.id(), 0, Change.advanceTo(ObligationStage.GLOSA));

            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), atGlosa.version(),
                    Change.advanceTo(ObligationStage.REGULAR)))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-stage-transition"));

            assertThat(stored().stage()).isEqualTo(ObligationStage.GLOSA);
            assertThat(stored().version()).isEqualTo(1);
            assertThat(audit.entries()).hasSize(1);
        }

        @Test
        void staying_on_the_same_stage_is_not_a_move_forward() {
            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), 0,
                    Change.advanceTo(ObligationStage.REGULAR)))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-stage-transition"));
            assertThat(audit.entries()).isEmpty();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancelling_with_a_reason_sets_cancelled_and_is_audited_with_the_reason() {
            Obligation cancelled = service.change(STAFF, obligation.id(), 0, Change.cancel("Registrada por error"));

            assertThat(cancelled.status()).isEqualTo(ObligationStatus.CANCELLED);
            assertThat(cancelled.cancellationReason()).isEqualTo("Registrada por error");
            assertThat(cancelled.version()).isEqualTo(1);
            assertThat(stored().status()).isEqualTo(ObligationStatus.CANCELLED);
            AuditLog.Entry entry = audit.single();
            assertThat(entry.action()).isEqualTo("OBLIGATION_CANCELLED");
            assertThat(entry.entityId()).isEqualTo(obligation.id().toString());
            assertThat(entry.details()).isEqualTo(Map.of("reason", "Registrada por error"));
            assertThat(entry.actor()).isEqualTo(STAFF.clientId());
            assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
        }

        @Test
        void cancelling_a_cancelled_obligation_is_refused_as_not_pending() {
            Obligation cancelled = service.change(STAFF, obligation.id(), 0, Change.cancel("Duplicada"));

            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), cancelled.version(),
                    Change.cancel("Otra vez")))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("obligation-not-pending"));

            assertThat(stored().cancellationReason()).isEqualTo("Duplicada");
            assertThat(stored().version()).isEqualTo(1);
            assertThat(audit.entries()).hasSize(1);
        }

        @Test
        void a_cancelled_obligation_no_longer_changes_stage() {
            Obligation cancelled = service.change(STAFF, obligation.id(), 0, Change.cancel("Duplicada"));

            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), cancelled.version(),
                    Change.advanceTo(ObligationStage.GLOSA)))
                    .isInstanceOfSatisfying(BusinessRuleException.class,
                            e -> assertThat(e.kind()).isEqualTo("obligation-not-pending"));
        }

        @Test
        void a_blank_reason_is_refused_and_changes_nothing() {
            assertThatThrownBy(() -> service.change(STAFF, obligation.id(), 0, Change.cancel("  ")))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            e -> assertThat(e.kind()).isEqualTo("invalid-cancellation-reason"));
            assertThat(stored().status()).isEqualTo(ObligationStatus.PENDING);
            assertThat(audit.entries()).isEmpty();
        }
    }

    @Test
    void an_unknown_obligation_is_not_found() {
        assertThatThrownBy(() -> service.change(STAFF, ObligationId.random(), 0,
                Change.advanceTo(ObligationStage.GLOSA)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.kind()).isEqualTo("obligation-not-found"));
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void only_staff_may_change_an_obligation() {
        for (Caller caller : new Caller[] {EMPLOYER, BANK, MINISTRY}) {
            assertThatThrownBy(() -> service.change(caller, obligation.id(), 0, Change.cancel("No")))
                    .as(caller.role().name())
                    .isInstanceOf(ForbiddenException.class);
        }
        assertThat(stored().status()).isEqualTo(ObligationStatus.PENDING);
        assertThat(stored().version()).isZero();
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void a_change_with_both_a_stage_and_a_reason_is_invalid() {
        assertThatThrownBy(() -> service.change(STAFF, obligation.id(), 0,
                new Change(ObligationStage.GLOSA, "y además cancelar")))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-obligation-change"));
        assertThat(stored().version()).isZero();
        assertThat(audit.entries()).isEmpty();
    }

    @Test
    void a_change_with_neither_a_stage_nor_a_reason_is_invalid() {
        assertThatThrownBy(() -> service.change(STAFF, obligation.id(), 0, new Change(null, null)))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("invalid-obligation-change"));
        assertThat(stored().version()).isZero();
        assertThat(audit.entries()).isEmpty();
    }
}
