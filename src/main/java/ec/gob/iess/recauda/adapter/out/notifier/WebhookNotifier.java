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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers a notification to the employer's webhook ({@code recauda.notifications.notifier=webhook};
 * docs/card-debit.md,
 * "Notifications"): an HTTP POST of the JSON event, signed as Stripe and GitHub sign theirs. The header
 * {@code Recauda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint's secret>} lets
 * the receiver check the body and refuse an old one; {@code Recauda-Notification-Id} lets it drop a repeat (delivery is
 * at least once). Any 2xx is delivered; anything else is tried again on the retry schedule. The URL's host must not
 * resolve to a loopback, private, link-local, unique-local, carrier-grade NAT, "this network" or NAT64 address
 * (unless {@code recauda.notifications.allow-insecure-urls}), checked before each delivery: the service does not post
 * into its own network for whoever sets a URL.
 */
@ApplicationScoped
@Typed(WebhookNotifier.class)
public class WebhookNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole delivery, answer included: a receiver that sends its answer slowly cannot hold the deliveries. */
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
            CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(request,
                    HttpResponse.BodyHandlers.discarding());
            try {
                int status = sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
                return status >= 200 && status < 300 ? null : "http-" + status;
            } catch (TimeoutException e) {
                sent.cancel(true);
                return "timeout";
            } catch (ExecutionException e) {
                return e.getCause() == null ? "ExecutionException" : e.getCause().getClass().getSimpleName();
            }
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

    static boolean isPublic(String host) throws UnknownHostException {
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || isUniqueLocal(a) || isReservedV4(a) || isNat64(a)) {
                return false;
            }
        }
        return true;
    }

    /** 0.0.0.0/8 ("this network") and 100.64.0.0/10 (carrier-grade NAT, where some clouds put their metadata). */
    private static boolean isReservedV4(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] == 0 || (b[0] == 100 && (b[1] & 0xc0) == 64));
    }

    /** 64:ff9b::/96, the NAT64 prefix that reaches any IPv4 address, private ones included. */
    private static boolean isNat64(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    }

    /** IPv6 unique local addresses (fc00::/7), private as 10/8 is. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
