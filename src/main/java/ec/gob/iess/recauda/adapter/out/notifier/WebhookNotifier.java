package ec.gob.iess.recauda.adapter.out.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.Notifier;
import ec.gob.iess.recauda.domain.notification.Notification;
import ec.gob.iess.recauda.domain.notification.NotificationRules;
import ec.gob.iess.recauda.domain.notification.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers a notification to the employer's webhook ({@code recauda.notifications.notifier=webhook}; docs/card-debit.md,
 * "Notifications"): an HTTP POST of the JSON event, signed as Stripe and GitHub sign theirs. The header
 * {@code Recauda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>} lets
 * the receiver check the body and refuse an old one; {@code Recauda-Notification-Id} lets it drop a repeat (delivery is
 * at least once). Any 2xx is delivered; anything else is tried again on the retry schedule. The URL's host must not be
 * a loopback, private or link-local address (unless {@code recauda.notifications.allow-insecure-urls}): the service
 * does not post into its own network for whoever sets a URL.
 */
@ApplicationScoped
@Typed(WebhookNotifier.class)
public class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NotificationRules rules;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookNotifier(NotificationRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public String deliver(Notification n, Optional<WebhookEndpoint> endpoint) {
        if (endpoint.isEmpty()) {
            return "no-webhook";
        }
        WebhookEndpoint to = endpoint.get();
        try {
            if (!rules.allowInsecureUrls() && !isPublic(to.url().getHost())) {
                return "address-not-allowed";
            }
            String body = body(n);
            long t = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(to.url()).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Recauda-Webhooks/1")
                    .header("Recauda-Notification-Id", n.id().toString())
                    .header("Recauda-Signature", "t=" + t + ",v1=" + sign(to.secret(), t + "." + body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "http-" + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** The event as the receiver reads it. */
    static String body(Notification n) throws JsonProcessingException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", n.id().toString());
        event.put("type", n.type().wireName());
        event.put("createdAt", n.createdAt().toString());
        event.put("data", n.data());
        return JSON.writeValueAsString(event);
    }

    /** The hex HMAC-SHA256 of {@code payload} with {@code secret}. */
    static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPublic(String host) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || isUniqueLocal(a)) {
                return false;
            }
        }
        return true;
    }

    /** IPv6 unique local addresses (fc00::/7), private as 10/8 is. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
