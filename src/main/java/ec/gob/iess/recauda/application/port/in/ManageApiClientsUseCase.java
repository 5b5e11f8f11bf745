package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.Role;

import java.util.UUID;

/** Staff register API clients, list them (never their keys) and revoke them. */
public interface ManageApiClientsUseCase {

    /** A client just registered, with its key in clear text: the only time the key is ever shown. */
    record IssuedClient(ApiClient client, String apiKey) {
    }

    IssuedClient register(Caller caller, String name, Role role, String scope);

    /** One page of the clients, oldest first. */
    Page<ApiClient> list(Caller caller, PageRequest page);

    ApiClient revoke(Caller caller, UUID clientId);
}
