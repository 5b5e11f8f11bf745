package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.access.Actor;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.access.StaffUser;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.util.Objects;

/**
 * Who is calling, as every use case sees it: the actor id (an API client's id, or {@code person:<subject>} for a
 * staff person; for the audit trail), its role and scope, the request's correlation id, and for staff the staff role.
 * Object-level checks live in the services and use {@link #mayActFor(DebtorId)}.
 *
 * <p>Staff come in two kinds: an API client of role STAFF (a machine of the institution), which acts at
 * {@link StaffRole#OPERATOR} level, and a staff person signed in through OpenID Connect ({@link #user()} set), with the
 * staff role the provider grants.
 *
 * @param clientId  the actor id: an API client's id, or {@code person:<subject>} for a staff person
 * @param entity    for a BANK client, its financial entity as read together with the key (null when not read)
 * @param staffRole for STAFF, what the caller may do (OPERATOR for a STAFF key); null for every other role
 * @param user      the staff person, or null for an API client
 */
public record Caller(String clientId, Role role, String scope, String correlationId, FinancialEntity entity,
                     StaffRole staffRole, StaffUser user) {

    public Caller(String clientId, Role role, String scope, String correlationId) {
        this(clientId, role, scope, correlationId, null);
    }

    /** An API client; a STAFF key acts at OPERATOR level. */
    public Caller(String clientId, Role role, String scope, String correlationId, FinancialEntity entity) {
        this(clientId, role, scope, correlationId, entity, role == Role.STAFF ? StaffRole.OPERATOR : null, null);
    }

    public Caller {
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(role);
        Objects.requireNonNull(correlationId);
        if ((role == Role.STAFF) != (staffRole != null)) {
            throw new IllegalArgumentException("staff, and only staff, have a staff role");
        }
        if (user != null && !clientId.equals(user.actorId())) {
            throw new IllegalArgumentException("a staff person calls as " + StaffUser.ACTOR_PREFIX + "<subject>");
        }
        if (user != null && role != Role.STAFF) {
            throw new IllegalArgumentException("a person signed in through OpenID Connect is staff");
        }
    }

    /** A staff person signed in through OpenID Connect, with the staff role the provider grants them. */
    public static Caller staff(StaffUser user, StaffRole staffRole, String correlationId) {
        return new Caller(user.actorId(), Role.STAFF, null, correlationId, null, Objects.requireNonNull(staffRole),
                user);
    }

    public boolean isStaff() {
        return role == Role.STAFF;
    }

    /** True for staff whose staff role includes {@code needed} (a STAFF key: up to OPERATOR). */
    public boolean isStaff(StaffRole needed) {
        return role == Role.STAFF && staffRole.includes(needed);
    }

    /** Who the changes of this call are recorded under. */
    public Actor actor() {
        return user == null ? Actor.of(clientId) : Actor.of(user);
    }

    /** STAFF acts for every debtor; an EMPLOYER only for the debtor of its scope; nobody else for any. */
    public boolean mayActFor(DebtorId debtor) {
        return role == Role.STAFF || (role == Role.EMPLOYER && debtor.value().equals(scope));
    }
}
