package ec.gob.iess.recauda.adapter.in.rest.signature;

import ec.gob.iess.recauda.domain.access.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 9421 / RFC 9530 verification against a worked example made with OpenSSL 3 only (the one
 * docs/ministry-integration.md will show): {@code openssl dgst -sha256 -binary} for the digest, the signature base
 * written with printf, {@code openssl pkeyutl -sign -rawin} for the Ed25519 signature.
 */
class HttpMessageSignaturesTest {

    private static final String PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEANnKXtv7kY+Wq5/NPRPkL0Zgh6p4thQSBW4vxUJGH3K8=
            -----END PUBLIC KEY-----
            """;
    private static final byte[] BODY = "{\"batchId\":\"MEF-2026-000001\",\"lines\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/api/v1/public-sector/batches";
    private static final String DIGEST = "sha-256=:ZatgLuFXhQDFj1qNzyRfXLarpk8mAjAUoh0oKWzEA2g=:";
    private static final String INPUT =
            "sig1=(\"@method\" \"@path\" \"content-digest\");created=1764936000;keyid=\"mef-2026-01\";alg=\"ed25519\"";
    private static final String SIGNATURE =
            "sig1=:Qf141KMaO4Y82+v6b9BFkbZpLCrBM2SzXAgHxodnoxCC+BINwb0iOvTrJRR7fOyyQ6WTrZABq1mw7SqgoZygBA==:";
    private static final Instant CREATED = Instant.ofEpochSecond(1764936000);
    private static final SigningKey KEY = SigningKey.register(UUID.randomUUID(), "mef-2026-01", PUBLIC_KEY, "staff",
            CREATED.minusSeconds(86400));
    private static final Function<String, Optional<SigningKey>> KEYS =
            id -> id.equals("mef-2026-01") ? Optional.of(KEY) : Optional.empty();

    @Test
    void the_openssl_example_verifies_and_its_base_is_the_one_signed() {
        assertThat(HttpMessageSignatures.contentDigest(BODY)).isEqualTo(DIGEST);
        HttpMessageSignatures.SignatureInput input = HttpMessageSignatures.parseInput(INPUT);
        assertThat(HttpMessageSignatures.signatureBase("POST", PATH, DIGEST, input)).isEqualTo("""
                "@method": POST
                "@path": /api/v1/public-sector/batches
                "content-digest": sha-256=:ZatgLuFXhQDFj1qNzyRfXLarpk8mAjAUoh0oKWzEA2g=:
                "@signature-params": ("@method" "@path" "content-digest");created=1764936000;\
                keyid="mef-2026-01";alg="ed25519\"""");

        HttpMessageSignatures.Verified verified = HttpMessageSignatures.verify("POST", PATH, BODY, DIGEST, INPUT,
                SIGNATURE, KEYS, CREATED.plusSeconds(299));
        assertThat(verified.key().keyId()).isEqualTo("mef-2026-01");
        assertThat(verified.created()).isEqualTo(CREATED);
        assertThat(verified.signature()).hasSize(64);
    }

    @Test
    void each_refusal_says_which_check_failed() {
        assertRefused("signature-missing", () -> verify(BODY, DIGEST, INPUT, null, CREATED));
        assertRefused("digest-mismatch", () -> verify("{\"batchId\":\"MEF-2026-000002\",\"lines\":[]}"
                .getBytes(StandardCharsets.UTF_8), DIGEST, INPUT, SIGNATURE, CREATED));
        assertRefused("signature-stale", () -> verify(BODY, DIGEST, INPUT, SIGNATURE, CREATED.plusSeconds(301)));
        assertRefused("signature-stale", () -> verify(BODY, DIGEST, INPUT, SIGNATURE, CREATED.minusSeconds(301)));
        assertRefused("signature-key-unknown", () -> verify(BODY, DIGEST, INPUT.replace("mef-2026-01", "other"),
                SIGNATURE, CREATED));
        // A path or method other than the signed one, or a changed parameter, breaks the signature.
        assertRefused("signature-invalid", () -> HttpMessageSignatures.verify("POST", PATH + "x", BODY, DIGEST,
                INPUT, SIGNATURE, KEYS, CREATED));
        assertRefused("signature-invalid", () -> HttpMessageSignatures.verify("PUT", PATH, BODY, DIGEST, INPUT,
                SIGNATURE, KEYS, CREATED));
        assertRefused("signature-invalid", () -> verify(BODY, DIGEST, INPUT.replace("1764936000", "1764936001"),
                SIGNATURE, CREATED));
        assertRefused("signature-invalid", () -> verify(BODY, DIGEST, INPUT, SIGNATURE.replace("Qf14", "Qf15"),
                CREATED));
        SigningKey revoked = SigningKey.register(UUID.randomUUID(), "mef-2026-01", PUBLIC_KEY, "staff", CREATED);
        revoked.revoke(CREATED);
        assertRefused("signature-key-unknown", () -> HttpMessageSignatures.verify("POST", PATH, BODY, DIGEST, INPUT,
                SIGNATURE, id -> Optional.of(revoked), CREATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sig1=(\"@method\" \"@path\");created=1764936000;keyid=\"mef-2026-01\";alg=\"ed25519\"",
            "sig1=(\"@method\" \"@path\" \"content-digest\" \"@authority\");created=1764936000;keyid=\"k\";"
                    + "alg=\"ed25519\"",
            "sig1=(\"@method\" \"@path\" \"content-digest\");keyid=\"mef-2026-01\";alg=\"ed25519\"",
            "sig1=(\"@method\" \"@path\" \"content-digest\");created=\"1764936000\";keyid=\"k\";alg=\"ed25519\"",
            "sig1=(\"@method\" \"@path\" \"content-digest\");created=1764936000;created=1;keyid=\"k\";alg=\"ed25519\"",
            "sig1=(\"@method\" \"@path\" \"content-digest\");created=1764936000;keyid=\"k\";alg=\"rsa-pss-sha512\"",
            "sig1=(@method @path content-digest);created=1764936000;keyid=\"k\";alg=\"ed25519\"",
            "(\"@method\" \"@path\" \"content-digest\");created=1764936000;keyid=\"k\";alg=\"ed25519\"",
            "sig1=(\"@method\" \"@path\" \"content-digest\");created=1764936000;keyid=\"k\";alg=\"ed25519\" junk"
    })
    void a_signature_input_outside_the_profile_is_malformed(String input) {
        assertRefused("signature-malformed", () -> verify(BODY, DIGEST, input, SIGNATURE, CREATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sig2=:Qf14:", "sig1=Qf14", "sig1=:not base64!:", "sig1=:", ""})
    void a_signature_header_outside_the_profile_is_malformed(String signature) {
        assertRefused("signature-malformed", () -> verify(BODY, DIGEST, INPUT, signature, CREATED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha-512=:AAAA:", "sha-256=ZatgLuFXhQDFj1qNzyRfXLarpk8mAjAUoh0oKWzEA2g=", "md5"})
    void a_content_digest_without_a_sha_256_byte_sequence_is_malformed(String digest) {
        assertRefused("signature-malformed", () -> verify(BODY, digest, INPUT, SIGNATURE, CREATED));
    }

    private static HttpMessageSignatures.Verified verify(byte[] body, String digest, String input, String signature,
                                                         Instant now) {
        return HttpMessageSignatures.verify("POST", PATH, body, digest, input, signature, KEYS, now);
    }

    private static void assertRefused(String kind, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SignatureRefusedException.class,
                e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
