package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageFinancialEntitiesUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;

/** Staff onboard partner entities (banks, cooperatives, payment networks) as data. */
@Path("/api/v1/admin/financial-entities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Financial entities")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class FinancialEntityResource {

    /** A new partner entity. */
    @Schema(name = "RegisterFinancialEntityRequest")
    public record RegisterRequest(
            @NotBlank @Schema(description = "2-20 uppercase letters, digits or dashes", example = "SAN-FRANCISCO")
            String code,
            @NotBlank @Schema(maxLength = FinancialEntity.MAX_NAME_LENGTH,
                    example = "Cooperativa de Ahorro y Crédito San Francisco") String name,
            @NotNull FinancialEntityType type,
            @NotNull @Schema(description = "Local time (Guayaquil) after which payments count for the next day",
                    example = "17:00", pattern = "^[0-2][0-9]:[0-5][0-9]$") String cutoffTime) {
    }

    /** What staff may change. */
    @Schema(name = "ChangeFinancialEntityRequest")
    public record ChangeRequest(@Schema(description = "false locks the entity's keys out of the channel at once")
                                Boolean active,
                                @Schema(example = "18:00", pattern = "^[0-2][0-9]:[0-5][0-9]$") String cutoffTime) {
    }

    /** A partner entity. */
    @Schema(name = "FinancialEntity")
    public record EntityJson(String code, String name, FinancialEntityType type,
                             @Schema(example = "17:00") String cutoffTime, boolean active, Instant createdAt,
                             Instant updatedAt) {
        static EntityJson from(FinancialEntity e) {
            return new EntityJson(e.code(), e.name(), e.type(), e.cutoffText(), e.active(), e.createdAt(),
                    e.updatedAt());
        }
    }

    private final ManageFinancialEntitiesUseCase entities;
    private final CallContext context;

    public FinancialEntityResource(ManageFinancialEntitiesUseCase entities, CallContext context) {
        this.entities = entities;
        this.context = context;
    }

    @POST
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "registerFinancialEntity",
            summary = "Onboard a partner entity",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. Then register an"
                    + " API client with role BANK and this code as"
                    + " scope: that is the whole onboarding.")
    @APIResponse(responseCode = "201", description = "Registered, active",
            content = @Content(schema = @Schema(implementation = EntityJson.class)))
    @APIResponse(responseCode = "409", description = "The code is taken (entity-exists)")
    public Response register(@Valid @NotNull RegisterRequest body) {
        Fields fields = new Fields();
        LocalTime cutoff = fields.read("cutoffTime", () -> FinancialEntity.parseCutoff(body.cutoffTime()));
        fields.check();
        FinancialEntity entity = entities.register(context.caller(), body.code(), body.name(), body.type(), cutoff);
        return Response.created(URI.create("/api/v1/admin/financial-entities/" + entity.code()))
                .entity(EntityJson.from(entity)).build();
    }

    @GET
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listFinancialEntities",
            summary = "List partner entities, a page at a time",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. Oldest first"
                    + " (registration instant, then code), inactive ones included; 50 to a page unless `size` says"
                    + " otherwise (at most 500), and `totalItems` counts them all. An entity registered while the"
                    + " pages are read comes after them.")
    @APIResponse(responseCode = "200", description = "One page of entities, oldest first")
    public ListJson<EntityJson> list(@BeanParam PageParams paging) {
        return ListJson.of(entities.list(context.caller(), paging.request()), EntityJson::from);
    }

    @PATCH
    @Path("/{code}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "changeFinancialEntity",
            summary = "Activate or deactivate an entity, or move its cut-off",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. An inactive"
                    + " entity's keys get 403 on every channel operation.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = EntityJson.class)))
    @APIResponse(responseCode = "404", description = "No such entity (financial-entity-not-found)")
    public EntityJson change(@PathParam("code") String code, @Valid @NotNull ChangeRequest body) {
        Fields fields = new Fields();
        LocalTime cutoff = fields.readOptional("cutoffTime", body.cutoffTime(),
                () -> FinancialEntity.parseCutoff(body.cutoffTime()));
        fields.check();
        return EntityJson.from(entities.change(context.caller(), code, body.active(), cutoff));
    }
}
