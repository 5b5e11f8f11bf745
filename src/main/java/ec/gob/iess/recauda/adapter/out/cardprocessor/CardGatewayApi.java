package ec.gob.iess.recauda.adapter.out.cardprocessor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The card gateway's HTTP API as this service uses it (docs/card-debit.md, "The HTTP gateway"): a charge is created
 * with an idempotency key (header and body), and read back by that key. Bodies are JSON, written and read by
 * {@link HttpCardProcessor} itself; every answer comes back as a {@link Response}, whatever its status.
 */
@Path("/v1/charges")
public interface CardGatewayApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response charge(@HeaderParam("Authorization") String authorization,
                    @HeaderParam("Idempotency-Key") String idempotencyKey, String body);

    @GET
    @Path("/{idempotencyKey}")
    @Produces(MediaType.APPLICATION_JSON)
    Response status(@HeaderParam("Authorization") String authorization,
                    @PathParam("idempotencyKey") String idempotencyKey);
}
