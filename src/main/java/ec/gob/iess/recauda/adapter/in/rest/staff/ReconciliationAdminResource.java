package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.json.ReconciliationJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.QueryPaymentsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;

/** Staff read the reconciliations the partner entities submitted. */
@Path("/api/v1/admin/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channel")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
@Allowed(value = Role.STAFF, staff = StaffRole.READER)
public class ReconciliationAdminResource {

    /** One submission with its answer. */
    @Schema(name = "SubmittedReconciliation")
    public record SubmittedJson(@Schema(format = "uuid") String id, Instant submittedAt, String submittedBy,
                                ReconciliationJson result) {
    }

    private final QueryPaymentsUseCase payments;
    private final CallContext context;

    public ReconciliationAdminResource(QueryPaymentsUseCase payments, CallContext context) {
        this.payments = payments;
        this.context = context;
    }

    @GET
    @Operation(operationId = "listReconciliations",
            summary = "The reconciliations submitted for a business date",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. Every submission of"
                    + " every entity, in arrival order.")
    @APIResponse(responseCode = "200", description = "The submissions")
    public ListJson<SubmittedJson> list(@Parameter(required = true, schema = @Schema(type = SchemaType.STRING,
            format = "date")) @QueryParam("businessDate") String businessDate) {
        LocalDate date = Params.date("businessDate", businessDate);
        if (date == null) {
            throw new InvalidValueException("validation-error", "is required").atField("businessDate");
        }
        return ListJson.all(payments.reconciliations(context.caller(), date).stream()
                .map(s -> new SubmittedJson(s.id().toString(), s.submittedAt(), s.submittedBy(),
                        ReconciliationJson.from(s.result()))).toList());
    }
}
