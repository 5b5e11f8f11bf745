package ec.gob.iess.recauda.adapter.in.rest.debtor;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ObligationJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.staff.ObligationAdminResource;
import ec.gob.iess.recauda.application.port.in.QueryObligationsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One obligation, for staff and for the employer software of its debtor. */
@Path("/api/v1/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Obligations")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class ObligationResource {

    private final QueryObligationsUseCase queries;
    private final CallContext context;

    public ObligationResource(QueryObligationsUseCase queries, CallContext context) {
        this.queries = queries;
        this.context = context;
    }

    @GET
    @Path("/{id}")
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "getObligation",
            summary = "Read an obligation",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for an"
                    + " obligation of its own debtor (any other is"
                    + " a 404, as if it did not exist). The ETag header carries the version for `If-Match`.")
    @APIResponse(responseCode = "200", description = "The obligation",
            content = @Content(schema = @Schema(implementation = ObligationJson.class)))
    @APIResponse(responseCode = "404", description = "No such obligation visible to this client")
    public Response get(@PathParam("id") String id) {
        Obligation obligation = queries.get(context.caller(), Params.obligationId(id));
        return Response.ok(ObligationJson.from(obligation)).tag(ObligationAdminResource.etag(obligation)).build();
    }
}
