package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageApiClientsUseCase;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/** Staff register the API clients of banks, employers' software, the Ministry and staff front-ends. */
@Path("/api/v1/admin/api-clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API clients")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class ApiClientResource {

    /** What staff send to register a client. */
    @Schema(name = "RegisterApiClientRequest")
    public record RegisterRequest(
            @NotBlank @Size(max = 100) @Schema(example = "Banco del Pichincha - recaudación en línea") String name,
            @NotNull Role role,
            @Schema(description = "The financial entity code for BANK, the debtor id for EMPLOYER, the payer id for"
                    + " MINISTRY; absent for STAFF", example = "PICHINCHA") String scope) {
    }

    /** A client as listed: never its key. */
    @Schema(name = "ApiClient")
    public record ClientJson(String id, String name, Role role, String scope,
                             @Schema(description = "The first characters of the key, to tell keys apart",
                                     example = "rk_Xq3v9LmA") String keyPrefix,
                             Instant createdAt, String createdBy, Instant revokedAt, boolean active) {
        static ClientJson from(ApiClient c) {
            return new ClientJson(c.id().toString(), c.name(), c.role(), c.scope(), c.keyPrefix(), c.createdAt(),
                    c.createdBy(), c.revokedAt(), c.isActive());
        }
    }

    /** A client just registered, with its key: the only answer that ever shows it. */
    @Schema(name = "IssuedApiClient")
    public record IssuedJson(String id, String name, Role role, String scope,
                             @Schema(description = "Shown only in this answer; store it safely",
                                     example = "rk_Xq3v9LmAe0mS1uE2ZbqkQ3uYt5Wc8dHf4nJ6pR7sT1w") String apiKey,
                             Instant createdAt) {
    }

    private final ManageApiClientsUseCase clients;
    private final CallContext context;

    public ApiClientResource(ManageApiClientsUseCase clients, CallContext context) {
        this.clients = clients;
        this.context = context;
    }

    @POST
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "registerApiClient",
            summary = "Register an API client and issue its key",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. The key is returned"
                    + " once, in this answer; only its SHA-256 is"
                    + " stored.")
    @APIResponse(responseCode = "201", description = "Registered; the answer carries the key",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    schema = @Schema(implementation = IssuedJson.class)))
    @APIResponse(responseCode = "422", description = "A BANK client for an entity that is not registered"
            + " (unknown-financial-entity)")
    public Response register(@Valid @NotNull RegisterRequest body) {
        ManageApiClientsUseCase.IssuedClient issued = clients.register(context.caller(), body.name(), body.role(),
                body.scope());
        ApiClient c = issued.client();
        return Response.status(Response.Status.CREATED)
                .entity(new IssuedJson(c.id().toString(), c.name(), c.role(), c.scope(), issued.apiKey(),
                        c.createdAt()))
                .build();
    }

    @GET
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listApiClients",
            summary = "List API clients, a page at a time",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. Keys are never shown."
                    + " Oldest first (registration instant, then id), revoked clients included; 50 to a page unless"
                    + " `size` says otherwise (at most 500), and `totalItems` counts them all. A client registered"
                    + " while the pages are read comes after them.")
    @APIResponse(responseCode = "200", description = "One page of clients, oldest first")
    public ListJson<ClientJson> list(@BeanParam PageParams paging) {
        return ListJson.of(clients.list(context.caller(), paging.request()), ClientJson::from);
    }

    @DELETE
    @Path("/{id}")
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "revokeApiClient",
            summary = "Revoke an API client's key at once",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. Idempotent:"
                    + " revoking a revoked client answers the same.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such client")
    public Response revoke(@PathParam("id") String id) {
        clients.revoke(context.caller(), Params.uuid("id", id));
        return Response.noContent().build();
    }
}
