package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;

import java.util.Optional;

/** Resolves a presented API key to the client it belongs to, if the key is known and not revoked. */
public interface AuthenticateCallerUseCase {

    /**
     * An authenticated client: its id, role and scope, and for a BANK client its financial entity, read in the same
     * query as the key (null when it has none).
     */
    record AuthenticatedClient(String clientId, Role role, String scope, FinancialEntity entity) {
        public AuthenticatedClient(String clientId, Role role, String scope) {
            this(clientId, role, scope, null);
        }
    }

    Optional<AuthenticatedClient> authenticate(String presentedKey);
}
