package ec.gob.iess.recauda.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An API key in clear text: {@code rk_} followed by 256 random bits in base64url. It exists only in the answer
 * that issues it and in the caller's request; the service stores only {@link #hash(String)}.
 *
 * <p>A SHA-256 is enough for a random 256-bit secret: nobody can guess the preimage, and a slow password hash would
 * cap the number of requests a second without adding safety (ADR 0004).
 */
public final class ApiKey {

    public static final String PREFIX = "rk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKey() {
    }

    /** A new random key. */
    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Lowercase hex SHA-256 of the key's UTF-8 bytes: what the database stores and looks up. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The first characters of a key, kept so staff can tell keys apart in a listing; reveals 48 of 256 bits. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 8));
    }
}
