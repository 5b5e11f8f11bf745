package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.AuthenticateCallerUseCase;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageApiClientsUseCase;
import ec.gob.iess.recauda.application.port.out.ApiClients;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.ApiKey;
import ec.gob.iess.recauda.domain.access.BootstrapCredential;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers, lists, revokes and authenticates API clients. Keys are stored only as SHA-256 hashes. The bootstrap
 * STAFF key (environment variable {@code RECAUDA_BOOTSTRAP_ADMIN_KEY}) is held as a hash too; it lets the first
 * staff member register real clients.
 */
@ApplicationScoped
public class ApiClientService implements ManageApiClientsUseCase, AuthenticateCallerUseCase {

    /** The client id that the bootstrap key's actions are audited under. */
    public static final String BOOTSTRAP_CLIENT_ID = "bootstrap";
    private static final int MAX_KEY_LENGTH = BootstrapCredential.MAX_LENGTH;

    private final ApiClients clients;
    private final FinancialEntities entities;
    private final AuditLog audit;
    private final Clock clock;
    private final BootstrapCredential bootstrap;

    public ApiClientService(ApiClients clients, FinancialEntities entities, AuditLog audit, Clock clock,
                            BootstrapCredential bootstrap) {
        this.clients = clients;
        this.entities = entities;
        this.audit = audit;
        this.clock = clock;
        this.bootstrap = bootstrap;
    }

    @Override
    @Transactional
    public IssuedClient register(Caller caller, String name, Role role, String scope) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Instant now = clock.instant();
        String key = ApiKey.generate();
        ApiClient client = ApiClient.register(name, role, scope, key, caller.clientId(), now);
        if (role == Role.BANK && entities.find(client.scope()).isEmpty()) {
            throw new BusinessRuleException("unknown-financial-entity", "no financial entity " + client.scope()
                    + " is registered; register it first (POST /api/v1/admin/financial-entities)");
        }
        clients.add(client);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", client.name());
        details.put("role", client.role().name());
        if (client.scope() != null) {
            details.put("scope", client.scope());
        }
        audit.record(Audit.entry(caller, now, "API_CLIENT_REGISTERED", "API_CLIENT", client.id().toString(), details));
        return new IssuedClient(client, key);
    }

    @Override
    @Transactional
    public Page<ApiClient> list(Caller caller, PageRequest page) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return clients.page(page);
    }

    @Override
    @Transactional
    public ApiClient revoke(Caller caller, UUID clientId) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        ApiClient client = clients.find(clientId)
                .orElseThrow(() -> new NotFoundException("api-client-not-found", "no API client " + clientId));
        if (client.isActive()) {
            Instant now = clock.instant();
            client.revoke(now);
            clients.update(client);
            audit.record(Audit.entry(caller, now, "API_CLIENT_REVOKED", "API_CLIENT", client.id().toString(),
                    Map.of()));
        }
        return client;
    }

    /**
     * Finds the client of a key. Runs without a transaction of its own: one indexed read by hash, on every request.
     * Unknown, revoked and malformed keys all answer empty, and take the same path, so timing tells nothing.
     */
    @Override
    public Optional<AuthenticatedClient> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        String hash = ApiKey.hash(presentedKey);
        if (bootstrap.matches(hash)) {
            return Optional.of(new AuthenticatedClient(BOOTSTRAP_CLIENT_ID, Role.STAFF, null));
        }
        return clients.credentialOf(hash)
                .filter(c -> ApiKey.sameHash(c.client().keyHash(), hash))
                .filter(c -> c.client().isActive())
                .map(c -> new AuthenticatedClient(c.client().id().toString(), c.client().role(), c.client().scope(),
                        c.entity()));
    }
}
