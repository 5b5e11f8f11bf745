package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.RegisterObligationUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit row and the change it records share one transaction on the real PostgreSQL: a failure after the audit
 * insert leaves neither, and a failing audit insert leaves no change behind.
 */
@QuarkusTest
class AuditTransactionTest {

    @Inject
    RegisterObligationUseCase register;
    @Inject
    Database db;

    @Test
    void a_failure_after_the_audit_insert_rolls_back_both_the_change_and_its_audit_row() {
        String debtor = TestIds.companyRuc();
        String correlationId = "rollback-" + UUID.randomUUID();
        AtomicReference<Obligation> registered = new AtomicReference<>();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            registered.set(register.register(staff(correlationId), fine(debtor)));
            // The audit row is written: inside the transaction the datasource hands out its enlisted connection.
            assertThat(db.count("SELECT count(*) FROM audit_log WHERE correlation_id = ?",
                    correlationId)).isEqualTo(1);
            throw new IllegalStateException("the request fails after its audit row was inserted");
        })).hasMessageContaining("after its audit row");

        // ... and neither survives the rollback.
        assertThat(registered.get()).isNotNull();
        assertThat(db.count("SELECT count(*) FROM obligation WHERE id = ?", registered.get().id().value())).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE correlation_id = ?", correlationId)).isZero();
    }

    @Test
    void an_audit_insert_that_fails_leaves_no_change_behind() {
        String debtor = TestIds.companyRuc();
        // 129 characters: the audit_log.correlation_id column holds 128, so the audit insert fails after the
        // obligation was inserted.
        String tooLong = "x".repeat(129);

        assertThatThrownBy(() -> register.register(staff(tooLong), fine(debtor))).isInstanceOf(RuntimeException.class);

        assertThat(db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?", debtor)).isZero();
    }

    @Test
    void when_nothing_fails_the_change_and_its_audit_row_are_both_committed() {
        String correlationId = "commit-" + UUID.randomUUID();
        Obligation o = register.register(staff(correlationId), fine(TestIds.companyRuc()));
        assertThat(db.count("SELECT count(*) FROM obligation WHERE id = ?", o.id().value())).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE correlation_id = ? AND entity_id = ?",
                correlationId, o.id().toString())).isEqualTo(1);
    }

    private static Caller staff(String correlationId) {
        return new Caller("audit-test", Role.STAFF, null, correlationId);
    }

    private static NewObligation fine(String debtor) {
        return new NewObligation(DebtorId.parse(debtor), "Deudor", ObligationType.FINE, null, Money.of("12.34"),
                LocalDate.parse("2024-01-31"), null, null, null);
    }
}
