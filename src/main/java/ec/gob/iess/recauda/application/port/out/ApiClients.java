package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;

import java.util.List;
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

    List<ApiClient> all();

    void update(ApiClient client);
}
