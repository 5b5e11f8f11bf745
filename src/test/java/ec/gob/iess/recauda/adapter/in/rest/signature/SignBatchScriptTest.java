package ec.gob.iess.recauda.adapter.in.rest.signature;

import ec.gob.iess.recauda.domain.access.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The ministry's signing script ({@code tools/sign-batch}, OpenSSL 3 only) and the service's verifier agree: what the
 * script signs, {@link HttpMessageSignatures} accepts, and a byte changed in the body is refused.
 */
class SignBatchScriptTest {

    @TempDir
    Path work;

    @Test
    void what_the_script_signs_with_openssl_the_service_verifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = work.resolve("mef.key");
        Files.writeString(privateKey, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        String publicPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        byte[] body = ("{\"batchId\":\"MEF-" + UUID.randomUUID()
                + "\",\"lines\":[{\"lineNo\":1,\"amount\":\"10.00\"}]}\n").getBytes(StandardCharsets.UTF_8);
        Path file = work.resolve("batch.json");
        Files.write(file, body);
        Instant now = Instant.now();

        Process run = new ProcessBuilder("tools/sign-batch", "--key", privateKey.toString(), "--key-id", "mef-test",
                "--created", Long.toString(now.getEpochSecond()), "--dry-run", file.toString())
                .redirectErrorStream(true).start();
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(output).isZero();
        Map<String, String> headers = new HashMap<>();
        for (String line : output.substring(0, output.indexOf("\n\n")).split("\n")) {
            headers.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
        }

        SigningKey key = SigningKey.register(UUID.randomUUID(), "mef-test", publicPem, "staff", now);
        HttpMessageSignatures.Verified verified = HttpMessageSignatures.verify("POST",
                "/api/v1/public-sector/batches", body, headers.get("Content-Digest"), headers.get("Signature-Input"),
                headers.get("Signature"), id -> id.equals("mef-test") ? Optional.of(key) : Optional.empty(), now);
        assertThat(verified.key().keyId()).isEqualTo("mef-test");

        byte[] tampered = body.clone();
        tampered[tampered.length - 3] = '9';
        assertThat(catchThrowableOfType(SignatureRefusedException.class,
                () -> HttpMessageSignatures.verify("POST", "/api/v1/public-sector/batches", tampered,
                        headers.get("Content-Digest"), headers.get("Signature-Input"), headers.get("Signature"),
                        id -> Optional.of(key), now)).kind()).isEqualTo("digest-mismatch");
    }
}
