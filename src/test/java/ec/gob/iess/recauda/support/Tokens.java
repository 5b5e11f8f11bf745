package ec.gob.iess.recauda.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Real access tokens of the test realm ({@link OidcServer}), signed with its private key
 * ({@code src/test/resources/oidc/signing-key.pem}, a throwaway key made for the tests), and the broken ones an
 * attacker or a misconfigured client would send. Token times are real time: the provider's verifier judges expiry
 * against the machine's clock, not the service's business clock.
 */
public final class Tokens {

    static final String REALM_KEY_ID = "recauda-test-realm-key";
    static final KeyPair REALM_KEY = load("/oidc/signing-key.pem");

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String keyId = REALM_KEY_ID;
    private KeyPair key = REALM_KEY;

    private Tokens() {
        claims.put("iss", issuer());
        claims.put("aud", OidcServer.AUDIENCE);
        claims.put("azp", "recauda-web");
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now);
        claims.put("exp", now + 300);
    }

    /** A valid token of a person with the given roles (realm roles, as Keycloak writes them). */
    public static Tokens person(String subject, String name, String... roles) {
        Tokens t = new Tokens();
        t.claims.put("sub", subject);
        t.claims.put("name", name);
        t.claims.put("preferred_username", subject.toLowerCase());
        t.claims.put("realm_access", Map.of("roles", List.of(roles)));
        return t;
    }

    /** Calls the API as that person. */
    public static RequestSpecification as(Tokens token) {
        return given().header("Authorization", "Bearer " + token.signed()).contentType(ContentType.JSON);
    }

    public Tokens claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public Tokens without(String claim) {
        claims.remove(claim);
        return this;
    }

    public Tokens expiredFor(Duration ago) {
        long expired = Instant.now().minus(ago).getEpochSecond();
        claims.put("iat", expired - 300);
        claims.put("exp", expired);
        return this;
    }

    /** Signed by a key the provider never published, under the realm key's id. */
    public Tokens signedByAnUnknownKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Tokens keyId(String kid) {
        keyId = kid;
        return this;
    }

    /** The compact JWS, RS256 with the chosen key. */
    public String signed() {
        JsonWebSignature jws = jws();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(key.getPrivate());
        return serialize(jws);
    }

    /** {@code alg: none}: a JWS with an empty signature. */
    public String algNone() {
        JsonWebSignature jws = jws();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        return serialize(jws);
    }

    /** A header claiming RS256 and the payload, with the signature left off. */
    public String unsigned() {
        String signed = signed();
        return signed.substring(0, signed.lastIndexOf('.') + 1);
    }

    /** HS256 with the provider's public key as the shared secret (the algorithm-confusion attack). */
    public String hmacWithThePublicKey() {
        JsonWebSignature jws = jws();
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(REALM_KEY.getPublic().getEncoded()));
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    /** A validly signed token whose payload was changed afterwards (here: its roles). */
    public String tamperedTo(String... roles) {
        String[] parts = signed().split("\\.");
        Map<String, Object> changed = new LinkedHashMap<>(claims);
        changed.put("realm_access", Map.of("roles", List.of(roles)));
        JwtClaims c = claims(changed);
        parts[1] = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(c.toJson().getBytes(StandardCharsets.UTF_8));
        return String.join(".", parts);
    }

    /** The realm's issuer, as the service knows it. */
    public static String issuer() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    private JsonWebSignature jws() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(claims).toJson());
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        return jws;
    }

    private static JwtClaims claims(Map<String, Object> values) {
        JwtClaims c = new JwtClaims();
        values.forEach((name, value) -> {
            if (("exp".equals(name) || "iat".equals(name)) && value instanceof Long seconds) {
                c.setClaim(name, NumericDate.fromSeconds(seconds).getValue());
            } else {
                c.setClaim(name, value instanceof List<?> list ? new ArrayList<>(list) : value);
            }
        });
        return c;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair load(String resource) {
        try (InputStream in = Tokens.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                    privateKey.getPublicExponent())), privateKey);
        } catch (IOException | GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("the test realm's key " + resource + " cannot be read", e);
        }
    }
}
