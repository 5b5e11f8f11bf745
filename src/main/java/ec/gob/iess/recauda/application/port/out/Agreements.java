package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Payment agreements, as a collection. */
public interface Agreements {

    /**
     * Stores a new agreement. A second open agreement of the same debtor is refused by the database and reported
     * as a {@code ConflictException} of kind {@code agreement-exists}.
     */
    void add(Agreement agreement);

    Optional<Agreement> find(UUID id);

    /** Reads and row-locks an agreement. */
    Optional<Agreement> lock(UUID id);

    /** Reads and row-locks agreements in id order (absent ids are left out). */
    List<Agreement> lockAll(Collection<UUID> ids);

    /** Stores the changes of agreements read with a lock; a version changed meanwhile is a stale-version error. */
    void updateAll(List<Agreement> agreements);

    /** A debtor's agreements, newest first. */
    List<Agreement> ofDebtor(DebtorId debtor);

    /** The debtor's open agreement (pending approval, awaiting its down payment or active), if any. */
    Optional<Agreement> openOf(DebtorId debtor);

    /**
     * ACTIVE agreements that may be in default on {@code date}: at least {@code missed} of their installments are
     * unpaid and due before it (whether they are consecutive is the domain's to decide), in id order. One read.
     */
    List<UUID> defaultCandidates(LocalDate date, int missed);

    /**
     * Agreements awaiting a down payment whose voucher expired before {@code day}; at most {@code limit}, in id
     * order after {@code after} (null: from the start).
     */
    List<UUID> lapseCandidates(LocalDate day, UUID after, int limit);

    /** The agreements of which these obligations are installments (or down payments). */
    List<UUID> ofInstallments(Collection<ec.gob.iess.recauda.domain.obligation.ObligationId> obligationIds);
}
