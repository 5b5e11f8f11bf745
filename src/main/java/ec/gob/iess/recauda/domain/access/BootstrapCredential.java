package ec.gob.iess.recauda.domain.access;

import java.util.Optional;

/**
 * The bootstrap STAFF key, held as its hash only: it lets the first staff member register real clients. Absent in
 * production unless configured ({@code RECAUDA_BOOTSTRAP_ADMIN_KEY}).
 *
 * @param keyHash the SHA-256 hash of the key, or null when there is none
 */
public record BootstrapCredential(String keyHash) {

    /** The shortest bootstrap key. */
    public static final int MIN_LENGTH = 32;
    /** The longest key of any kind. */
    public static final int MAX_LENGTH = 256;

    /**
     * The credential of a configured key (empty or absent: none). A key that could never authenticate over HTTP is
     * refused at start-up.
     *
     * @throws IllegalStateException when the key is shorter than 32 or longer than 256 characters, or has a space
     */
    public static BootstrapCredential of(Optional<String> configured) {
        return new BootstrapCredential(configured.filter(k -> !k.isEmpty()).map(BootstrapCredential::check)
                .map(ApiKey::hash).orElse(null));
    }

    private static String check(String key) {
        if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            throw new IllegalStateException("RECAUDA_BOOTSTRAP_ADMIN_KEY must have " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters");
        }
        if (!key.equals(key.strip()) || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalStateException("RECAUDA_BOOTSTRAP_ADMIN_KEY must not contain spaces");
        }
        return key;
    }

    /** Whether a presented key's hash is this credential's. */
    public boolean matches(String presentedHash) {
        return keyHash != null && ApiKey.sameHash(presentedHash, keyHash);
    }
}
