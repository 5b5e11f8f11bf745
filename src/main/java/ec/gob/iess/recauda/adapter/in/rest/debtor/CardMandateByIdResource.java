package ec.gob.iess.recauda.adapter.in.rest.debtor;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.debtor.CardMandateResource.MandateJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageCardMandatesUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One card mandate by its id: read and cancelled by staff or the debtor's EMPLOYER key (issue 12). */
@Path("/api/v1/card-mandates/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card debit")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class CardMandateByIdResource {

    private final ManageCardMandatesUseCase mandates;
    private final CallContext context;

    public CardMandateByIdResource(ManageCardMandatesUseCase mandates, CallContext context) {
        this.mandates = mandates;
        this.context = context;
    }

    @GET
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "getCardMandate",
            summary = "A card mandate",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor's mandates (another's is a 404).")
    @APIResponse(responseCode = "200", description = "The mandate",
            content = @Content(schema = @Schema(implementation = MandateJson.class)))
    @APIResponse(responseCode = "404", description = "No such mandate visible to this client (mandate-not-found)")
    public MandateJson get(@Parameter(description = "Mandate id (UUID)") @PathParam("id") String id) {
        return MandateJson.from(mandates.get(context.caller(), Params.uuid("id", id)));
    }

    @DELETE
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "cancelCardMandate",
            summary = "Cancel a card mandate",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor's mandates (another's is a 404). Nothing is charged to it afterwards; a charge already"
                    + " sent keeps its outcome. Cancelling a cancelled mandate answers the same. Audited.")
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(schema = @Schema(implementation = MandateJson.class)))
    @APIResponse(responseCode = "404", description = "No such mandate visible to this client (mandate-not-found)")
    public MandateJson cancel(@Parameter(description = "Mandate id (UUID)") @PathParam("id") String id) {
        return MandateJson.from(mandates.cancel(context.caller(), Params.uuid("id", id)));
    }
}
