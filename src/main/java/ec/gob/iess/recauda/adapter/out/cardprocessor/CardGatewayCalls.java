package ec.gob.iess.recauda.adapter.out.cardprocessor;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The calls to the card gateway, each bounded by the REST client's connect and read time-outs
 * ({@code recauda.card-debit.http.connect-timeout}, {@code .read-timeout}) and by SmallRye Fault Tolerance: a hard
 * time-out, one circuit breaker for the gateway (it opens when half of the last four calls failed, and lets one call
 * through after {@code delay}), and one retry of a failed call, which carries the same idempotency key (the same
 * request, sent again), so the gateway charges it at most once. A failure is a {@link GatewayUnavailable}: no
 * connection, no answer in time, or a 5xx; any other answer, a decline or a 404 included, is the gateway's answer.
 */
@ApplicationScoped
public class CardGatewayCalls {

    /** What the gateway answered: its status and body. */
    public record Reply(int status, String body) {
    }

    /** The gateway could not be reached or failed (5xx); the outcome of a charge is unknown. */
    public static final class GatewayUnavailable extends RuntimeException {
        GatewayUnavailable(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    private final Optional<URI> baseUrl;
    private final Optional<String> apiKey;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private volatile CardGatewayApi client;

    public CardGatewayCalls(@ConfigProperty(name = "recauda.card-debit.http.base-url") Optional<URI> baseUrl,
                            @ConfigProperty(name = "recauda.card-debit.http.api-key") Optional<String> apiKey,
                            @ConfigProperty(name = "recauda.card-debit.http.connect-timeout", defaultValue = "2s")
                            Duration connectTimeout,
                            @ConfigProperty(name = "recauda.card-debit.http.read-timeout", defaultValue = "10s")
                            Duration readTimeout) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Whether a gateway is configured: its base URL and its API key. */
    boolean configured() {
        return baseUrl.isPresent() && apiKey.filter(k -> !k.isBlank()).isPresent();
    }

    /**
     * Sends a charge ({@code chargeBody}, its JSON) or, with {@code chargeBody} null, asks for the status of the
     * charge of {@code idempotencyKey}. One method, so one circuit breaker guards the gateway for both.
     */
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, failOn = {GatewayUnavailable.class, TimeoutException.class})
    @Retry(maxRetries = 1, delay = 200, jitter = 100, retryOn = {GatewayUnavailable.class, TimeoutException.class},
            abortOn = CircuitBreakerOpenException.class)
    public Reply send(String idempotencyKey, String chargeBody) {
        return call(() -> chargeBody == null ? client().status(authorization(), idempotencyKey)
                : client().charge(authorization(), idempotencyKey, chargeBody));
    }

    private interface Call {
        Response send();
    }

    private static Reply call(Call call) {
        Response response;
        try {
            response = call.send();
        } catch (RuntimeException e) {
            // No connection, a time-out, a dropped connection: nothing is known of what the gateway did.
            throw new GatewayUnavailable(e.getClass().getSimpleName(), e);
        }
        try (response) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status >= 500) {
                throw new GatewayUnavailable("http-" + status, null);
            }
            return new Reply(status, body);
        } catch (GatewayUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            // The answer was cut off while it was read.
            throw new GatewayUnavailable(e.getClass().getSimpleName(), e);
        }
    }

    private String authorization() {
        return "Bearer " + apiKey.orElseThrow();
    }

    private CardGatewayApi client() {
        CardGatewayApi c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(baseUrl.orElseThrow(() -> new IllegalStateException(
                                    "recauda.card-debit.http.base-url is not set")))
                            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .property("microprofile.rest.client.disable.default.mapper", true)
                            .build(CardGatewayApi.class);
                }
                c = client;
            }
        }
        return c;
    }
}
