package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import ec.gob.iess.recauda.domain.obligation.PrincipalHistory;
import ec.gob.iess.recauda.domain.obligation.ArrearsExemption;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.PrincipalMovement;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The obligations adapter against the real PostgreSQL: what the database refuses, and how it is reported. */
@QuarkusTest
class ObligationPersistenceTest {

    private static final Instant NOW = Instant.parse("2024-06-01T15:00:00Z");
    private static final InterestRateTable RATES = new InterestRateTable(List.of(
            new InterestRate(LocalDate.parse("2020-01-01"), new java.math.BigDecimal("0.10"))));

    @Inject
    Obligations obligations;
    @Inject
    Database database;

    @Test
    void a_batch_hitting_a_taken_reference_is_refused_as_a_duplicate_and_stores_nothing() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRuc());
        ExternalReference taken = new ExternalReference("HOST", "TAKEN-" + UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> obligations.add(obligation(debtor, taken, "2024-01-31")));

        List<Obligation> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(obligation(debtor, new ExternalReference("HOST", "NEW-" + UUID.randomUUID()), "2024-02-29"));
        }
        batch.add(obligation(debtor, taken, "2024-03-31"));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> obligations.addAll(batch)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.kind()).isEqualTo("duplicate-external-reference"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> obligations.unpaidOf(debtor))).hasSize(1);
    }

    @Test
    void existing_references_are_found_in_one_query_among_many() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRuc());
        ExternalReference a = new ExternalReference("SYS-A", "R-" + UUID.randomUUID());
        ExternalReference b = new ExternalReference("SYS-B", "R-" + UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> obligations.addAll(List.of(
                obligation(debtor, a, "2024-01-31"), obligation(debtor, b, "2024-01-31"))));

        Set<ExternalReference> found = QuarkusTransaction.requiringNew().call(() -> obligations.existingReferences(
                List.of(a, b, new ExternalReference("SYS-A", b.reference()), new ExternalReference("X", "Y"))));

        assertThat(found).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void an_update_of_a_version_changed_meanwhile_is_refused_as_stale() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRuc());
        Obligation stored = obligation(debtor, null, "2024-01-31");
        QuarkusTransaction.requiringNew().run(() -> obligations.add(stored));

        Obligation first = QuarkusTransaction.requiringNew().call(() -> obligations.find(stored.id()).orElseThrow());
        Obligation second = QuarkusTransaction.requiringNew().call(() -> obligations.find(stored.id()).orElseThrow());
        first.advanceStage(ObligationStage.GLOSA, NOW);
        second.advanceStage(ObligationStage.CREDIT_TITLE, NOW);

        Obligation saved = QuarkusTransaction.requiringNew().call(() -> obligations.update(first));
        assertThat(saved.version()).isEqualTo(1);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> obligations.update(second)))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.kind()).isEqualTo(PreconditionFailedException.STALE_VERSION));
        assertThat(QuarkusTransaction.requiringNew().call(() -> obligations.find(stored.id()).orElseThrow().stage()))
                .isEqualTo(ObligationStage.GLOSA);
    }

    @Test
    void a_debtors_obligations_page_newest_due_first_with_the_total_count() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRuc());
        List<Obligation> batch = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            batch.add(obligation(debtor, null, LocalDate.of(2023, month, 1).plusMonths(1).minusDays(1).toString()));
        }
        QuarkusTransaction.requiringNew().run(() -> obligations.addAll(batch));

        Page<Obligation> page = QuarkusTransaction.requiringNew().call(() ->
                obligations.byDebtor(debtor, ObligationStatus.PENDING, ObligationType.FINE, new PageRequest(1, 5)));

        assertThat(page.totalItems()).isEqualTo(12);
        assertThat(page.items()).extracting(o -> o.dueDate().toString())
                .containsExactly("2023-07-31", "2023-06-30", "2023-05-31", "2023-04-30", "2023-03-31");
        assertThat(page.items()).allSatisfy(o -> assertThat(o.debtorId()).isEqualTo(debtor));
    }

    @Test
    void an_obligation_reads_back_exactly_as_stored() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRucWithWrongCheckDigit());
        ExternalReference ref = new ExternalReference("HOST", "RT-" + UUID.randomUUID());
        Obligation stored = obligation(debtor, ref, "2024-01-31");
        QuarkusTransaction.requiringNew().run(() -> obligations.add(stored));

        Obligation read = QuarkusTransaction.requiringNew().call(() -> obligations.find(stored.id()).orElseThrow());

        assertThat(read.id()).isEqualTo(stored.id());
        assertThat(read.debtorId()).isEqualTo(debtor);
        assertThat(read.warnings()).containsExactly("RUC_CHECK_DIGIT_MISMATCH");
        assertThat(read.principal()).isEqualTo(Money.of("321.09"));
        assertThat(read.principalPaid()).isEqualTo(Money.ZERO);
        assertThat(read.externalReference()).isEqualTo(ref);
        assertThat(read.dueDate()).isEqualTo(LocalDate.parse("2024-01-31"));
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(read.version()).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> obligations.find(ObligationId.random()))).isEmpty();
    }

    @Test
    void the_principal_history_and_the_agreement_link_read_back_exactly_as_stored() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRuc());
        Obligation stored = obligation(debtor, null, "2024-01-31");
        QuarkusTransaction.requiringNew().run(() -> obligations.add(stored));
        UUID agreement = UUID.randomUUID();
        Obligation paid = QuarkusTransaction.requiringNew().call(() -> {
            Obligation o = obligations.lock(List.of(stored.id())).get(0);
            o.applyPayment(Money.of("1.25"), Money.of("100.00"), LocalDate.parse("2024-03-01"), "payment-1", NOW);
            o.reversePayment(Money.of("1.25"), Money.of("100.00"), LocalDate.parse("2024-03-01"), "payment-1", NOW);
            o.applyPayment(Money.of("2.50"), Money.of("21.09"), LocalDate.parse("2024-04-02"), "payment-2", NOW);
            obligations.updateAll(List.of(o));
            return o;
        });

        Obligation read = QuarkusTransaction.requiringNew().call(() -> obligations.find(stored.id()).orElseThrow());
        assertThat(read.history()).isEqualTo(paid.history());
        assertThat(read.history().movements()).extracting(PrincipalMovement::kind).containsExactly(
                PrincipalMovement.Kind.PAYMENT, PrincipalMovement.Kind.PAYMENT_REVERSED,
                PrincipalMovement.Kind.PAYMENT);
        assertThat(read.principalPaid()).isEqualTo(Money.of("21.09"));
        assertThat(read.interestPaid()).isEqualTo(Money.of("2.50"));
        assertThat(read.version()).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> obligations.unpaidOf(debtor)).get(0).history())
                .isEqualTo(paid.history());

        // A history with an exemption, stored by the insert.
        Obligation defaulted = Obligation.restore().id(ObligationId.random()).debtor(debtor, "Deudor")
                .type(ObligationType.FINE).stage(ObligationStage.REGULAR).status(ObligationStatus.PENDING)
                .principal(Money.of("321.09")).paid(Money.of("100.00"), Money.of("3.00"))
                .dueDate(LocalDate.parse("2024-01-31")).timestamps(NOW, NOW)
                .history(PrincipalHistory.of(List.of(new PrincipalMovement(LocalDate.parse("2024-05-01"),
                        Money.of("100.00"), PrincipalMovement.Kind.AGREEMENT, agreement.toString())),
                        List.of(new ArrearsExemption(LocalDate.parse("2024-05-02"), LocalDate.parse("2024-06-01"),
                                Money.of("200.00"), agreement)))).build();
        QuarkusTransaction.requiringNew().run(() -> obligations.add(defaulted));
        Obligation back = QuarkusTransaction.requiringNew().call(() -> obligations.find(defaulted.id()).orElseThrow());
        assertThat(back.history()).isEqualTo(defaulted.history());
        assertThat(back.interestAsOf(LocalDate.parse("2024-12-31"), RATES))
                .isEqualTo(defaulted.interestAsOf(LocalDate.parse("2024-12-31"), RATES));
    }

    @Test
    void the_database_refuses_a_principal_paid_that_its_history_does_not_add_up_to() {
        DebtorId debtor = DebtorId.parse(TestIds.companyRuc());
        Obligation stored = obligation(debtor, null, "2024-01-31");
        QuarkusTransaction.requiringNew().run(() -> obligations.add(stored));

        assertThat((Throwable) database.tryExecute("UPDATE obligation SET principal_paid = 10 WHERE id = '" + stored.id() + "'"))
                .isNotNull().hasMessageContaining("ck_obligation_history_paid");
        assertThat((Throwable) database.tryExecute("UPDATE obligation SET principal_paid = 10, principal_history ="
                + " '{\"movements\": [{\"on\": \"2024-02-01\", \"paid\": \"10.00\", \"kind\": \"PAYMENT\","
                + " \"source\": \"p\"}], \"exemptions\": []}' WHERE id = '" + stored.id() + "'")).isNull();
        assertThat((Throwable) database.tryExecute("UPDATE obligation SET principal_paid = 11 WHERE id = '" + stored.id() + "'"))
                .isNotNull().hasMessageContaining("ck_obligation_history_paid");
    }

    private static Obligation obligation(DebtorId debtor, ExternalReference ref, String dueDate) {
        return Obligation.create(ObligationId.random(), new NewObligation(debtor, "Deudor", ObligationType.FINE,
                null, Money.of("321.09"), LocalDate.parse(dueDate), null, null, ref), NOW);
    }
}
