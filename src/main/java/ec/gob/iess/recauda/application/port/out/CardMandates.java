package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.card.CardMandate;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Debtors' card mandates (issue 12). */
public interface CardMandates {

    /**
     * Stores a new mandate. The database allows one ACTIVE mandate per debtor: a second is refused with
     * {@code ConflictException} kind {@code mandate-active}.
     */
    void add(CardMandate mandate);

    Optional<CardMandate> find(UUID id);

    /** Reads and row-locks a mandate. */
    Optional<CardMandate> lock(UUID id);

    /** A debtor's mandates, newest first. */
    List<CardMandate> ofDebtor(DebtorId debtor);

    /** Stores a mandate's new state (refused unless the row still has the version read). */
    void update(CardMandate mandate);

    /**
     * Up to {@code limit} ids, in id order after {@code afterId} (null: from the start), of the mandates a run of
     * {@code date} has still to take: pre-filtered with {@link CardMandate#isDueOn} and with no charge of the date.
     */
    List<UUID> dueWithoutCharge(LocalDate date, UUID afterId, int limit);

    /**
     * Row-locks up to {@code limit} mandates a run of {@code date} has still to take ({@link #dueWithoutCharge}'s
     * pre-filter), in id order after {@code afterId} (null: from the start), skipping those another transaction
     * holds: how runners divide the work a chunk at a time. A runner goes on after its last chunk, so it never walks
     * again over the mandates charged before it; what other runners skipped or gave back is taken by the next pass.
     */
    List<CardMandate> lockDueChunk(LocalDate date, UUID afterId, int limit);

    /** Reads and row-locks these mandates, in id order. */
    List<CardMandate> lockAll(java.util.Collection<UUID> ids);

    /** Stores these mandates' new states (each refused unless its row still has the version read). */
    void updateAll(List<CardMandate> mandates);
}
