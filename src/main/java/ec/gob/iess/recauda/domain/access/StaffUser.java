package ec.gob.iess.recauda.domain.access;

import java.util.Objects;

/**
 * A staff person as the OpenID Connect provider names them: the token's subject (stable, unique within the
 * provider) and a display name. Both go to the audit trail of every change the person makes; neither is ever logged.
 *
 * @param subject the {@code sub} claim: 1 to {@value #MAX_SUBJECT} printable ASCII characters (OpenID Connect's own
 *                limit)
 * @param name    the person's name: 1 to {@value #MAX_NAME} characters, no control character
 */
public record StaffUser(String subject, String name) {

    public static final int MAX_SUBJECT = 255;
    public static final int MAX_NAME = 255;
    /** What {@link Actor#id()} of a staff person starts with, before the subject. */
    public static final String ACTOR_PREFIX = "person:";

    public StaffUser {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT || !subject.chars().allMatch(c -> c >= 0x21
                && c <= 0x7E)) {
            throw new IllegalArgumentException("a subject is 1 to " + MAX_SUBJECT + " printable ASCII characters");
        }
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a name is 1 to " + MAX_NAME + " characters, no control character");
        }
    }

    /** The actor id the person's changes are recorded under: {@code person:<subject>}. */
    public String actorId() {
        return ACTOR_PREFIX + subject;
    }
}
