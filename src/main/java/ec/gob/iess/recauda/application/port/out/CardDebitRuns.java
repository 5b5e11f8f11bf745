package ec.gob.iess.recauda.application.port.out;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The runs of card debit, one per date (issue 12). */
public interface CardDebitRuns {

    /** A run as stored. */
    record Run(UUID id, LocalDate date, boolean completed, Instant startedAt, String startedBy, Instant completedAt) {
    }

    /**
     * The run of {@code date}: the one stored, or a new RUNNING one stored now (whoever asks first). With
     * {@code reopen}, a COMPLETED run is RUNNING again (its mandates due and not charged yet are then taken).
     */
    Run startOrGet(LocalDate date, UUID newId, String startedBy, Instant now, boolean reopen);

    Optional<Run> find(UUID id);

    /** The runs still RUNNING, oldest date first. */
    List<Run> running();

    /** Marks a RUNNING run COMPLETED (no effect on a completed one). */
    void complete(UUID id, Instant now);
}
