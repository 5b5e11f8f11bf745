package ec.gob.iess.recauda.domain.notification;

import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification to a debtor of a change in its card debit (issue 12 §4), written in the transaction of the change it
 * tells (an outbox), so that it exists if and only if the change does, and delivered afterwards at least once: PENDING
 * until delivered, tried again on a schedule ({@link #attempted}), FAILED when the schedule is exhausted. One per
 * event: its type and subject (the charge, or the mandate) are unique.
 */
public final class Notification {

    public static final int MAX_ERROR_LENGTH = 200;

    public enum Type {
        CHARGE_APPROVED("card.charge.approved"),
        CHARGE_FAILED("card.charge.failed"),
        MANDATE_SUSPENDED("card.mandate.suspended");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** Its name in the webhook's payload. */
        public String wireName() {
            return wireName;
        }
    }

    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    private final UUID id;
    private final Type type;
    private final DebtorId debtorId;
    private final UUID subjectId;
    private final Map<String, Object> data;
    private final Instant createdAt;
    private Status status;
    private int attempts;
    private Instant nextAttemptAt;
    private String lastError;
    private Instant deliveredAt;

    private Notification(UUID id, Type type, DebtorId debtorId, UUID subjectId, Map<String, Object> data,
                         Instant createdAt, Status status, int attempts, Instant nextAttemptAt, String lastError,
                         Instant deliveredAt) {
        this.id = Objects.requireNonNull(id);
        this.type = Objects.requireNonNull(type);
        this.debtorId = Objects.requireNonNull(debtorId);
        this.subjectId = Objects.requireNonNull(subjectId);
        this.data = Map.copyOf(data);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.status = Objects.requireNonNull(status);
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.lastError = lastError;
        this.deliveredAt = deliveredAt;
    }

    /** A new notification, due at once. */
    public static Notification of(Type type, DebtorId debtor, UUID subjectId, Map<String, Object> data,
                                  Instant now) {
        return new Notification(UUID.randomUUID(), type, debtor, subjectId, data, now, Status.PENDING, 0, now, null,
                null);
    }

    public static Notification restore(UUID id, Type type, DebtorId debtorId, UUID subjectId,
                                       Map<String, Object> data, Instant createdAt, Status status, int attempts,
                                       Instant nextAttemptAt, String lastError, Instant deliveredAt) {
        return new Notification(id, type, debtorId, subjectId, data, createdAt, status, attempts, nextAttemptAt,
                lastError, deliveredAt);
    }

    /**
     * The outcome of one delivery attempt at {@code now}: delivered, or ({@code error} not null) tried again after
     * the schedule's next delay, FAILED once every delay of {@code schedule} was waited.
     *
     * @param schedule the delays between attempts (the first attempt is at once)
     */
    public void attempted(Instant now, String error, List<Duration> schedule) {
        if (status != Status.PENDING) {
            throw new IllegalStateException("notification " + id + " is " + status);
        }
        attempts++;
        if (error == null) {
            status = Status.DELIVERED;
            deliveredAt = now;
            nextAttemptAt = null;
            lastError = null;
            return;
        }
        lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (attempts > schedule.size()) {
            status = Status.FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = now.plus(schedule.get(attempts - 1));
        }
    }

    public UUID id() {
        return id;
    }

    public Type type() {
        return type;
    }

    public DebtorId debtorId() {
        return debtorId;
    }

    public UUID subjectId() {
        return subjectId;
    }

    public Map<String, Object> data() {
        return data;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
