package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.domain.access.SigningKey;

import java.util.List;
import java.util.UUID;

/** Staff register, list and revoke the Ed25519 public keys a MINISTRY client signs its batches with. */
public interface ManageSigningKeysUseCase {

    SigningKey register(Caller caller, UUID clientId, String keyId, String publicKeyPem);

    /** The client's keys, active and revoked, oldest first. */
    List<SigningKey> list(Caller caller, UUID clientId);

    /** Revokes a key; revoking a revoked key changes nothing. */
    SigningKey revoke(Caller caller, UUID clientId, String keyId);
}
