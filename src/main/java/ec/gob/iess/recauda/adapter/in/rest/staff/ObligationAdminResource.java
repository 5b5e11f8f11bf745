package ec.gob.iess.recauda.adapter.in.rest.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ObligationJson;
import ec.gob.iess.recauda.adapter.in.rest.json.RegisterObligationJson;
import ec.gob.iess.recauda.adapter.in.rest.problem.Problem;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemException;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemFactory;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.strict.InvalidFieldsException;
import ec.gob.iess.recauda.adapter.in.rest.strict.MultiLine;
import ec.gob.iess.recauda.adapter.in.rest.strict.StrictJsonModule;
import ec.gob.iess.recauda.application.port.in.ChangeObligationUseCase;
import ec.gob.iess.recauda.application.port.in.RegisterObligationUseCase;
import ec.gob.iess.recauda.application.port.in.RegisterObligationsInBulkUseCase.Item;
import ec.gob.iess.recauda.application.port.in.RegisterObligationsInBulkUseCase.ItemResult;
import ec.gob.iess.recauda.application.port.in.RegisterObligationsInBulkUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.DomainException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Staff register obligations (one or in bulk), move their stage forward and cancel them. */
@Path("/api/v1/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Obligations")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
@Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
public class ObligationAdminResource {

    /** Up to 10,000 obligations. */
    @Schema(name = "BulkRegisterObligationsRequest")
    public record BulkRequest(@NotNull @Size(min = 1, max = RegisterObligationsInBulkUseCase.MAX_ITEMS)
                              @Schema(type = SchemaType.ARRAY, implementation = RegisterObligationJson.class)
                              List<JsonNode> items) {
    }

    /** The result of each item, in request order: an id, or an error. */
    @Schema(name = "BulkRegisterObligationsResponse")
    public record BulkResponse(List<BulkResult> results) {
    }

    /** One item's result. */
    @Schema(name = "BulkRegisterObligationsResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BulkResult(@Schema(required = true) int index, @Schema(format = "uuid") String id,
                             Problem.ItemProblem error) {
    }

    /** A change: move the stage forward, or cancel with a reason. */
    @Schema(name = "ChangeObligationRequest")
    public record ChangeRequest(
            @Schema(description = "The new stage; forward only: REGULAR → GLOSA → CREDIT_TITLE → ENFORCEMENT")
            ObligationStage stage,
            @Schema(description = "Only CANCELLED may be set, with a reason") ObligationStatus status,
            @Size(max = 500) @Schema(description = "Why it is cancelled (required with status CANCELLED)")
            @MultiLine String reason) {
    }

    private final RegisterObligationUseCase register;
    private final RegisterObligationsInBulkUseCase bulk;
    private final ChangeObligationUseCase change;
    private final CallContext context;
    private final Validator validator;
    private final ObjectMapper mapper;

    public ObligationAdminResource(RegisterObligationUseCase register, RegisterObligationsInBulkUseCase bulk,
                                   ChangeObligationUseCase change, CallContext context, Validator validator,
                                   ObjectMapper mapper) {
        this.mapper = mapper;
        this.register = register;
        this.bulk = bulk;
        this.change = change;
        this.context = context;
        this.validator = validator;
    }

    @POST
    @Operation(operationId = "registerObligation",
            summary = "Register an obligation", description = "**Who may call:** staff from OPERATOR up (people)"
                    + " and STAFF keys.")
    @APIResponse(responseCode = "201", description = "Registered; Location and ETag point at it",
            content = @Content(schema = @Schema(implementation = ObligationJson.class)))
    @APIResponse(responseCode = "409", description = "The external reference is already used (duplicate-external-reference)")
    public Response register(@Valid @NotNull RegisterObligationJson body) {
        Obligation created = register.register(context.caller(), body.toNewObligation());
        return Response.created(URI.create("/api/v1/obligations/" + created.id()))
                .tag(etag(created))
                .entity(ObligationJson.from(created))
                .build();
    }

    @POST
    @Path("/bulk")
    @Operation(operationId = "registerObligationsInBulk",
            summary = "Register up to 10,000 obligations",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. Bodies up to 10 MiB.\n\n"
                    + "Without `atomic` (or with `atomic=false`) valid items are stored even when others fail, and the"
                    + " answer is a 200 whose `results` has one entry per item in request order: `{index, id}` for a"
                    + " stored item, `{index, error}` (a problem) for a failed one.\n\n"
                    + "With `atomic=true`, if any item fails nothing is stored and the answer is not the 200 above but"
                    + " a **422 `bulk-rejected` problem** whose `results` lists **only the failed items**, each"
                    + " `{index, error}`; if every item is valid all are stored and the answer is the 200.\n\n"
                    + "`atomic` must be exactly `true` or `false`, given once; any other value (`1`, `yes`, `TRUE`,"
                    + " empty) is a 400 `validation-error` naming `atomic`, and nothing is stored.")
    @APIResponse(responseCode = "200", description = "Every item has its result (with atomic=true: every item was"
            + " valid and all were stored)",
            content = @Content(schema = @Schema(implementation = BulkResponse.class)))
    @APIResponse(responseCode = "422", description = "atomic=true and at least one item failed (bulk-rejected):"
            + " nothing was stored; the problem's `results` lists only the failed items, each {index, error}")
    public BulkResponse registerAll(@Valid @NotNull BulkRequest body,
                                    @Parameter(description = "`true`: store nothing if any item fails; `false` (the"
                                            + " default): store the valid items. No other value is accepted.",
                                            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                                    @QueryParam("atomic") String atomicParam, @Context UriInfo uri) {
        // atomicParam documents the parameter; the value is read from the raw query, because JAX-RS hands a bare
        // "atomic=" over as absent and a repeated parameter as its first value.
        boolean atomic = Params.strictFlag("atomic", Params.queryValues(uri.getRequestUri().getRawQuery(), "atomic"));
        List<Item> items = new ArrayList<>(body.items().size());
        for (int i = 0; i < body.items().size(); i++) {
            items.add(readItem(i, body.items().get(i)));
        }
        RegisterObligationsInBulkUseCase.Outcome outcome = bulk.registerAll(context.caller(), items, atomic);
        if (atomic && !outcome.stored() && outcome.failures() > 0) {
            List<Problem.BulkError> failed = outcome.results().stream()
                    .map(r -> new Problem.BulkError(r.index(),
                            Problem.ItemProblem.of(ProblemFactory.from(r.error(), null, null))))
                    .toList();
            throw new ProblemException(422, "bulk-rejected", outcome.failures() + " of " + items.size()
                    + " items failed; nothing was stored", Map.of(), failed);
        }
        return new BulkResponse(outcome.results().stream().map(ObligationAdminResource::toJson).toList());
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "changeObligation",
            summary = "Move an obligation's stage forward, or cancel it",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. Send `If-Match`"
                    + " with the obligation's ETag; a stale one is"
                    + " refused with 412, a missing one with 428. Send either `stage`, or `status: CANCELLED`"
                    + " with a `reason`.")
    @APIResponse(responseCode = "200", description = "Changed; the new ETag is in the answer",
            content = @Content(schema = @Schema(implementation = ObligationJson.class)))
    @APIResponse(responseCode = "404", description = "No such obligation")
    @APIResponse(responseCode = "409", description = "The obligation is on an unexpired voucher (or one still in its"
            + " grace days), or in an agreement, and cannot be cancelled or moved now (obligation-held)")
    @APIResponse(responseCode = "412", description = "The If-Match version is not the current one (stale-version)")
    @APIResponse(responseCode = "422", description = "The stage cannot move that way, or the obligation is not"
            + " pending (invalid-stage-transition, obligation-not-pending)")
    @APIResponse(responseCode = "428", description = "No If-Match header (precondition-required)")
    public Response change(@PathParam("id") String id,
                           @Parameter(description = "The ETag of the version you read, e.g. \"3\"", required = true)
                           @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull ChangeRequest body) {
        var obligationId = Params.obligationId(id);
        long version = expectedVersion(ifMatch);
        ChangeObligationUseCase.Change requested = toChange(body);
        Obligation changed = change.change(context.caller(), obligationId, version, requested);
        return Response.ok(ObligationJson.from(changed)).tag(etag(changed)).build();
    }

    /** The strong ETag of a version: the version number in quotes. */
    public static EntityTag etag(Obligation o) {
        return new EntityTag(Long.toString(o.version()));
    }

    /**
     * Reads one item by the same strict rules as a whole body, so that a bad item (a control character in its
     * name, a number where text goes) fails alone instead of failing the request.
     */
    private Item readItem(int index, JsonNode node) {
        if (node == null || node.isNull()) {
            return Item.malformed(index, new InvalidValueException("validation-error", "the item is null"));
        }
        RegisterObligationJson json;
        try {
            json = mapper.treeToValue(node, RegisterObligationJson.class);
        } catch (InvalidFieldsException e) {
            return Item.malformed(index, InvalidValueException.of(e.violations().stream()
                    .map(v -> new InvalidValueException.Violation(v.field(), v.message())).toList()));
        } catch (JsonProcessingException e) {
            InvalidFieldsException.Violation v = e instanceof JsonMappingException m
                    ? StrictJsonModule.describe(m) : new InvalidFieldsException.Violation("body", "must be an object");
            return Item.malformed(index, InvalidValueException.of(
                    List.of(new InvalidValueException.Violation(v.field(), v.message()))));
        }
        Set<ConstraintViolation<RegisterObligationJson>> violations = validator.validate(json);
        if (!violations.isEmpty()) {
            return Item.malformed(index, InvalidValueException.of(violations.stream()
                    .map(v -> new InvalidValueException.Violation(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(InvalidValueException.Violation::field))
                    .toList()));
        }
        try {
            return Item.valid(index, json.toNewObligation());
        } catch (DomainException e) {
            return Item.malformed(index, e);
        }
    }

    private static BulkResult toJson(ItemResult r) {
        return r.failed()
                ? new BulkResult(r.index(), null, Problem.ItemProblem.of(ProblemFactory.from(r.error(), null, null)))
                : new BulkResult(r.index(), r.id().toString(), null);
    }

    private static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionFailedException(PreconditionFailedException.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag of the obligation you read");
        }
        String tag = ifMatch.strip();
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Long.parseLong(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidValueException("validation-error",
                "If-Match must be the obligation's ETag, a version number in quotes such as \"3\"")
                .atField("If-Match");
    }

    private static ChangeObligationUseCase.Change toChange(ChangeRequest body) {
        if (body.status() != null && body.status() != ObligationStatus.CANCELLED) {
            throw new InvalidValueException("invalid-obligation-change", "only status CANCELLED can be set; "
                    + body.status() + " is reached through payments and agreements").atField("status");
        }
        if (body.stage() != null && body.status() != null) {
            throw new InvalidValueException("invalid-obligation-change",
                    "send either a new stage or a cancellation, not both");
        }
        if (body.stage() != null) {
            return ChangeObligationUseCase.Change.advanceTo(body.stage());
        }
        if (body.status() == ObligationStatus.CANCELLED) {
            if (body.reason() == null || body.reason().isBlank()) {
                throw new InvalidValueException("invalid-cancellation-reason",
                        "a cancellation needs a reason").atField("reason");
            }
            return ChangeObligationUseCase.Change.cancel(body.reason());
        }
        throw new InvalidValueException("invalid-obligation-change",
                "send either a new stage, or status CANCELLED with a reason");
    }
}
