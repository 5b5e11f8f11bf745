package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.notification.Notification;

import java.time.Instant;
import java.util.List;

/** The notification outbox (issue 12 §4). */
public interface Notifications {

    /** Adds a notification in the caller's transaction; one of the same type and subject is not added again. */
    void add(Notification notification);

    /** {@link #add} for several, in one statement. */
    void addAll(List<Notification> notifications);

    /**
     * Up to {@code limit} PENDING notifications due at {@code now}, oldest first, skipping those another transaction
     * holds; each is moved to {@code leaseUntil}, so that no other attempt takes it before this one is recorded.
     */
    List<Notification> claimDue(Instant now, Instant leaseUntil, int limit);

    /**
     * Stores an attempt's outcome, unless the lease it was claimed with ({@code leaseUntil}) was lost meanwhile (it
     * ran out and another runner claimed the notification again): then nothing is stored and false is answered.
     */
    boolean update(Notification notification, Instant leaseUntil);

    /** One page of the notifications not delivered (PENDING and FAILED, or of one status), oldest first. */
    Page<Notification> undelivered(Notification.Status status, PageRequest page);
}
