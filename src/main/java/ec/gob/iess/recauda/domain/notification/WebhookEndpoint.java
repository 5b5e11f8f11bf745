package ec.gob.iess.recauda.domain.notification;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an employer receives its notifications (issue 12 §4): an HTTPS URL, and the secret the service signs each
 * delivery with (HMAC-SHA256 over the timestamp and the body). The service makes the secret and shows it once, when
 * the endpoint is set; setting it again makes a new one. It is kept as it is, because signing needs it (an API key,
 * which is only verified, is kept as a hash instead).
 */
public record WebhookEndpoint(DebtorId debtorId, URI url, String secret, Instant createdAt, String createdBy) {

    public static final int MAX_URL_LENGTH = 500;

    public WebhookEndpoint {
        Objects.requireNonNull(debtorId);
        Objects.requireNonNull(url);
        Objects.requireNonNull(secret);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(createdBy);
    }

    /**
     * Checks a URL sent for an endpoint: absolute, {@code https} ({@code http} only where {@code allowHttp}, for
     * tests and local development), with a host, no user name or password, no fragment, at most
     * {@value #MAX_URL_LENGTH} characters.
     */
    public static URI parseUrl(String raw, boolean allowHttp) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_URL_LENGTH) {
            throw invalid("is required: an https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid("is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw invalid("must be an https URL");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw invalid("must name a host, and no user, password or fragment");
        }
        return url;
    }

    private static InvalidValueException invalid(String rule) {
        return new InvalidValueException("validation-error", rule).atField("url");
    }
}
