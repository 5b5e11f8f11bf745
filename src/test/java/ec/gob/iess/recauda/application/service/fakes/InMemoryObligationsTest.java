package ec.gob.iess.recauda.application.service.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fake keeps the promises of the port, so service tests built on it mean something. */
class InMemoryObligationsTest {

    private static final Instant NOW = Instant.parse("2024-03-16T02:00:00Z");
    private static final DebtorId COMPANY = DebtorId.parse("1792468132001");
    private static final ExternalReference REF = new ExternalReference("HOST", "GL-1");

    private final InMemoryObligations obligations = new InMemoryObligations();

    private static Obligation obligation(ExternalReference ref) {
        return Obligation.create(ObligationId.random(), new NewObligation(COMPANY, "Andina", ObligationType.FINE,
                null, Money.of("10.00"), LocalDate.of(2024, 1, 31), null, null, ref), NOW);
    }

    @Test
    void a_taken_external_reference_is_a_duplicate_conflict() {
        obligations.add(obligation(REF));

        assertThatThrownBy(() -> obligations.add(obligation(REF)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.kind()).isEqualTo("duplicate-external-reference"));
        assertThat(obligations.existingReferences(List.of(REF, new ExternalReference("HOST", "GL-2"))))
                .isEqualTo(Set.of(REF));
    }

    @Test
    void a_batch_with_a_duplicate_stores_nothing() {
        assertThatThrownBy(() -> obligations.addAll(List.of(obligation(null), obligation(REF), obligation(REF))))
                .isInstanceOf(ConflictException.class);
        assertThat(obligations.size()).isZero();
    }

    @Test
    void an_update_bumps_the_version_and_an_update_of_an_old_version_is_stale() {
        Obligation original = obligation(null);
        obligations.add(original);
        Obligation first = obligations.find(original.id()).orElseThrow();
        Obligation second = obligations.find(original.id()).orElseThrow();

        first.advanceStage(ObligationStage.GLOSA, NOW);
        assertThat(obligations.update(first).version()).isEqualTo(1);

        second.cancel("tarde", java.time.LocalDate.of(2024, 3, 15), 1, NOW);
        assertThatThrownBy(() -> obligations.update(second))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.kind()).isEqualTo(PreconditionFailedException.STALE_VERSION));
        assertThat(obligations.find(original.id()).orElseThrow().stage()).isEqualTo(ObligationStage.GLOSA);
    }

    @Test
    void a_change_to_a_read_copy_is_not_stored_until_it_is_updated() {
        Obligation original = obligation(null);
        obligations.add(original);

        obligations.find(original.id()).orElseThrow().advanceStage(ObligationStage.ENFORCEMENT, NOW);

        assertThat(obligations.find(original.id()).orElseThrow().stage()).isEqualTo(ObligationStage.REGULAR);
    }
}
