package ec.gob.iess.recauda.adapter.in.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Refuses a request whose URL or headers are too large with a problem+json 414 or 431, like every other error, and
 * a query string that breaks {@link QueryStringRules} with a 400 naming the parameter. The
 * HTTP server's own codec limits ({@code quarkus.http.limits.max-initial-line-length} and {@code .max-header-size})
 * are set well above these, so that the service, not the codec, answers every ordinary excess; only beyond the
 * codec's limits does the connection get the server's bare 414/431. (A request line that is not valid HTTP at all,
 * such as a query with the broken escape {@code %zz}, is refused by the codec too: a bare 400, connection closed.)
 */
@ApplicationScoped
public class RequestLimitsFilter {

    private final ObjectMapper json;
    private final int maxUrlLength;
    private final int maxHeaderBytes;

    public RequestLimitsFilter(ObjectMapper json,
                               @ConfigProperty(name = "recauda.http.max-url-length") int maxUrlLength,
                               @ConfigProperty(name = "recauda.http.max-header-bytes") int maxHeaderBytes) {
        this.json = json;
        this.maxUrlLength = maxUrlLength;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 2000);
    }

    private void check(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri != null && uri.length() > maxUrlLength) {
            RouteProblems.send(rc, json, 414, "uri-too-long", "the URL has " + uri.length()
                    + " characters; at most " + maxUrlLength + " are accepted");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4L;
        }
        if (headerBytes > maxHeaderBytes) {
            RouteProblems.send(rc, json, 431, "headers-too-large", "the request headers take " + headerBytes
                    + " bytes; at most " + maxHeaderBytes + " are accepted");
            return;
        }
        int query = uri == null ? -1 : uri.indexOf('?');
        if (query >= 0) {
            try {
                QueryStringRules.check(uri.substring(query + 1));
            } catch (InvalidValueException e) {
                RouteProblems.sendInvalid(rc, json, e);
                return;
            }
        }
        rc.next();
    }
}
