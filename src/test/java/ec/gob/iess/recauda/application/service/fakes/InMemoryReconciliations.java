package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.Reconciliations;
import ec.gob.iess.recauda.domain.payment.SubmittedReconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link Reconciliations} port in memory, keeping the promises of the PostgreSQL adapter: every submission is
 * kept as it was answered (a second one with the same id violates the primary key), and those of a business date
 * come back in the order they arrived (submission instant, then id), of every entity. Submissions are immutable
 * records, so they are stored as they are.
 */
public final class InMemoryReconciliations implements Reconciliations {

    private final List<SubmittedReconciliation> stored = new ArrayList<>();

    @Override
    public void add(SubmittedReconciliation submission) {
        if (stored.stream().anyMatch(s -> s.id().equals(submission.id()))) {
            throw new IllegalStateException("primary key violated: reconciliation " + submission.id());
        }
        stored.add(submission);
    }

    @Override
    public List<SubmittedReconciliation> ofBusinessDate(LocalDate businessDate) {
        return stored.stream().filter(s -> s.result().businessDate().equals(businessDate))
                .sorted(Comparator.comparing(SubmittedReconciliation::submittedAt)
                        .thenComparing(s -> s.id().toString()))
                .toList();
    }

    // ---- for tests ----

    /** Every submission, in the order they were added. */
    public List<SubmittedReconciliation> all() {
        return List.copyOf(stored);
    }
}
