package ec.gob.iess.recauda.support;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.asStaff;

/**
 * A MINISTRY client for tests: registered with its payer's RUC, with an Ed25519 key pair whose public key is
 * registered, signing its batches per RFC 9421 / RFC 9530 with the JDK's Ed25519 (as docs/ministry-integration.md
 * shows with OpenSSL).
 */
public final class Ministry {

    public static final String PATH = "/api/v1/public-sector/batches";

    public final String clientId;
    public final String apiKey;
    public final String payerId;
    public final String keyId;
    private final PrivateKey privateKey;

    private Ministry(String clientId, String apiKey, String payerId, String keyId, PrivateKey privateKey) {
        this.clientId = clientId;
        this.apiKey = apiKey;
        this.payerId = payerId;
        this.keyId = keyId;
        this.privateKey = privateKey;
    }

    /** A new MINISTRY client of a new payer, with one registered key. */
    public static Ministry register() {
        String payer = TestIds.publicEntityRuc();
        Response client = asStaff().body(Map.of("name", "Ministerio de Finanzas " + UUID.randomUUID(), "role",
                "MINISTRY", "scope", payer)).post("/api/v1/admin/api-clients");
        client.then().statusCode(201);
        String id = client.path("id");
        KeyPair pair = newKeyPair();
        String keyId = "mef-" + UUID.randomUUID().toString().substring(0, 8);
        registerKey(id, keyId, pair);
        return new Ministry(id, client.path("apiKey"), payer, keyId, pair.getPrivate());
    }

    /** Another key of this client (rotation), registered; a ministry that signs with it. */
    public Ministry withNewKey() {
        KeyPair pair = newKeyPair();
        String another = "mef-" + UUID.randomUUID().toString().substring(0, 8);
        registerKey(clientId, another, pair);
        return new Ministry(clientId, apiKey, payerId, another, pair.getPrivate());
    }

    /** This client signing with a private key that is not the one registered under its key id. */
    public Ministry withWrongPrivateKey() {
        return new Ministry(clientId, apiKey, payerId, keyId, newKeyPair().getPrivate());
    }

    /** This client naming another key id (with its own private key). */
    public Ministry namingKey(String otherKeyId) {
        return new Ministry(clientId, apiKey, payerId, otherKeyId, privateKey);
    }

    /** The public key as the signing-keys endpoint takes it (PEM, SubjectPublicKeyInfo). */
    public static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static void registerKey(String clientId, String keyId, KeyPair pair) {
        asStaff().body(Map.of("keyId", keyId, "publicKey", pem(pair)))
                .post("/api/v1/admin/api-clients/" + clientId + "/signing-keys").then().statusCode(201);
    }

    /** A new Ed25519 key pair. */
    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three headers of a signed request with this body, created at {@code created}. */
    public record Signed(String contentDigest, String signatureInput, String signature) {
    }

    public Signed sign(byte[] body, Instant created) {
        return sign(keyId, privateKey, body, created);
    }

    /** The signature headers of a batch with this body, signed with {@code key} under {@code keyId}. */
    public static Signed sign(String keyId, PrivateKey key, byte[] body, Instant created) {
        String digest = digest(body);
        String params = "(\"@method\" \"@path\" \"content-digest\");created=" + created.getEpochSecond()
                + ";keyid=\"" + keyId + "\";alg=\"ed25519\"";
        String base = "\"@method\": POST\n\"@path\": " + PATH + "\n\"content-digest\": " + digest
                + "\n\"@signature-params\": " + params;
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(base.getBytes(StandardCharsets.UTF_8));
            return new Signed(digest, "sig1=" + params,
                    "sig1=:" + Base64.getEncoder().encodeToString(ed.sign()) + ":");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String digest(byte[] body) {
        try {
            return "sha-256=:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body)) + ":";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with this client's key and these signature headers. */
    public RequestSpecification request(Signed signed) {
        return RestAssured.given().header("Authorization", "Bearer " + apiKey).contentType("application/json")
                .header("Content-Digest", signed.contentDigest())
                .header("Signature-Input", signed.signatureInput())
                .header("Signature", signed.signature());
    }

    /** Posts {@code body} signed at {@code created} (the service's clock, which a test may have fixed). */
    public Response post(String body, Instant created) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return request(sign(bytes, created)).body(bytes).post(PATH);
    }

    /** Reads with this client's key. */
    public RequestSpecification reader() {
        return Api.as(apiKey);
    }
}
