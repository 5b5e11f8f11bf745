package ec.gob.iess.recauda.adapter.in.rest.bank;

import ec.gob.iess.recauda.adapter.in.rest.StreamedAnswer;
import ec.gob.iess.recauda.adapter.in.rest.security.PublicEndpoint;
import ec.gob.iess.recauda.domain.payment.PaymentOfDay;
import ec.gob.iess.recauda.domain.payment.PaymentStatus;
import ec.gob.iess.recauda.domain.shared.Money;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Test only: a day's CSV whose reading fails after {@code rows} payments were written, as when the database goes away
 * in the middle of a long day. Not part of the API: hidden from the contract.
 */
@Path("/test-only/broken-listing")
public class BrokenListingResource {

    @GET
    @Produces(DailyPaymentsCsv.MEDIA_TYPE)
    @PublicEndpoint
    @Operation(hidden = true)
    public Response csv(@QueryParam("rows") int rows, @Context HttpServerRequest request) {
        Consumer<Consumer<PaymentOfDay>> failing = sink -> {
            Instant at = Instant.parse("2024-06-10T15:00:00Z");
            for (int i = 0; i < rows; i++) {
                sink.accept(new PaymentOfDay(UUID.randomUUID(), "TX-" + i, "1000000000000000", Money.of("1.00"),
                        PaymentStatus.APPLIED, at, at));
            }
            throw new IllegalStateException("the database went away");
        };
        StreamingOutput body = StreamedAnswer.breakingOnFailure(request, out -> DailyPaymentsCsv.write(failing, out));
        return Response.ok(body, DailyPaymentsCsv.CONTENT_TYPE).build();
    }
}
