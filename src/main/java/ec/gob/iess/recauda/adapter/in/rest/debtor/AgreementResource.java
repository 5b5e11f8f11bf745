package ec.gob.iess.recauda.adapter.in.rest.debtor;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.AgreementJson;
import ec.gob.iess.recauda.adapter.in.rest.json.SimulationJson;
import ec.gob.iess.recauda.adapter.in.rest.json.VoucherJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.strict.MultiLine;
import ec.gob.iess.recauda.application.port.in.AgreementView;
import ec.gob.iess.recauda.application.port.in.ManageAgreementsUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Payment-facilities agreements (convenios de pago): simulated and subscribed by staff or the debtor's employer
 * software, decided and cancelled by staff. docs/agreements.md tells the whole life of one.
 */
@Path("/api/v1/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agreements")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class AgreementResource {

    /** A simulation over a debtor's real debt. */
    @Schema(name = "AgreementSimulationRequest")
    public record SimulationRequest(@NotNull @Schema(example = "1790012344001") String debtorId,
                                    @Size(max = 1000) @Schema(description = "The obligations to cover; absent for all"
                                            + " of the debtor's eligible debt") List<@NotNull String> obligationIds,
                                    @NotNull @Schema(example = "12", description = "2 to 36 (configurable)")
                                    Integer termMonths) {
    }

    /** A subscription. */
    @Schema(name = "SubscribeAgreementRequest")
    public record SubscribeRequest(@NotNull @Schema(example = "1790012344001") String debtorId,
                                   @Size(max = 1000) @Schema(description = "The obligations to cover; absent for all"
                                           + " of the debtor's eligible debt") List<@NotNull String> obligationIds,
                                   @NotNull @Schema(example = "12") Integer termMonths,
                                   @NotNull @Schema(description = "Must be true: the debtor accepts the payment"
                                           + " commitment and the amortization table") Boolean acceptTerms) {
    }

    /** A director's decision. */
    @Schema(name = "AgreementApprovalRequest")
    public record ApprovalRequest(@NotNull Boolean approved,
                                  @Size(max = 500) @Schema(example = "Aprobado por la dirección provincial")
                                  @MultiLine String note) {
    }

    /** Why staff cancel an agreement. */
    @Schema(name = "AgreementCancellationRequest")
    public record CancellationRequest(@NotNull @Size(min = 1, max = 500) @MultiLine String reason) {
    }

    private final ManageAgreementsUseCase agreements;
    private final CallContext context;

    public AgreementResource(ManageAgreementsUseCase agreements, CallContext context) {
        this.agreements = agreements;
        this.context = context;
    }

    @POST
    @Path("/simulations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "simulateAgreement",
            summary = "Simulate an agreement over a debtor's eligible debt",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (another debtor is a 404). The"
                    + " debt is each obligation's principal balance plus arrears interest to today; with no"
                    + " `obligationIds`, all of the debtor's eligible debt. Nothing is stored or locked for long.")
    @APIResponse(responseCode = "200", description = "The simulation",
            content = @Content(schema = @Schema(implementation = SimulationJson.class)))
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    @APIResponse(responseCode = "422", description = "An obligation may not go into an agreement"
            + " (obligation-not-eligible, listing each with its reason), nothing is eligible (no-eligible-debt),"
            + " the debt is too small for the term (debt-too-small) or no rate is in force (interest-rate-unavailable)")
    public SimulationJson simulate(@Valid @NotNull SimulationRequest body) {
        Fields fields = new Fields();
        DebtorId debtor = fields.read("debtorId", () -> DebtorId.parse(body.debtorId()));
        List<ObligationId> ids = obligationIds(fields, body.obligationIds());
        fields.check();
        return SimulationJson.from(agreements.simulate(context.caller(), debtor, ids, body.termMonths()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "subscribeAgreement",
            summary = "Subscribe an agreement",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (another debtor is a 404)."
                    + " Covers the listed obligations, or all the eligible debt. Above 4 basic wages (a person) or 25"
                    + " (an organisation) it is PENDING_APPROVAL and gets its down-payment voucher once approved;"
                    + " otherwise it is AWAITING_DOWN_PAYMENT with the voucher in the answer. One open agreement per"
                    + " debtor.")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(schema = @Schema(implementation = AgreementJson.class)))
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    @APIResponse(responseCode = "409", description = "The debtor already has an open agreement (agreement-exists)")
    @APIResponse(responseCode = "422", description = "An obligation may not go into an agreement"
            + " (obligation-not-eligible, listing each with its reason), nothing is eligible (no-eligible-debt),"
            + " the debt is too small for the term (debt-too-small) or no rate is in force (interest-rate-unavailable)")
    public Response subscribe(@Valid @NotNull SubscribeRequest body) {
        Fields fields = new Fields();
        DebtorId debtor = fields.read("debtorId", () -> DebtorId.parse(body.debtorId()));
        List<ObligationId> ids = obligationIds(fields, body.obligationIds());
        fields.check();
        AgreementView view = agreements.subscribe(context.caller(), debtor, ids, body.termMonths(),
                body.acceptTerms());
        return Response.created(URI.create("/api/v1/agreements/" + view.agreement().id()))
                .entity(AgreementJson.from(view)).build();
    }

    @GET
    @Path("/{id}")
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
    @Operation(operationId = "getAgreement",
            summary = "Read an agreement",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (another's agreement is a 404).")
    @APIResponse(responseCode = "200", description = "The agreement",
            content = @Content(schema = @Schema(implementation = AgreementJson.class)))
    @APIResponse(responseCode = "404", description = "No such agreement visible to this client (agreement-not-found)")
    public AgreementJson get(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id) {
        return AgreementJson.from(agreements.get(context.caller(), Params.uuid("id", id)));
    }

    @POST
    @Path("/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(staff = StaffRole.DIRECTOR)
    @SecurityRequirement(name = "staffToken")
    @Operation(operationId = "decideAgreement",
            summary = "Approve or reject an agreement pending approval",
            description = "**Who may call:** a staff DIRECTOR (a person signed in through OpenID Connect: no API"
                    + " key), who did not"
                    + " subscribe it (four eyes: the subscriber's own decision is a 403 `four-eyes`). Approved, it is"
                    + " AWAITING_DOWN_PAYMENT with its voucher; rejected, REJECTED, and its obligations are free.")
    @APIResponse(responseCode = "200", description = "Decided",
            content = @Content(schema = @Schema(implementation = AgreementJson.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a staff DIRECTOR (forbidden), or subscribed"
            + " the agreement (four-eyes)")
    @APIResponse(responseCode = "404", description = "No such agreement (agreement-not-found)")
    @APIResponse(responseCode = "409", description = "It is not pending approval (invalid-agreement-state)")
    public AgreementJson decide(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
                                @Valid @NotNull ApprovalRequest body) {
        return AgreementJson.from(agreements.decide(context.caller(), Params.uuid("id", id), body.approved(),
                body.note()));
    }

    @POST
    @Path("/{id}/payoff-voucher")
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "issuePayoffVoucher",
            summary = "A voucher for everything an active agreement still owes",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor. The voucher covers every unpaid"
                    + " installment (an overdue one with its arrears interest); paid, the agreement is COMPLETED.")
    @APIResponse(responseCode = "201", description = "The voucher",
            content = @Content(schema = @Schema(implementation = VoucherJson.class)))
    @APIResponse(responseCode = "404", description = "No such agreement visible to this client (agreement-not-found)")
    @APIResponse(responseCode = "409", description = "It is not ACTIVE (invalid-agreement-state), or an"
            + " installment is on another unexpired voucher (obligation-held)")
    public Response payoff(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id) {
        VoucherView voucher = agreements.payoffVoucher(context.caller(), Params.uuid("id", id));
        return Response.created(URI.create("/api/v1/vouchers/" + voucher.voucher().reference()))
                .entity(VoucherJson.from(voucher)).build();
    }

    @POST
    @Path("/{id}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "cancelAgreement",
            summary = "Cancel an agreement before it is active",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. Pending approval or"
                    + " awaiting its down payment only; the"
                    + " down-payment voucher is cancelled and the obligations are free.")
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(schema = @Schema(implementation = AgreementJson.class)))
    @APIResponse(responseCode = "404", description = "No such agreement (agreement-not-found)")
    @APIResponse(responseCode = "409", description = "It is already active or closed (invalid-agreement-state), or"
            + " its down-payment voucher expired and a bank may still post a payment of its last day"
            + " (voucher-in-grace)")
    @APIResponse(responseCode = "412", description = "It was approved while being cancelled: read it and try again"
            + " (stale-version)")
    public AgreementJson cancel(@Parameter(description = "Agreement id (UUID)") @PathParam("id") String id,
                                @Valid @NotNull CancellationRequest body) {
        return AgreementJson.from(agreements.cancel(context.caller(), Params.uuid("id", id), body.reason()));
    }

    private static List<ObligationId> obligationIds(Fields fields, List<String> raw) {
        List<ObligationId> ids = new ArrayList<>();
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                String value = raw.get(i);
                ObligationId id = fields.read("obligationIds[" + i + "]", () -> ObligationId.parse(value));
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
