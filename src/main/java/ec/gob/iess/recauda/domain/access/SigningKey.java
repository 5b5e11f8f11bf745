package ec.gob.iess.recauda.domain.access;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An Ed25519 public key with which a MINISTRY client signs its batches (RFC 9421 HTTP Message Signatures, algorithm
 * {@code ed25519}). The service keeps only the public key, as its DER SubjectPublicKeyInfo (44 bytes); the ministry
 * keeps the private key. A client may hold several active keys, to rotate them; a key id is never reused by its
 * client, so a signature always names the one key that made it.
 */
public final class SigningKey {

    /** RFC 9421 {@code keyid} values this service accepts: letters, digits and {@code . _ : -}, 1 to 64. */
    public static final int MAX_KEY_ID_LENGTH = 64;
    /** The same rule as a regular expression for the contract (and the table's check constraint). */
    public static final String KEY_ID_RULE = "^[A-Za-z0-9._:-]{1," + MAX_KEY_ID_LENGTH + "}$";
    public static final Pattern KEY_ID = Pattern.compile(KEY_ID_RULE);
    /** The most active keys a client may hold at once: enough to rotate, few enough to check. */
    public static final int MAX_ACTIVE_PER_CLIENT = 5;
    /** A PEM of an Ed25519 public key has about 113 characters; anything much longer is not one. */
    public static final int MAX_PEM_LENGTH = 1000;

    private static final String KIND = "invalid-signing-key";
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";
    /** DER of SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 (1.3.101.112) }, BIT STRING (32 bytes) }. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};
    private static final int SPKI_LENGTH = ED25519_SPKI_PREFIX.length + 32;

    private final UUID clientId;
    private final String keyId;
    private final byte[] publicKey;
    private final Instant createdAt;
    private final String createdBy;
    private Instant revokedAt;

    private SigningKey(UUID clientId, String keyId, byte[] publicKey, Instant createdAt, String createdBy,
                       Instant revokedAt) {
        this.clientId = Objects.requireNonNull(clientId);
        this.keyId = Objects.requireNonNull(keyId);
        this.publicKey = publicKey.clone();
        this.createdAt = Objects.requireNonNull(createdAt);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.revokedAt = revokedAt;
    }

    /**
     * A new key of {@code clientId}, from its PEM text.
     *
     * @throws InvalidValueException ({@code invalid-signing-key}) naming {@code keyId} or {@code publicKey}
     */
    public static SigningKey register(UUID clientId, String keyId, String pem, String createdBy, Instant now) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new InvalidValueException(KIND, "keyId must be 1 to 64 letters, digits or . _ : -")
                    .atField("keyId");
        }
        return new SigningKey(clientId, keyId, parsePem(pem), now, createdBy, null);
    }

    /** A key as stored. */
    public static SigningKey restore(UUID clientId, String keyId, byte[] publicKey, Instant createdAt,
                                     String createdBy, Instant revokedAt) {
        if (!isEd25519(publicKey)) {
            throw new IllegalArgumentException("not an Ed25519 SubjectPublicKeyInfo");
        }
        return new SigningKey(clientId, keyId, publicKey, createdAt, createdBy, revokedAt);
    }

    /**
     * The DER SubjectPublicKeyInfo of a PEM {@code PUBLIC KEY} block holding an Ed25519 key (what {@code openssl pkey
     * -pubout} writes).
     *
     * @throws InvalidValueException ({@code invalid-signing-key}, field {@code publicKey}) for anything else: another
     *                               algorithm (RSA, EC, Ed448), a private key, a certificate, broken base64
     */
    public static byte[] parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw invalidKey("publicKey is required: the PEM text of an Ed25519 public key");
        }
        if (pem.length() > MAX_PEM_LENGTH) {
            throw invalidKey("publicKey is longer than " + MAX_PEM_LENGTH + " characters: it is not an Ed25519"
                    + " public key");
        }
        String text = pem.strip();
        if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
            throw invalidKey("publicKey must be a PEM block from '" + PEM_BEGIN + "' to '" + PEM_END + "' (a"
                    + " SubjectPublicKeyInfo, as 'openssl pkey -pubout' writes it)");
        }
        String body = text.substring(PEM_BEGIN.length(), text.length() - PEM_END.length()).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw invalidKey("publicKey's PEM body is not valid base64");
        }
        if (!isEd25519(der)) {
            throw invalidKey("publicKey is not an Ed25519 public key (an RSA, EC or Ed448 key, or a private key, is"
                    + " not accepted)");
        }
        try {
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw invalidKey("publicKey is not a valid Ed25519 public key");
        }
        return der;
    }

    private static boolean isEd25519(byte[] der) {
        return der != null && der.length == SPKI_LENGTH
                && Arrays.equals(der, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0,
                ED25519_SPKI_PREFIX.length);
    }

    private static InvalidValueException invalidKey(String message) {
        return new InvalidValueException(KIND, message).atField("publicKey");
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17", e);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Revokes the key from {@code now}; a revoked key stays revoked. */
    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    /** The PEM text of the key, as registered (64 characters a line). */
    public String pem() {
        return PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey) + "\n" + PEM_END + "\n";
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the DER key, as OpenSSH shows keys. */
    public String fingerprint() {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID clientId() {
        return clientId;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] publicKey() {
        return publicKey.clone();
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
