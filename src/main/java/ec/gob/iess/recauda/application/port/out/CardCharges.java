package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Card charges, one per mandate and date (issue 12). */
public interface CardCharges {

    /** What a date's charges came to. */
    record DayCounts(long mandates, long approved, long softDeclined, long hardDeclined, long unknown,
                     long notCharged, long skipped, Money amountCharged) {
    }

    /**
     * Stores new charges, each claiming its mandate's date; how many were stored (a mandate that already has a charge
     * of that date is not). The pending ones are their sender's until {@code sendLease}: no runner asks the processor
     * about them before (see {@link #claimToAsk}).
     */
    int claimAll(List<CardCharge> charges, java.time.Instant sendLease);

    /** Of these mandates, those that have a charge PENDING_CONFIRMATION. */
    java.util.Set<UUID> withPending(java.util.Collection<UUID> mandateIds);

    /** Reads and row-locks these charges, in id order. */
    List<CardCharge> lockAll(java.util.Collection<UUID> ids);

    /** Stores these charges' outcomes. */
    void updateAll(List<CardCharge> charges);

    /** {@link #markUnknown} for several charges, their sender's lease given up: any runner may ask about them now. */
    void markAllUnknown(java.util.Collection<UUID> chargeIds, java.time.Instant now);

    /** Reads and row-locks a charge. */
    Optional<CardCharge> lock(UUID id);

    /** Stores a charge's outcome. */
    void update(CardCharge charge);

    /**
     * Records that the processor gave no answer for a charge PENDING_CONFIRMATION (a time-out, or a status query that
     * could not say): from then on it is unknown, no longer in flight.
     */
    void markUnknown(UUID chargeId, java.time.Instant now);

    /**
     * Whether a charge of {@code date} is in flight: PENDING_CONFIRMATION and never found unknown (a runner is between
     * its claim and the processor's answer, or died there: the next pass asks about it).
     */
    boolean inFlight(LocalDate date);

    /**
     * Takes up to {@code limit} charges PENDING_CONFIRMATION of dates up to {@code through} to ask the processor about,
     * oldest first: those found unknown, or sent before {@code inFlightBefore} (a sender that died), and not held by
     * another runner; each is held until {@code leaseUntil}, so no other runner asks about it meanwhile.
     */
    List<CardCharge> claimToAsk(LocalDate through, java.time.Instant now, java.time.Instant inFlightBefore,
                                java.time.Instant leaseUntil, int limit);

    /** A debtor's charges (never the SKIPPED records), newest first. */
    Page<CardCharge> ofDebtor(DebtorId debtor, PageRequest page);

    /** The counts and the amount charged of a date's charges. */
    DayCounts countsOf(LocalDate date);
}
