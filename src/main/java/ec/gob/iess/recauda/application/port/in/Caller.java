package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.shared.DebtorId;

import java.util.Objects;

/**
 * Who is calling, as every use case sees it: the client id (for the audit trail), its role and scope, and the
 * request's correlation id. Object-level checks live in the services and use {@link #mayActFor(DebtorId)}.
 *
 * @param entity for a BANK client, its financial entity as read together with the key (null when not read)
 */
public record Caller(String clientId, Role role, String scope, String correlationId, FinancialEntity entity) {

    public Caller(String clientId, Role role, String scope, String correlationId) {
        this(clientId, role, scope, correlationId, null);
    }

    public Caller {
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(role);
        Objects.requireNonNull(correlationId);
    }

    public boolean isStaff() {
        return role == Role.STAFF;
    }

    /** STAFF acts for every debtor; an EMPLOYER only for the debtor of its scope; nobody else for any. */
    public boolean mayActFor(DebtorId debtor) {
        return role == Role.STAFF || (role == Role.EMPLOYER && debtor.value().equals(scope));
    }
}
