package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.access.ApiClient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registered API clients, looked up by the hash of their key. */
public interface ApiClients {

    void add(ApiClient client);

    Optional<ApiClient> find(UUID id);

    Optional<ApiClient> findByKeyHash(String keyHash);

    List<ApiClient> all();

    void update(ApiClient client);
}
