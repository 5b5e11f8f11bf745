package ec.gob.iess.recauda.domain.access;

import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ed25519 public keys of MINISTRY clients: what is accepted as one, and the signatures it verifies. */
class SigningKeyTest {

    /** Made with {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}. */
    static final String OPENSSL_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEANnKXtv7kY+Wq5/NPRPkL0Zgh6p4thQSBW4vxUJGH3K8=
            -----END PUBLIC KEY-----
            """;
    /** {@code printf 'recauda signing key test' | openssl pkeyutl -sign -inkey <its private key> -rawin}, base64. */
    static final String OPENSSL_SIGNATURE =
            "A22ZA7xOWwVzfW/Yip7zlz+0xLCmJGqej/fGYPOQDZbmrJkLmHS17gasDhPrwYZzFLqFf0/w/IKn9zeGnk2wCw==";
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final UUID CLIENT = UUID.randomUUID();

    @Test
    void an_openssl_key_verifies_its_openssl_signature_and_nothing_else() {
        SigningKey key = SigningKey.register(CLIENT, "mef-2026-01", OPENSSL_PUBLIC_KEY, "staff", NOW);
        byte[] message = "recauda signing key test".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base64.getDecoder().decode(OPENSSL_SIGNATURE);

        assertThat(key.verifies(message, signature)).isTrue();
        assertThat(key.verifies("recauda signing key tesT".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        signature[5] ^= 1;
        assertThat(key.verifies(message, signature)).isFalse();
        assertThat(key.verifies(message, new byte[3])).isFalse();
        assertThat(key.fingerprint()).isEqualTo("SHA256:thF4hotArmOucBc/OkJ6t2eTs+WuqRrrec31wVjzSHM");
        assertThat(key.pem()).isEqualTo(OPENSSL_PUBLIC_KEY);
        assertThat(key.isActive()).isTrue();
    }

    @Test
    void a_key_made_by_java_round_trips_through_pem_and_verifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\r\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\r\n-----END PUBLIC KEY-----";
        SigningKey key = SigningKey.register(CLIENT, "k1", pem, "staff", NOW);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(new byte[]{1, 2, 3});

        assertThat(key.verifies(new byte[]{1, 2, 3}, signer.sign())).isTrue();
        assertThat(SigningKey.restore(CLIENT, "k1", key.publicKey(), NOW, "staff", null).pem()).isEqualTo(key.pem());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // Ed448 (openssl genpkey -algorithm ed448)
            "-----BEGIN PUBLIC KEY-----\nMEMwBQYDK2VxAzoAmc31giZQsV2JWYRcJrbaZOVW8mkiWd7op5+Aks/u76PYA3fl\n"
                    + "/EzCTi+Q3nAdRmZpoemI38K8PFoA\n-----END PUBLIC KEY-----\n",
            // RSA 1024 (truncated body: still not Ed25519)
            "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDFaNEuAvXuUVLEjvJlNqxc3nTn\n"
                    + "-----END PUBLIC KEY-----\n",
            // an Ed25519 key missing a byte
            "-----BEGIN PUBLIC KEY-----\nMCkwBQYDK2VwAyAANnKXtv7kY+Wq5/NPRPkL0Zgh6p4thQSBW4vxUJGH3A==\n"
                    + "-----END PUBLIC KEY-----",
            // a private key block
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----",
            // broken base64, raw key bytes without PEM, nothing
            "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----",
            "NnKXtv7kY+Wq5/NPRPkL0Zgh6p4thQSBW4vxUJGH3K8=",
            " "
    })
    void anything_but_an_ed25519_public_key_is_refused_naming_publicKey(String pem) {
        assertThatThrownBy(() -> SigningKey.register(CLIENT, "k1", pem, "staff", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.kind()).isEqualTo("invalid-signing-key");
                    assertThat(e.violations()).extracting(InvalidValueException.Violation::field)
                            .containsExactly("publicKey");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "ñandú", "k\"1",
            "0123456789012345678901234567890123456789012345678901234567890123X"})
    void a_key_id_breaking_its_rule_is_refused_naming_keyId(String keyId) {
        assertThatThrownBy(() -> SigningKey.register(CLIENT, keyId, OPENSSL_PUBLIC_KEY, "staff", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                        .extracting(InvalidValueException.Violation::field).containsExactly("keyId"));
    }

    @Test
    void a_revoked_key_stays_revoked_at_its_first_revocation() {
        SigningKey key = SigningKey.register(CLIENT, "k1", OPENSSL_PUBLIC_KEY, "staff", NOW);
        key.revoke(NOW.plusSeconds(60));
        key.revoke(NOW.plusSeconds(120));
        assertThat(key.isActive()).isFalse();
        assertThat(key.revokedAt()).isEqualTo(NOW.plusSeconds(60));
    }
}
