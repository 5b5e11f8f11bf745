package ec.gob.iess.recauda.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The test suite's OpenID Connect provider: a WireMock server on a free loopback port that serves a realm's
 * discovery document and its signing keys (JWKS), as Keycloak does under {@code /realms/<realm>}. Every Quarkus test
 * runs with the service pointed at it (a global test resource: one provider for the whole suite, so the service is
 * not restarted for it), and {@link Tokens} signs real tokens with the realm's private key.
 */
@QuarkusTestResource(OidcServer.class)
public class OidcServer implements QuarkusTestResourceLifecycleManager {

    /** The client id the realm puts in {@code aud} for this service (and the service expects). */
    public static final String AUDIENCE = "recauda-api";
    static final String REALM_PATH = "/realms/recauda";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String issuer = "http://127.0.0.1:" + server.port() + REALM_PATH;
        server.stubFor(get(urlEqualTo(REALM_PATH + "/.well-known/openid-configuration")).willReturn(json("""
                {"issuer": "%1$s",
                 "jwks_uri": "%1$s/protocol/openid-connect/certs",
                 "authorization_endpoint": "%1$s/protocol/openid-connect/auth",
                 "token_endpoint": "%1$s/protocol/openid-connect/token",
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer))));
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) Tokens.REALM_KEY.getPublic());
        jwk.setKeyId(Tokens.REALM_KEY_ID);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        server.stubFor(get(urlEqualTo(REALM_PATH + "/protocol/openid-connect/certs"))
                .willReturn(json(new JsonWebKeySet(jwk).toJson())));
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.token.audience", AUDIENCE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
