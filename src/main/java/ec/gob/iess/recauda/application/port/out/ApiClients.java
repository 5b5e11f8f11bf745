package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;

import java.util.Optional;
import java.util.UUID;

/** Registered API clients, looked up by the hash of their key. */
public interface ApiClients {

    void add(ApiClient client);

    Optional<ApiClient> find(UUID id);

    /** A client found by its key, with the financial entity of its scope when it is a BANK client (else null). */
    record Credential(ApiClient client, FinancialEntity entity) {
    }

    /** The client of a key hash and, for a BANK client, its entity: one read on every authenticated request. */
    Optional<Credential> credentialOf(String keyHash);

    /** One page of the clients, oldest first (registration instant, then id). */
    Page<ApiClient> page(PageRequest page);

    void update(ApiClient client);
}
