package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.access.SigningKey;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The signing keys of API clients (issue 11: the ministry's batches). */
public interface SigningKeys {

    /** Adds a key; false when the client already has a key of that id (active or revoked), changing nothing. */
    boolean add(SigningKey key);

    /** The client's keys, oldest first. */
    List<SigningKey> ofClient(UUID clientId);

    Optional<SigningKey> find(UUID clientId, String keyId);

    /** Writes the key's revocation. */
    void update(SigningKey key);
}
