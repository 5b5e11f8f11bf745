package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.SettleUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.publicsector.BatchSubmission;
import ec.gob.iess.recauda.domain.publicsector.LumpSum;
import ec.gob.iess.recauda.domain.publicsector.Settlement;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Lump-sum settlements (docs/ministry-integration.md): one transfer of a payer applied to the obligations chosen,
 * by id or by debtor. The transfer reference names a settlement once.
 */
@Path("/api/v1/admin/settlements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settlements")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class SettlementResource {

    /** What staff send to record a settlement. */
    @Schema(name = "SettlementRequest")
    public record Request(
            @Schema(required = true, description = "Who paid (a cédula, RUC or passport): it may differ from the"
                    + " debtors, as a ministry paying for its schools", example = "1760001550001") String payerId,
            @Schema(required = true, description = "The reference of the transfer, unique: the same reference again"
                    + " with the same request answers the first result", pattern = BatchSubmission.TRANSFER_REFERENCE_RULE,
                    maxLength = BatchSubmission.MAX_TRANSFER_REFERENCE_LENGTH, example = "BCE-20260310-000917")
            String transferReference,
            @Schema(required = true, type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN,
                    description = Amounts.INPUT_DESCRIPTION, example = "14541454.79") String amount,
            @Schema(required = true, description = "The day the money arrived: not after today, at most "
                    + Settlement.MAX_VALUE_DATE_AGE_DAYS + " days before it. Interest is computed to it.")
            LocalDate valueDate,
            @Schema(minItems = 1, maxItems = LumpSum.MAX_SELECTION, description = "The obligations to pay; or give"
                    + " debtorIds") List<String> obligationIds,
            @Schema(minItems = 1, maxItems = LumpSum.MAX_SELECTION, description = "Debtors whose payable"
                    + " obligations to pay, all of them; or give obligationIds") List<String> debtorIds) {

        Settlement.Raw raw() {
            return new Settlement.Raw(payerId, transferReference, amount, valueDate, obligationIds, debtorIds);
        }
    }

    /** What the settlement paid of one obligation. */
    @Schema(name = "SettlementAllocation")
    public record AppliedJson(@Schema(format = "uuid") String obligationId,
                              @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String interest,
                              @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal,
                              @Schema(description = "Whether it paid the obligation off") boolean fullyPaid) {
    }

    /** A recorded settlement. */
    @Schema(name = "Settlement")
    public record SettlementJson(
            @Schema(format = "uuid") String settlementId,
            String payerId,
            String transferReference,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
            LocalDate valueDate,
            @Schema(description = "Oldest due first, as the money was placed") List<AppliedJson> applied,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String appliedAmount,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                    description = "What the obligations did not owe, held as unapplied fund unappliedFundId")
            String unappliedAmount,
            @Schema(format = "uuid") String unappliedFundId,
            Instant createdAt,
            String createdBy) {

        static SettlementJson of(Settlement s) {
            Settlement.Request r = s.request();
            return new SettlementJson(s.id().toString(), r.payerId().value(), r.transferReference(),
                    r.amount().toString(), r.valueDate(), s.applied().stream().map(a -> new AppliedJson(
                            a.obligationId().toString(), a.interest().toString(), a.principal().toString(),
                            a.fullyPaid())).toList(), s.appliedAmount().toString(), s.unappliedAmount().toString(),
                    s.unappliedFundId() == null ? null : s.unappliedFundId().toString(), s.createdAt(),
                    s.createdBy());
        }
    }

    private final SettleUseCase settlements;
    private final CallContext context;

    public SettlementResource(SettleUseCase settlements, CallContext context) {
        this.settlements = settlements;
        this.context = context;
    }

    @POST
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "recordSettlement",
            summary = "Record a lump-sum settlement",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. The amount pays the"
                    + " obligations named (obligationIds), or every payable obligation of the debtors named"
                    + " (debtorIds), as of valueDate: arrears interest first, then principal, oldest due first"
                    + " across the selection, in one payment of channel SETTLEMENT. What they do not owe is held as"
                    + " an OPEN unapplied fund. The transferReference is unique: the same request again answers 200"
                    + " with the first result; another request with it is a 409. Audited.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(schema = @Schema(implementation = SettlementJson.class)))
    @APIResponse(responseCode = "200", description = "This transferReference was settled before with this very"
            + " request: the first result", content = @Content(schema = @Schema(implementation = SettlementJson.class)))
    @APIResponse(responseCode = "409", description = "The transferReference was settled with another request"
            + " (settlement-conflict)")
    @APIResponse(responseCode = "422", description = "An obligation named that does not exist or may not be paid"
            + " now (obligation-not-eligible: NOT_FOUND, NOT_PENDING, IN_AGREEMENT, AGREEMENT_INSTALLMENT,"
            + " HELD_BY_VOUCHER), debtors that owe nothing payable (nothing-payable), or no rate for a day"
            + " (interest-rate-unavailable)")
    public Response record(@Valid @NotNull Request body) {
        SettleUseCase.Outcome outcome = settlements.settle(context.caller(), body.raw());
        SettlementJson json = SettlementJson.of(outcome.settlement());
        return outcome.created()
                ? Response.created(URI.create("/api/v1/admin/settlements/" + json.settlementId())).entity(json).build()
                : Response.ok(json).build();
    }

    @GET
    @Path("/{settlementId}")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "getSettlement",
            summary = "A settlement, as it was recorded",
            description = "**Who may call:** staff from READER up (people) and STAFF keys.")
    @APIResponse(responseCode = "200", description = "The settlement",
            content = @Content(schema = @Schema(implementation = SettlementJson.class)))
    @APIResponse(responseCode = "404", description = "No such settlement (settlement-not-found)")
    public SettlementJson get(@PathParam("settlementId") String settlementId) {
        return SettlementJson.of(settlements.get(context.caller(), Params.uuid("settlementId", settlementId)));
    }
}
