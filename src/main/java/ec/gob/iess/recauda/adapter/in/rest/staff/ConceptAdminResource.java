package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.ConceptJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageConceptsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff keep the catalogue of miscellaneous concepts. */
@Path("/api/v1/admin/concepts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Concepts")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
@Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
public class ConceptAdminResource {

    /** A new concept. */
    @Schema(name = "CreateConceptRequest")
    public record CreateRequest(
            @Schema(description = "2-20 uppercase letters, digits, dashes or underscores", example = "RENT") String code,
            @Schema(maxLength = Concept.MAX_NAME_LENGTH, example = "Arriendo de locales comerciales") String name,
            @Schema(type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN,
                    description = "Absent: the payer states the amount. "
                    + Amounts.INPUT_DESCRIPTION, example = "450.00") String fixedAmount) {
    }

    private final ManageConceptsUseCase concepts;
    private final CallContext context;

    public ConceptAdminResource(ManageConceptsUseCase concepts, CallContext context) {
        this.concepts = concepts;
        this.context = context;
    }

    @POST
    @Operation(operationId = "createConcept",
            summary = "Create a miscellaneous concept", description = "**Who may call:** staff from OPERATOR up"
                    + " (people) and STAFF keys.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ConceptJson.class)))
    @APIResponse(responseCode = "409", description = "The code is taken (concept-exists)")
    public Response create(@Valid @NotNull CreateRequest body) {
        Fields fields = new Fields();
        Money fixed = fields.readOptional("fixedAmount", body.fixedAmount(), () -> Money.parseAmount(body.fixedAmount()));
        Concept concept = fields.read("code", () -> new Concept(body.code(), body.name(), fixed));
        fields.check();
        return Response.status(Response.Status.CREATED)
                .entity(ConceptJson.from(concepts.create(context.caller(), concept))).build();
    }
}
