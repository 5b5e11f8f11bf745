package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.RunCardDebitUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;

/** Card debit runs, started by the schedule or by staff, and what they charged (issue 12). */
@Path("/api/v1/admin/card-debit-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card debit")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class CardDebitRunResource {

    /** The date to run. */
    @Schema(name = "CardDebitRunRequest")
    public record RunRequest(@NotNull @Schema(required = true, description = "Today's business date (Guayaquil)")
                             LocalDate date) {
    }

    /** A run was started (or had been). */
    @Schema(name = "CardDebitRunStarted")
    public record StartedJson(@Schema(format = "uuid") String runId) {
    }

    /** A run and what its date's charges came to so far. */
    @Schema(name = "CardDebitRun")
    public record RunJson(
            @Schema(format = "uuid") String runId,
            LocalDate date,
            @Schema(enumeration = {"RUNNING", "COMPLETED"}, description = "COMPLETED once every mandate due that day"
                    + " was taken and every charge sent has its outcome or is known to be unknown") String status,
            @Schema(description = "Mandates taken on the date: charged or skipped") long mandates,
            long approved,
            long softDeclined,
            long hardDeclined,
            @Schema(description = "Charges whose outcome is still unknown (PENDING_CONFIRMATION)") long unknown,
            @Schema(description = "Charges the processor never received and that were not sent again (their day"
                    + " had passed, or the mandate was cancelled meanwhile): their debt is free") long notCharged,
            @Schema(description = "Mandates due and not charged: nothing due, an expired card, an earlier charge"
                    + " awaiting confirmation") long skipped,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amountCharged,
            Instant startedAt,
            String startedBy,
            Instant completedAt) {

        static RunJson from(RunCardDebitUseCase.RunView v) {
            var r = v.run();
            var c = v.counts();
            return new RunJson(r.id().toString(), r.date(), r.completed() ? "COMPLETED" : "RUNNING", c.mandates(),
                    c.approved(), c.softDeclined(), c.hardDeclined(), c.unknown(), c.notCharged(), c.skipped(),
                    c.amountCharged().toString(), r.startedAt(), r.startedBy(), r.completedAt());
        }
    }

    private final RunCardDebitUseCase debit;
    private final CallContext context;

    public CardDebitRunResource(RunCardDebitUseCase debit, CallContext context) {
        this.debit = debit;
        this.context = context;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "startCardDebitRun",
            summary = "Start today's card debit run",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. The run of a date is one:"
                    + " started by the schedule (recauda.card-debit.run-at) or by this call, whichever comes first;"
                    + " asking again answers with the same runId. The work runs in the background on every instance"
                    + " (each mandate is charged at most once per date); follow it at the Location. Audited.")
    @APIResponse(responseCode = "202", description = "Started (or already started)",
            content = @Content(schema = @Schema(implementation = StartedJson.class)))
    @APIResponse(responseCode = "422", description = "The date is not today (run-date-not-today), or no processor"
            + " is configured (card-processor-not-configured)")
    public Response start(@Valid @NotNull RunRequest body) {
        RunCardDebitUseCase.RunView run = debit.start(context.caller(), body.date());
        return Response.accepted(new StartedJson(run.run().id().toString()))
                .location(URI.create("/api/v1/admin/card-debit-runs/" + run.run().id())).build();
    }

    @GET
    @Path("/{runId}")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "getCardDebitRun",
            summary = "A card debit run and its counts",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. The counts are those of"
                    + " the run date's charges as they are now: a charge whose outcome was unknown moves to its"
                    + " outcome once the processor is asked.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = RunJson.class)))
    @APIResponse(responseCode = "404", description = "No such run (card-debit-run-not-found)")
    public RunJson get(@Parameter(description = "Run id (UUID)") @PathParam("runId") String runId) {
        return RunJson.from(debit.get(context.caller(), Params.uuid("runId", runId)));
    }
}
