package ec.gob.iess.recauda.domain.access;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A registered caller of the API: a staff front-end, a partner bank, an employer's software or the Ministry of
 * Finance. It holds the hash of its key, never the key.
 */
public final class ApiClient {

    /** A financial entity code: 2–20 uppercase letters, digits or dashes. */
    public static final Pattern ENTITY_CODE = Pattern.compile("[A-Z0-9-]{2,20}");

    private final UUID id;
    private final String name;
    private final Role role;
    private final String scope;
    private final String keyHash;
    private final String keyPrefix;
    private final Instant createdAt;
    private final String createdBy;
    private Instant revokedAt;

    private ApiClient(UUID id, String name, Role role, String scope, String keyHash, String keyPrefix,
                      Instant createdAt, String createdBy, Instant revokedAt) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.role = Objects.requireNonNull(role);
        this.scope = scope;
        this.keyHash = Objects.requireNonNull(keyHash);
        this.keyPrefix = Objects.requireNonNull(keyPrefix);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.revokedAt = revokedAt;
    }

    /**
     * Registers a client for a freshly generated key. The scope must fit the role: an entity code for BANK, a
     * debtor id for EMPLOYER, a payer id (a RUC or cédula) for MINISTRY, nothing for STAFF.
     */
    public static ApiClient register(String name, Role role, String scope, String key, String createdBy,
                                     Instant now) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidValueException("invalid-api-client", "name must have 1 to 100 characters")
                    .atField("name");
        }
        String normalizedScope = normalizeScope(role, scope);
        return new ApiClient(UUID.randomUUID(), name.strip(), role, normalizedScope, ApiKey.hash(key),
                ApiKey.displayPrefix(key), now, createdBy, null);
    }

    public static ApiClient restore(UUID id, String name, Role role, String scope, String keyHash, String keyPrefix,
                                    Instant createdAt, String createdBy, Instant revokedAt) {
        return new ApiClient(id, name, role, scope, keyHash, keyPrefix, createdAt, createdBy, revokedAt);
    }

    private static String normalizeScope(Role role, String scope) {
        if (role == Role.STAFF) {
            if (scope != null && !scope.isEmpty()) {
                throw new InvalidValueException("invalid-scope", "a STAFF client has no scope").atField("scope");
            }
            return null;
        }
        if (scope == null || scope.isEmpty()) {
            throw new InvalidValueException("invalid-scope", "a " + role + " client needs a scope: "
                    + scopeDescription(role)).atField("scope");
        }
        switch (role) {
            case BANK -> {
                if (!ENTITY_CODE.matcher(scope).matches()) {
                    throw new InvalidValueException("invalid-scope",
                            "a BANK scope is a financial entity code of 2 to 20 uppercase letters, digits or dashes")
                            .atField("scope");
                }
                return scope;
            }
            case EMPLOYER, MINISTRY -> {
                try {
                    return DebtorId.parse(scope).value();
                } catch (InvalidValueException e) {
                    throw e.atField("scope");
                }
            }
            default -> throw new IllegalStateException(role.name());
        }
    }

    private static String scopeDescription(Role role) {
        return switch (role) {
            case BANK -> "the financial entity code";
            case EMPLOYER -> "the debtor id (cédula or RUC) it acts for";
            case MINISTRY -> "the payer id (RUC) it pays for";
            case STAFF -> "none";
        };
    }

    /** Revokes the key at once; revoking twice keeps the first instant. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public String scope() {
        return scope;
    }

    public String keyHash() {
        return keyHash;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
