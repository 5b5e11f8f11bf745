package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.json.PaymentJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.ResolveUnappliedFundsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.publicsector.LumpSum;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import java.util.UUID;

/**
 * Money the ministry's batches and the settlements left unapplied, and its resolution by staff
 * (docs/ministry-integration.md): applied to obligations, or refunded.
 */
@Path("/api/v1/admin/unapplied-funds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Unapplied funds")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class UnappliedFundResource {

    /** A fund, where its money came from and, once resolved, how. */
    @Schema(name = "UnappliedFund")
    public record FundJson(
            @Schema(format = "uuid") String id,
            @Schema(description = "OPEN until staff resolve it; then APPLIED or REFUNDED") UnappliedFund.Status status,
            @Schema(description = "The ministry's batch the money came in (with lineNo), if it came in one")
            String batchId,
            Integer lineNo,
            @Schema(format = "uuid", description = "The settlement the money came in, if it came in one")
            String settlementId,
            @Schema(description = "Who paid: the ministry's or the settlement's payer") String payerId,
            @Schema(description = "The employer the batch line named") String employerId,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
            @Schema(description = "Why it was not applied: a line's rejection reason, surplus, or remainder (what an"
                    + " application of fund originFundId did not use)") String reason,
            @Schema(description = "The day the money arrived: an application pays as of it") LocalDate valueDate,
            Instant createdAt,
            @Schema(format = "uuid", description = "The fund whose application left this remainder")
            String originFundId,
            Instant resolvedAt,
            String resolvedBy,
            @Schema(format = "uuid", description = "The payment that applied it (APPLIED)") String paymentId,
            @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                    description = "How much of it the application used (APPLIED)") String appliedAmount,
            @Schema(format = "uuid", description = "The new OPEN fund holding what the application did not use")
            String remainderFundId,
            @Schema(description = "Why it was refunded (REFUNDED)") String refundReason) {

        static FundJson of(UnappliedFund f) {
            UnappliedFund.Resolution r = f.resolution();
            return new FundJson(f.id().toString(), f.status(), f.source().batchId(), f.source().lineNo(),
                    text(f.source().settlementId()), f.payerId(), f.employerId() == null ? null : f.employerId().value(),
                    f.amount().toString(), f.reason(), f.valueDate(), f.createdAt(), text(f.originFundId()),
                    r == null ? null : r.at(), r == null ? null : r.by(), r == null ? null : text(r.paymentId()),
                    r == null || r.applied() == null ? null : r.applied().toString(),
                    r == null ? null : text(r.remainderFundId()), r == null ? null : r.refundReason());
        }
    }

    /** The schema of a page of funds, for the contract (ListJson is generic). */
    @Schema(name = "UnappliedFundPage")
    public record FundPage(List<FundJson> items, int page, int size, long totalItems) {
    }

    /** The obligations to apply a fund to. */
    @Schema(name = "ApplyUnappliedFundRequest")
    public record ApplyRequest(
            @NotNull @Schema(required = true, minItems = 1, maxItems = LumpSum.MAX_SELECTION,
                    description = "The obligations to pay, of any debtor: interest to the fund's value date first,"
                            + " then principal, oldest due first across them") List<String> obligationIds) {
    }

    /** Why a fund is refunded. */
    @Schema(name = "RefundUnappliedFundRequest")
    public record RefundRequest(
            @NotNull @Schema(required = true, maxLength = UnappliedFund.MAX_REFUND_REASON_LENGTH,
                    example = "Transferencia devuelta al Ministerio de Finanzas, oficio MEF-2026-1234")
            String reason) {
    }

    /** What an application did. */
    @Schema(name = "UnappliedFundApplication")
    public record ApplicationJson(FundJson fund, PaymentJson payment,
                                  @Schema(description = "The new OPEN fund with what the obligations did not owe")
                                  FundJson remainder) {
    }

    private final ResolveUnappliedFundsUseCase funds;
    private final CallContext context;

    public UnappliedFundResource(ResolveUnappliedFundsUseCase funds, CallContext context) {
        this.funds = funds;
        this.context = context;
    }

    @GET
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listUnappliedFunds",
            summary = "List unapplied funds",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. Oldest first, of one"
                    + " status or all.")
    @APIResponse(responseCode = "200", description = "One page of funds",
            content = @Content(schema = @Schema(implementation = FundPage.class)))
    public ListJson<FundJson> list(@Parameter(schema = @Schema(implementation = UnappliedFund.Status.class))
                                   @QueryParam("status") String status,
                                   @BeanParam PageParams paging) {
        Fields fields = new Fields();
        UnappliedFund.Status filter = fields.read("status",
                () -> Params.enumValue("status", status, UnappliedFund.Status.class));
        PageRequest page = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(funds.list(context.caller(), filter, page), FundJson::of);
    }

    @GET
    @Path("/{id}")
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "getUnappliedFund",
            summary = "An unapplied fund",
            description = "**Who may call:** staff from READER up (people) and STAFF keys.")
    @APIResponse(responseCode = "200", description = "The fund",
            content = @Content(schema = @Schema(implementation = FundJson.class)))
    @APIResponse(responseCode = "404", description = "No such fund (unapplied-fund-not-found)")
    public FundJson get(@PathParam("id") String id) {
        return FundJson.of(funds.get(context.caller(), Params.uuid("id", id)));
    }

    @POST
    @Path("/{id}/application")
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "applyUnappliedFund",
            summary = "Apply an unapplied fund to obligations",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. The fund pays the"
                    + " obligations named as of its value date (the day the money arrived): arrears interest first,"
                    + " then principal, oldest due first across them, through a payment of the channel the money"
                    + " came by (MINISTRY_BATCH or SETTLEMENT) that names the fund. What they do not owe becomes a"
                    + " new OPEN fund (remainder). A fund is resolved once: a second resolution is a 409. Audited.")
    @APIResponse(responseCode = "200", description = "Applied",
            content = @Content(schema = @Schema(implementation = ApplicationJson.class)))
    @APIResponse(responseCode = "404", description = "No such fund (unapplied-fund-not-found)")
    @APIResponse(responseCode = "409", description = "The fund is resolved already (fund-resolved)")
    @APIResponse(responseCode = "422", description = "An obligation that does not exist or may not be paid now"
            + " (obligation-not-eligible: NOT_FOUND, NOT_PENDING, IN_AGREEMENT, AGREEMENT_INSTALLMENT,"
            + " HELD_BY_VOUCHER), or no rate for a day (interest-rate-unavailable)")
    public ApplicationJson apply(@PathParam("id") String id, @Valid @NotNull ApplyRequest body) {
        ResolveUnappliedFundsUseCase.Applied applied = funds.apply(context.caller(), Params.uuid("id", id),
                body.obligationIds());
        return new ApplicationJson(FundJson.of(applied.fund()), PaymentJson.from(applied.payment()),
                applied.remainder() == null ? null : FundJson.of(applied.remainder()));
    }

    @POST
    @Path("/{id}/refund")
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "refundUnappliedFund",
            summary = "Refund an unapplied fund to its payer",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. Records that the whole"
                    + " fund goes back to its payer, and why; the transfer itself is made outside this service."
                    + " A fund is resolved once: a second resolution is a 409. Audited.")
    @APIResponse(responseCode = "200", description = "Refunded",
            content = @Content(schema = @Schema(implementation = FundJson.class)))
    @APIResponse(responseCode = "404", description = "No such fund (unapplied-fund-not-found)")
    @APIResponse(responseCode = "409", description = "The fund is resolved already (fund-resolved)")
    public FundJson refund(@PathParam("id") String id, @Valid @NotNull RefundRequest body) {
        return FundJson.of(funds.refund(context.caller(), Params.uuid("id", id), body.reason()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
