package ec.gob.iess.recauda.adapter.in.rest.debtor;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.RunCardDebitUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.card.CardCharge;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The charges made to a debtor's registered cards (issue 12). */
@Path("/api/v1/debtors/{debtorId}/card-charges")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Card debit")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class CardChargeResource {

    /** One charge to a debtor's card. */
    @Schema(name = "CardCharge")
    public record ChargeJson(
            @Schema(format = "uuid") String id,
            @Schema(format = "uuid") String mandateId,
            String debtorId,
            @Schema(description = "The day it was charged; interest was counted to it") LocalDate chargeDate,
            @Schema(description = "PENDING_CONFIRMATION while the processor's answer is unknown (it is asked again;"
                    + " nothing else is charged to the mandate before)",
                    enumeration = {"PENDING_CONFIRMATION", "APPROVED", "SOFT_DECLINED", "HARD_DECLINED",
                        "NOT_CHARGED"})
            String status,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
            @Schema(description = "The voucher it collects", example = "0001234567890112") String voucherReference,
            @Schema(description = "Whether it retries a soft decline of an earlier day") boolean retry,
            @Schema(description = "The processor's reason for a decline") String declineCode,
            @Schema(format = "uuid", description = "The payment that applied it (APPROVED)") String paymentId,
            Instant createdAt,
            Instant resolvedAt) {

        static ChargeJson from(CardCharge c) {
            return new ChargeJson(c.id().toString(), c.mandateId().toString(), c.debtorId().value(), c.chargeDate(),
                    c.status().name(), c.amount().toString(), c.voucherReference(), c.retry(), c.declineCode(),
                    c.paymentId() == null ? null : c.paymentId().toString(), c.createdAt(), c.resolvedAt());
        }
    }

    /** The schema of a page of charges, for the contract (ListJson is generic). */
    @Schema(name = "CardChargePage")
    public record ChargePage(List<ChargeJson> items, int page, int size, long totalItems) {
    }

    private final RunCardDebitUseCase debit;
    private final CallContext context;

    public CardChargeResource(RunCardDebitUseCase debit, CallContext context) {
        this.debit = debit;
        this.context = context;
    }

    @GET
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "listCardCharges",
            summary = "The charges made to a debtor's cards, newest first",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its own"
                    + " debtor (any other debtor is a 404). Days a mandate was due and nothing was charged (nothing"
                    + " due, an expired card, an earlier charge awaiting confirmation) are not charges and are not"
                    + " listed; a run's counts include them as skipped.")
    @APIResponse(responseCode = "200", description = "One page of charges",
            content = @Content(schema = @Schema(implementation = ChargePage.class)))
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    public ListJson<ChargeJson> list(@Parameter(description = "Cédula or RUC", example = "1790012344001")
                                     @PathParam("debtorId") String debtorId,
                                     @BeanParam PageParams paging) {
        Fields fields = new Fields();
        DebtorId debtor = fields.read("debtorId", () -> Params.debtorId(debtorId));
        PageRequest page = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(debit.charges(context.caller(), debtor, page), ChargeJson::from);
    }
}
