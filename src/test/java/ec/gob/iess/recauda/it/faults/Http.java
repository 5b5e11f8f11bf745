package ec.gob.iess.recauda.it.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain HTTP/1.1 client for the fault suite: every call has a timeout, so no test thread waits forever. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> send(int port, String method, String path, String key, String body, Duration timeout)
            throws IOException, InterruptedException {
        return send(port, method, path, key, body, Map.of(), timeout);
    }

    /** The same, with more headers (a signed batch's). */
    static HttpResponse<String> send(int port, String method, String path, String key, String body,
                                     Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path, String key, Duration timeout)
            throws IOException, InterruptedException {
        return send(port, "GET", path, key, null, timeout);
    }

    /** Sends and checks the status, for the set-up calls that must succeed. */
    static String expect(int status, int port, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(port, method, path, key, body, Duration.ofSeconds(60));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }

    /** A string field of a JSON body (the first with that name). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
