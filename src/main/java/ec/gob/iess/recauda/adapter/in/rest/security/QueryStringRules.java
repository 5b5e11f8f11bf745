package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.adapter.in.rest.strict.StrictJsonModule;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The query string by the same rule as bodies, for every endpoint: each parameter at most once (JAX-RS would
 * silently take the first of {@code reference=a&reference=b}), percent-encoding that decodes to UTF-8, and no
 * control character or unpaired surrogate in a name or value. A breach is a 400 naming the parameter.
 */
final class QueryStringRules {

    private QueryStringRules() {
    }

    /**
     * Checks a raw query string (without the {@code ?}).
     *
     * @throws InvalidValueException naming the parameter that breaks a rule
     */
    static void check(String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            String problem = StrictJsonModule.textProblem(name, false);
            if (problem != null) {
                throw new InvalidValueException("validation-error", "a parameter name " + problem).atField("query");
            }
            if (!seen.add(name)) {
                throw new InvalidValueException("validation-error", "is given more than once; give it once")
                        .atField(name);
            }
            problem = StrictJsonModule.textProblem(value, false);
            if (problem != null) {
                throw new InvalidValueException("validation-error", problem).atField(name);
            }
        }
    }

    /** Percent-decoding that refuses a malformed escape or bytes that are not UTF-8 instead of guessing. */
    static String decode(String raw, String field) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw malformed(field);
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                throw malformed(field);
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field);
        }
    }

    private static InvalidValueException malformed(String field) {
        return new InvalidValueException("validation-error", "is not valid percent-encoded UTF-8").atField(field);
    }
}
