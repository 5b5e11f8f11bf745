package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageInterestRatesUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

/** Staff keep the arrears-interest rate table. */
@Path("/api/v1/admin/interest-rates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Interest rates")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class InterestRateResource {

    /** The annual rate to set. */
    @Schema(name = "SetInterestRateRequest")
    public record SetRequest(@NotNull @Schema(type = SchemaType.STRING, example = "0.1133",
            description = "Annual rate as a decimal fraction (0.1133 = 11.33 % a year), 0 to 1, at most 6 decimals")
                             String annualRate) {
    }

    /** A rate of the table. */
    @Schema(name = "InterestRate")
    public record RateJson(LocalDate effectiveFrom,
                           @Schema(type = SchemaType.STRING, example = "0.1133") String annualRate) {
        static RateJson from(InterestRate r) {
            return new RateJson(r.effectiveFrom(), r.annualRate().toPlainString());
        }
    }

    private final ManageInterestRatesUseCase rates;
    private final CallContext context;

    public InterestRateResource(ManageInterestRatesUseCase rates, CallContext context) {
        this.rates = rates;
        this.context = context;
    }

    @PUT
    @Path("/{effectiveFrom}")
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "setInterestRate",
            summary = "Set the arrears rate in force from a date",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. The rate applies"
                    + " from `effectiveFrom` until the next rate's"
                    + " date. Interest is always computed from the table, so a change applies to every computation"
                    + " made afterwards.")
    @APIResponse(responseCode = "201", description = "A new date was added",
            content = @Content(schema = @Schema(implementation = RateJson.class)))
    @APIResponse(responseCode = "200", description = "The rate of that date was replaced",
            content = @Content(schema = @Schema(implementation = RateJson.class)))
    public Response set(@Parameter(example = "2024-01-01", schema = @Schema(type = SchemaType.STRING,
                                format = "date")) @PathParam("effectiveFrom") String effectiveFrom,
                        @Valid @NotNull SetRequest body) {
        LocalDate from = Params.date("effectiveFrom", effectiveFrom);
        InterestRate rate;
        try {
            rate = InterestRate.parse(from, body.annualRate());
        } catch (InvalidValueException e) {
            throw e.atField("annualRate");
        }
        boolean created = rates.set(context.caller(), rate);
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(RateJson.from(rate)).build();
    }

    @GET
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listInterestRates",
            summary = "List the rate table", description = "**Who may call:** staff from READER up (people) and"
                    + " STAFF keys. Oldest first.")
    @APIResponse(responseCode = "200", description = "The whole table")
    public ListJson<RateJson> list() {
        return ListJson.all(rates.list(context.caller()).stream().map(RateJson::from).toList());
    }
}
