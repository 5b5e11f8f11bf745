package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.ApiClients;
import ec.gob.iess.recauda.domain.access.ApiClient;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registered API clients in memory. Like the database it refuses a second client with the same id or key hash,
 * and it stores copies, so a client changed by a service is changed here only through {@link #update}.
 */
public final class InMemoryApiClients implements ApiClients {

    private final Map<UUID, ApiClient> stored = new LinkedHashMap<>();

    @Override
    public void add(ApiClient client) {
        if (stored.containsKey(client.id())) {
            throw new IllegalStateException("primary key violated: client " + client.id());
        }
        if (stored.values().stream().anyMatch(c -> c.keyHash().equals(client.keyHash()))) {
            throw new IllegalStateException("unique key hash violated");
        }
        stored.put(client.id(), copy(client));
    }

    @Override
    public Optional<ApiClient> find(UUID id) {
        return Optional.ofNullable(stored.get(id)).map(InMemoryApiClients::copy);
    }

    @Override
    public Optional<Credential> credentialOf(String keyHash) {
        return stored.values().stream().filter(c -> c.keyHash().equals(keyHash)).findFirst()
                .map(c -> new Credential(copy(c), null));
    }

    @Override
    public Page<ApiClient> page(PageRequest page) {
        return Pages.of(all(), page);
    }

    @Override
    public void update(ApiClient client) {
        if (!stored.containsKey(client.id())) {
            throw new IllegalStateException("no stored client " + client.id() + " to update");
        }
        stored.put(client.id(), copy(client));
    }

    // ---- for tests ----

    /** Copies of every client, oldest first, then by id as the database orders a uuid (its text). */
    public List<ApiClient> all() {
        return stored.values().stream()
                .sorted(Comparator.comparing(ApiClient::createdAt).thenComparing(c -> c.id().toString()))
                .map(InMemoryApiClients::copy)
                .toList();
    }

    public int size() {
        return stored.size();
    }

    private static ApiClient copy(ApiClient c) {
        return ApiClient.restore(c.id(), c.name(), c.role(), c.scope(), c.keyHash(), c.keyPrefix(), c.createdAt(),
                c.createdBy(), c.revokedAt());
    }
}
