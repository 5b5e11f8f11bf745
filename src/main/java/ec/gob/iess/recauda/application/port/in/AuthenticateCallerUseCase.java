package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.access.Role;

import java.util.Optional;

/** Resolves a presented API key to the client it belongs to, if the key is known and not revoked. */
public interface AuthenticateCallerUseCase {

    /** An authenticated client: its id, role and scope. */
    record AuthenticatedClient(String clientId, Role role, String scope) {
    }

    Optional<AuthenticatedClient> authenticate(String presentedKey);
}
