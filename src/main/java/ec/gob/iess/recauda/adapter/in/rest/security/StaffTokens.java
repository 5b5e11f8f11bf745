package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.access.StaffUser;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonString;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies the bearer tokens of staff people, issued by the institution's OpenID Connect provider (ADR 0014), through
 * quarkus-oidc's default tenant: signature against the provider's published keys (JWKS), issuer, audience, expiry
 * and subject, with no fallback to remote introspection. A verified token becomes the person (subject and name) and
 * their staff role, the highest of the roles its roles claim names ({@code recauda.oidc.roles-claim}, mapped by
 * {@code recauda.oidc.role.reader|operator|director}).
 *
 * <p>With {@code quarkus.oidc.tenant-enabled=false} (the default) no token is accepted: every one is refused as
 * invalid, and API keys work as ever. Enabled, the start fails unless the provider and the audience are configured:
 * a token must never be accepted for any audience.
 */
@ApplicationScoped
@Startup
public class StaffTokens {

    /** Three base64url parts (the signature may be empty: an unsigned token is refused, not taken for a key). */
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Logger LOG = Logger.getLogger(StaffTokens.class);
    private static final String FALLBACK_NAME_CLAIM = "preferred_username";

    /** A token that was refused: the detail says why in general words (never the token's content). */
    static final class Refused extends RuntimeException {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    /** The provider could not be reached to verify a token (its keys or its discovery document). */
    static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable() {
            super("the OpenID Connect provider could not be reached to verify the token", null, false, false);
        }
    }

    /** A verified token: the person, and their staff role (null when the token grants none of ours). */
    record Verified(StaffUser user, StaffRole role) {
    }

    private final boolean enabled;
    private final Instance<TenantIdentityProvider> provider;
    private final String nameClaim;
    private final String rolesClaim;
    private final Map<String, StaffRole> roles;

    public StaffTokens(Instance<TenantIdentityProvider> provider,
                       @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
                       @ConfigProperty(name = "quarkus.oidc.token.audience") Optional<String> audience,
                       @ConfigProperty(name = "recauda.oidc.name-claim", defaultValue = "name") String nameClaim,
                       @ConfigProperty(name = "recauda.oidc.roles-claim", defaultValue = "realm_access/roles")
                       String rolesClaim,
                       @ConfigProperty(name = "recauda.oidc.role.reader", defaultValue = "READER") String reader,
                       @ConfigProperty(name = "recauda.oidc.role.operator", defaultValue = "OPERATOR")
                       String operator,
                       @ConfigProperty(name = "recauda.oidc.role.director", defaultValue = "DIRECTOR")
                       String director) {
        this.enabled = enabled;
        this.provider = provider;
        this.nameClaim = nameClaim;
        this.rolesClaim = rolesClaim;
        Map<String, StaffRole> names = new LinkedHashMap<>();
        names.put(reader, StaffRole.READER);
        names.put(operator, StaffRole.OPERATOR);
        names.put(director, StaffRole.DIRECTOR);
        if (names.size() != StaffRole.values().length) {
            throw new IllegalStateException("recauda.oidc.role.reader, .operator and .director must name three"
                    + " different roles of the provider");
        }
        this.roles = Map.copyOf(names);
        if (enabled) {
            if (authServerUrl.filter(u -> !u.isBlank()).isEmpty()) {
                throw new IllegalStateException("quarkus.oidc.tenant-enabled is true but quarkus.oidc.auth-server-url"
                        + " names no OpenID Connect provider (README, 'Staff users')");
            }
            if (audience.filter(a -> !a.isBlank()).isEmpty() || audience.get().strip().equals("any")) {
                throw new IllegalStateException("quarkus.oidc.token.audience must name this service's audience (the"
                        + " client id the provider puts in 'aud'): tokens issued for other applications are refused");
            }
            LOG.infof("Staff tokens of the OpenID Connect provider are accepted beside API keys (roles claim %s: %s)",
                    rolesClaim, describeRoles());
        } else {
            LOG.info("No OpenID Connect provider is configured (quarkus.oidc.tenant-enabled=false): only API keys"
                    + " are accepted");
        }
    }

    /** True when a sent credential has the shape of a JWT: it is verified as a staff token, not as an API key. */
    static boolean looksLikeJwt(String credential) {
        return JWT.matcher(credential).matches();
    }

    /**
     * Verifies a token: the person and their staff role, or a failed {@code Uni}: {@link Refused} for a token that is
     * not valid here (whatever the reason), {@link ProviderUnavailable} when the provider could not be reached.
     */
    Uni<Verified> verify(String token) {
        if (!enabled) {
            return Uni.createFrom().failure(new Refused("staff tokens are not accepted: no OpenID Connect provider is"
                    + " configured; send an API key"));
        }
        return provider.get().authenticate(new AccessTokenCredential(token))
                .onFailure().transform(StaffTokens::reason)
                .map(this::verified);
    }

    private Verified verified(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new Refused("the bearer token is not a signed JWT");
        }
        String subject = jwt.getSubject();
        String name = text(jwt.getClaim(nameClaim)).or(() -> text(jwt.getClaim(FALLBACK_NAME_CLAIM))).orElse(null);
        StaffUser user;
        try {
            user = new StaffUser(subject == null ? "" : subject, name == null ? "" : name.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("the token must name the person: a subject ('sub', 1-255 printable characters) and a"
                    + " name ('" + nameClaim + "' or '" + FALLBACK_NAME_CLAIM + "')");
        }
        StaffRole highest = identity.getRoles().stream().map(roles::get).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new Verified(user, highest);
    }

    private static Throwable reason(Throwable failure) {
        if (failure instanceof Refused) {
            return failure;
        }
        if (failure instanceof AuthenticationFailedException) {
            return new Refused("the bearer token is not valid here: it is expired, not yet valid, not signed by the"
                    + " configured provider's keys, of another issuer or audience, or malformed");
        }
        LOG.warnf("A staff token could not be verified: the OpenID Connect provider did not answer (%s)",
                failure.getClass().getSimpleName());
        return new ProviderUnavailable();
    }

    private static Optional<String> text(Object claim) {
        if (claim instanceof JsonString s) {
            return Optional.of(s.getString()).filter(v -> !v.isBlank());
        }
        return claim instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private String describeRoles() {
        return String.join(", ", roles.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().name().toLowerCase(Locale.ROOT)).toList());
    }
}
