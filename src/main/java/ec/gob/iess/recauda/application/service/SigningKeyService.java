package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageSigningKeysUseCase;
import ec.gob.iess.recauda.application.port.out.ApiClients;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.SigningKeys;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.SigningKey;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The signing keys of MINISTRY clients (issue 11): only public keys are kept, so the service holds no secret of the
 * ministry. Registering and revoking are OPERATOR changes, audited; reading is for READERs up.
 */
@ApplicationScoped
public class SigningKeyService implements ManageSigningKeysUseCase {

    private final ApiClients clients;
    private final SigningKeys keys;
    private final AuditLog audit;
    private final Clock clock;

    public SigningKeyService(ApiClients clients, SigningKeys keys, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public SigningKey register(Caller caller, UUID clientId, String keyId, String publicKeyPem) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        ApiClient client = client(clientId);
        Instant now = clock.instant();
        SigningKey key = SigningKey.register(client.id(), keyId, publicKeyPem, caller.clientId(), now);
        if (client.role() != Role.MINISTRY) {
            throw new BusinessRuleException("signing-keys-for-ministry-only", "only a MINISTRY client signs its"
                    + " batches; this client is a " + client.role() + " client");
        }
        if (!client.isActive()) {
            throw new BusinessRuleException("api-client-revoked", "the API client " + clientId + " is revoked");
        }
        List<SigningKey> existing = keys.ofClient(client.id());
        if (existing.stream().anyMatch(k -> k.keyId().equals(key.keyId()))) {
            throw keyExists(key);
        }
        if (existing.stream().filter(SigningKey::isActive).count() >= SigningKey.MAX_ACTIVE_PER_CLIENT) {
            throw new BusinessRuleException("too-many-signing-keys", "the client already has "
                    + SigningKey.MAX_ACTIVE_PER_CLIENT + " active signing keys: revoke one first");
        }
        if (!keys.add(key)) {
            throw keyExists(key);
        }
        audit.record(Audit.entry(caller, now, "SIGNING_KEY_REGISTERED", "API_CLIENT", client.id().toString(),
                Map.of("keyId", key.keyId(), "fingerprint", key.fingerprint())));
        return key;
    }

    @Override
    @Transactional
    public List<SigningKey> list(Caller caller, UUID clientId) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return keys.ofClient(client(clientId).id());
    }

    @Override
    @Transactional
    public SigningKey revoke(Caller caller, UUID clientId, String keyId) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        SigningKey key = keys.find(client(clientId).id(), keyId)
                .orElseThrow(() -> new NotFoundException("signing-key-not-found", "the API client " + clientId
                        + " has no signing key " + keyId));
        if (key.isActive()) {
            Instant now = clock.instant();
            key.revoke(now);
            keys.update(key);
            audit.record(Audit.entry(caller, now, "SIGNING_KEY_REVOKED", "API_CLIENT", clientId.toString(),
                    Map.of("keyId", key.keyId())));
        }
        return key;
    }

    private ApiClient client(UUID clientId) {
        return clients.find(clientId)
                .orElseThrow(() -> new NotFoundException("api-client-not-found", "no API client " + clientId));
    }

    private static ConflictException keyExists(SigningKey key) {
        return new ConflictException("signing-key-exists", "the client already has a signing key " + key.keyId()
                + " (a key id is never reused, even after its key is revoked)");
    }
}
