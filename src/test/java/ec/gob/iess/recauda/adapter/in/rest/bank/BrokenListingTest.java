package ec.gob.iess.recauda.adapter.in.rest.bank;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A listing whose reading fails after its answer began (the database gone half-way through a long day) is cut off:
 * the connection breaks before the answer's end, so a client never takes the part it got for the whole day. Left to
 * the framework, 9 of 20 such answers ended properly, with the problem's JSON appended to the CSV (see
 * {@code StreamedAnswer}).
 */
@QuarkusTest
class BrokenListingTest {

    private static final int TRIES = 20;

    @TestHTTPResource("/test-only/broken-listing")
    URI listing;

    @Test
    void a_listing_that_fails_half_way_breaks_the_connection_every_time_instead_of_ending_the_answer() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(listing + "?rows=20000"))
                .header("Accept", "text/csv").build();

        for (int i = 0; i < TRIES; i++) {
            Throwable thrown = catchThrowable(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));

            assertThat(thrown).as("try %d", i).isInstanceOf(IOException.class);
        }
    }
}
