package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.RunAgreementChecksUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Staff run the daily agreement checks for a date (the job runs them every night). */
@Path("/api/v1/admin/agreement-checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
@Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
public class AgreementChecksResource {

    /** The date to check. */
    @Schema(name = "AgreementChecksRequest")
    public record Request(@NotNull @Schema(type = SchemaType.STRING, format = "date", example = "2026-12-02")
                          String date) {
    }

    /** What a check changed. */
    @Schema(name = "AgreementChecksResult")
    public record ResultJson(LocalDate date, int lapsedCount, int defaultedCount, List<UUID> lapsed,
                             List<UUID> defaulted,
                             @Schema(description = "Agreements in default whose default waits: a voucher still holds"
                                     + " one of their unpaid installments and a bank may post its payment (the"
                                     + " voucher's expiry plus recauda.voucher.grace-days). A later check defaults"
                                     + " them on what is left unpaid") List<UUID> deferred) {
    }

    private final RunAgreementChecksUseCase checks;
    private final CallContext context;

    public AgreementChecksResource(RunAgreementChecksUseCase checks, CallContext context) {
        this.checks = checks;
        this.context = context;
    }

    @POST
    @Operation(operationId = "runAgreementChecks",
            summary = "Run the lapse and default checks of agreements for a date",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. `date` is today or"
                    + " an earlier day (a later one is a 422"
                    + " `check-date-in-future`). Agreements awaiting a down payment whose voucher expired more"
                    + " than `recauda.voucher.grace-days` (1 by default) before `date` lapse; active ones with 2 consecutive installments due"
                    + " before `date` and unpaid default, and their unpaid debt is reinstated, unless a voucher still"
                    + " holds one of their unpaid installments within its grace days: those are listed as `deferred`"
                    + " and default at a later check on what is left. Running it again for a date changes nothing"
                    + " more.")
    @APIResponse(responseCode = "200", description = "What changed",
            content = @Content(schema = @Schema(implementation = ResultJson.class)))
    @APIResponse(responseCode = "422", description = "The date has not come yet (check-date-in-future)")
    public ResultJson run(@Valid @NotNull Request body) {
        RunAgreementChecksUseCase.Result r = checks.run(context.caller(), Params.date("date", body.date()));
        return new ResultJson(r.date(), r.lapsed().size(), r.defaulted().size(), r.lapsed(), r.defaulted(),
                r.deferred());
    }
}
