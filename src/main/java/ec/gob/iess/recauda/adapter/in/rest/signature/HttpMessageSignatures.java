package ec.gob.iess.recauda.adapter.in.rest.signature;

import ec.gob.iess.recauda.domain.access.SigningKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a request signed per RFC 9421 (HTTP Message Signatures) with a {@code Content-Digest} per RFC 9530, in the
 * one profile the ministry's batches use (issue 11; docs/ministry-integration.md):
 * <pre>
 * Content-Digest: sha-256=:&lt;base64 SHA-256 of the raw body&gt;:
 * Signature-Input: sig1=("@method" "@path" "content-digest");created=&lt;unix s&gt;;keyid="&lt;keyId&gt;";alg="ed25519"
 * Signature: sig1=:&lt;base64 Ed25519 signature of the signature base&gt;:
 * </pre>
 * The signature base (RFC 9421 §2.5) is one line per covered component, in the order Signature-Input lists them,
 * then {@code "@signature-params": } and the member's value exactly as received, joined by {@code \n} with no
 * trailing newline. The covered components must be exactly {@code @method}, {@code @path} and
 * {@code content-digest}, so the method, the path and the whole body are signed. Each refusal names its reason
 * ({@link SignatureRefusedException#kind()}); replays are checked by the caller, which keeps the signatures it saw.
 */
public final class HttpMessageSignatures {

    /** How far {@code created} may be from the service's clock, either way. */
    public static final Duration WINDOW = Duration.ofSeconds(300);
    static final Set<String> COVERED = Set.of("@method", "@path", "content-digest");
    private static final int MAX_HEADER_LENGTH = 1024;
    private static final Pattern LABEL = Pattern.compile("[a-z*][a-z0-9_.*-]{0,63}");
    private static final Pattern MEMBER = Pattern.compile("^(" + LABEL.pattern() + ")=(.*)$", Pattern.DOTALL);
    private static final Pattern INNER_LIST = Pattern.compile("^\\(((?:\"[^\"\\\\]*\"(?: \"[^\"\\\\]*\")*)?)\\)(.*)$",
            Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile(";([a-z*][a-z0-9_.*-]*)=(\"[^\"\\\\]*\"|-?[0-9]{1,15})");
    private static final Pattern BYTES = Pattern.compile("^:([A-Za-z0-9+/]*={0,2}):$");

    private HttpMessageSignatures() {
    }

    /** The parsed {@code Signature-Input} member: what it covers, its parameters, and its value as received. */
    public record SignatureInput(String label, List<String> components, long created, String keyId, String alg,
                                 String value) {
    }

    /**
     * The verified signature: the key that made it, the signature itself, and the SHA-256 of the body it covers (the
     * digest already checked against Content-Digest: the body's identity, without hashing it again).
     */
    public record Verified(SigningKey key, String label, byte[] signature, Instant created, byte[] bodySha256) {

        /** The SHA-256 of the signature's bytes: what identifies it against replays. */
        public byte[] signatureSha256() {
            return sha256(signature);
        }
    }

    /** The {@code Content-Digest} value of a body: {@code sha-256=:<base64>:}. */
    public static String contentDigest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /**
     * Verifies the request's signature headers against its method, path and raw body.
     *
     * @param keyOfClient the signing keys of the authenticated client, by key id (another client's keys never)
     * @throws SignatureRefusedException saying which check failed
     */
    public static Verified verify(String method, String path, byte[] body, String contentDigest,
                                  String signatureInput, String signature,
                                  Function<String, Optional<SigningKey>> keyOfClient, Instant now) {
        if (contentDigest == null || signatureInput == null || signature == null) {
            throw new SignatureRefusedException("signature-missing", "a signed request needs the headers"
                    + " Content-Digest, Signature-Input and Signature (RFC 9421, RFC 9530)");
        }
        byte[] bodySha256 = checkDigest(contentDigest, body);
        SignatureInput input = parseInput(signatureInput);
        byte[] signed = parseSignature(signature, input.label());
        if (!"ed25519".equals(input.alg())) {
            throw new SignatureRefusedException("signature-malformed", "Signature-Input must say alg=\"ed25519\"");
        }
        Instant created = Instant.ofEpochSecond(input.created());
        if (Duration.between(created, now).abs().compareTo(WINDOW) > 0) {
            throw new SignatureRefusedException("signature-stale", "the signature was created at " + created
                    + ", more than " + WINDOW.toSeconds() + " s from the service's clock (" + now + ")");
        }
        SigningKey key = keyOfClient.apply(input.keyId()).filter(SigningKey::isActive)
                .orElseThrow(() -> new SignatureRefusedException("signature-key-unknown", "no active signing key '"
                        + input.keyId() + "' is registered for this client"));
        byte[] base = signatureBase(method, path, contentDigest, input).getBytes(StandardCharsets.UTF_8);
        if (!key.verifies(base, signed)) {
            throw new SignatureRefusedException("signature-invalid", "the signature does not verify with key '"
                    + input.keyId() + "' over @method, @path and content-digest");
        }
        return new Verified(key, input.label(), signed, created, bodySha256);
    }

    /** The signature base of RFC 9421 §2.5 for this profile. */
    public static String signatureBase(String method, String path, String contentDigest, SignatureInput input) {
        StringBuilder base = new StringBuilder();
        for (String component : input.components()) {
            String value = switch (component) {
                case "@method" -> method;
                case "@path" -> path;
                case "content-digest" -> contentDigest.strip();
                default -> throw new IllegalArgumentException(component);
            };
            base.append('"').append(component).append("\": ").append(value).append('\n');
        }
        return base.append("\"@signature-params\": ").append(input.value()).toString();
    }

    /** Parses a {@code Signature-Input} header holding one signature of this profile. */
    public static SignatureInput parseInput(String header) {
        Matcher member = MEMBER.matcher(limited(header, "Signature-Input").strip());
        if (!member.matches()) {
            throw malformed("Signature-Input must be one member such as sig1=(\"@method\" \"@path\""
                    + " \"content-digest\");created=...;keyid=\"...\";alg=\"ed25519\"");
        }
        String value = member.group(2);
        Matcher list = INNER_LIST.matcher(value);
        if (!list.matches()) {
            throw malformed("Signature-Input's value must be an inner list of quoted component names");
        }
        List<String> components = new ArrayList<>();
        for (String item : list.group(1).isEmpty() ? new String[0] : list.group(1).split(" ")) {
            components.add(item.substring(1, item.length() - 1));
        }
        if (components.size() != COVERED.size() || !Set.copyOf(components).equals(COVERED)) {
            throw malformed("the signature must cover exactly \"@method\", \"@path\" and \"content-digest\"");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher p = PARAMETER.matcher(list.group(2));
        int at = 0;
        while (p.find() && p.start() == at) {
            if (parameters.put(p.group(1), p.group(2)) != null) {
                throw malformed("Signature-Input repeats the parameter " + p.group(1));
            }
            at = p.end();
        }
        if (at != list.group(2).length()) {
            throw malformed("Signature-Input's parameters must be ;name=\"text\" or ;name=integer");
        }
        String created = parameters.get("created");
        String keyId = parameters.get("keyid");
        String alg = parameters.get("alg");
        if (created == null || created.startsWith("\"") || keyId == null || !keyId.startsWith("\"") || alg == null
                || !alg.startsWith("\"")) {
            throw malformed("Signature-Input needs created=<unix seconds>, keyid=\"...\" and alg=\"ed25519\"");
        }
        return new SignatureInput(member.group(1), List.copyOf(components), Long.parseLong(created), unquote(keyId),
                unquote(alg), value);
    }

    private static byte[] parseSignature(String header, String label) {
        Matcher member = MEMBER.matcher(limited(header, "Signature").strip());
        if (!member.matches() || !member.group(1).equals(label)) {
            throw malformed("Signature must be one member with the label of Signature-Input (" + label + "=:...:)");
        }
        return bytes(member.group(2), "Signature");
    }

    /** Checks the Content-Digest against the body; returns the body's SHA-256. */
    private static byte[] checkDigest(String header, byte[] body) {
        byte[] expected = sha256(body);
        boolean sawSha256 = false;
        for (String member : limited(header, "Content-Digest").split(",")) {
            Matcher m = MEMBER.matcher(member.strip());
            if (!m.matches()) {
                throw malformed("Content-Digest must be sha-256=:<base64 of the SHA-256 of the body>:");
            }
            if (m.group(1).equals("sha-256")) {
                sawSha256 = true;
                if (!MessageDigest.isEqual(expected, bytes(m.group(2), "Content-Digest"))) {
                    throw new SignatureRefusedException("digest-mismatch", "Content-Digest does not match the body"
                            + " received (its SHA-256 is sha-256=:" + Base64.getEncoder().encodeToString(expected)
                            + ":)");
                }
            }
        }
        if (!sawSha256) {
            throw malformed("Content-Digest must include sha-256");
        }
        return expected;
    }

    private static byte[] bytes(String value, String header) {
        Matcher m = BYTES.matcher(value);
        if (!m.matches()) {
            throw malformed(header + " must hold a byte sequence, :<base64>:");
        }
        try {
            return Base64.getDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw malformed(header + " holds invalid base64");
        }
    }

    private static String limited(String header, String name) {
        if (header.length() > MAX_HEADER_LENGTH) {
            throw malformed(name + " is longer than " + MAX_HEADER_LENGTH + " characters");
        }
        return header;
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private static SignatureRefusedException malformed(String message) {
        return new SignatureRefusedException("signature-malformed", message);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
