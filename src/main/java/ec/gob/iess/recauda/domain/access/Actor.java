package ec.gob.iess.recauda.domain.access;

import java.util.Objects;

/**
 * Who made a change, as the audit trail and the {@code created_by} / {@code decided_by} columns record it: an API
 * client by its id ({@code bootstrap} for the bootstrap key), a staff person as {@code person:<subject>} with their
 * name, or a part of the service itself ({@code public}, a scheduled job).
 *
 * @param id   at most {@value #MAX_ID} characters
 * @param user the staff person, or null for an API client or the service
 */
public record Actor(String id, StaffUser user) {

    public static final int MAX_ID = StaffUser.ACTOR_PREFIX.length() + StaffUser.MAX_SUBJECT;

    public Actor {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("an actor id is 1 to " + MAX_ID + " characters");
        }
        if (user != null && !id.equals(user.actorId())) {
            throw new IllegalArgumentException("a staff person acts as " + StaffUser.ACTOR_PREFIX + "<subject>");
        }
        if (user == null && id.startsWith(StaffUser.ACTOR_PREFIX)) {
            throw new IllegalArgumentException(StaffUser.ACTOR_PREFIX + " names staff people only");
        }
    }

    /** An API client, or a part of the service, by its id. */
    public static Actor of(String id) {
        return new Actor(id, null);
    }

    /** A staff person. */
    public static Actor of(StaffUser user) {
        return new Actor(user.actorId(), user);
    }
}
