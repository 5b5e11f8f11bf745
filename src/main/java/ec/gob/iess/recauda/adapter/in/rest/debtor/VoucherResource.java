package ec.gob.iess.recauda.adapter.in.rest.debtor;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.VoucherJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.in.ManageVouchersUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Payment vouchers: issued and cancelled by staff or the debtor's employer software, read by them and any bank. */
@Path("/api/v1/vouchers")
@Tag(name = "Vouchers")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class VoucherResource {

    static final String PDF = "application/pdf";

    /** The obligations to put on a voucher. */
    @Schema(name = "IssueVoucherRequest")
    public record IssueRequest(@NotNull @Schema(example = "1790012344001") String debtorId,
                               @NotNull @Size(min = 1, max = 500) List<@NotNull String> obligationIds) {
    }

    private final ManageVouchersUseCase vouchers;
    private final CallContext context;

    public VoucherResource(ManageVouchersUseCase vouchers, CallContext context) {
        this.vouchers = vouchers;
        this.context = context;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "issueVoucher",
            summary = "Issue a voucher for some of a debtor's obligations",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (another debtor is a 404). Every"
                    + " obligation must be the debtor's, PENDING and held by no unexpired voucher. The amount is"
                    + " frozen: principal balance plus arrears interest projected to the expiry date.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(schema = @Schema(implementation = VoucherJson.class)))
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client (debtor-not-found)")
    @APIResponse(responseCode = "409", description = "An obligation is held by another unexpired voucher"
            + " (obligation-held)")
    @APIResponse(responseCode = "422", description = "An obligation is not the debtor's or not pending"
            + " (obligation-not-of-debtor, obligation-not-pending), or a rate is missing (interest-rate-unavailable)")
    public Response issue(@Valid @NotNull IssueRequest body) {
        Fields fields = new Fields();
        DebtorId debtor = fields.read("debtorId", () -> DebtorId.parsePayer(body.debtorId()));
        List<ObligationId> ids = new ArrayList<>();
        for (int i = 0; i < body.obligationIds().size(); i++) {
            String raw = body.obligationIds().get(i);
            ObligationId id = fields.read("obligationIds[" + i + "]", () -> ObligationId.parse(raw));
            ids.add(id);
        }
        fields.check();
        VoucherView issued = vouchers.issue(context.caller(), debtor, ids);
        return Response.created(URI.create("/api/v1/vouchers/" + issued.voucher().reference()))
                .type(MediaType.APPLICATION_JSON).entity(VoucherJson.from(issued)).build();
    }

    @GET
    @Path("/{reference}")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER, Role.BANK}, staff = StaffRole.READER)
    @Operation(operationId = "getVoucher",
            summary = "Read a voucher (JSON, or a printable PDF with Accept: application/pdf)",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; any BANK of an active"
                    + " entity; an EMPLOYER for its own debtor."
                    + " A malformed reference or one failing its check digits is a 400 before any look-up. With"
                    + " `Accept: application/pdf` the answer is the printable voucher with a Code 128 barcode.")
    @APIResponse(responseCode = "200", description = "The voucher",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VoucherJson.class)),
                    @Content(mediaType = PDF, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations
                            .enums.SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "403", description = "The key's role may not read vouchers, or it is a BANK key of"
            + " an inactive financial entity (forbidden)")
    @APIResponse(responseCode = "404", description = "No such voucher visible to this client (voucher-not-found)")
    public VoucherJson get(@PathParam("reference") String reference) {
        return VoucherJson.from(vouchers.get(context.caller(), reference(reference)));
    }

    @GET
    @Path("/{reference}")
    @Produces(PDF)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER, Role.BANK}, staff = StaffRole.READER)
    @Operation(hidden = true)
    public Response pdf(@PathParam("reference") String reference) {
        VoucherReference ref = reference(reference);
        byte[] pdf = vouchers.document(context.caller(), ref);
        return Response.ok(pdf, PDF)
                .header("Content-Disposition", "inline; filename=\"comprobante-" + ref + ".pdf\"").build();
    }

    @DELETE
    @Path("/{reference}")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.OPERATOR)
    @Operation(operationId = "cancelVoucher",
            summary = "Cancel an unpaid voucher and free its obligations",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor. Cancelling a cancelled voucher"
                    + " answers the same. The voucher of an agreement's down payment is cancelled only with its"
                    + " agreement (POST /api/v1/agreements/{id}/cancellation).")
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(schema = @Schema(implementation = VoucherJson.class)))
    @APIResponse(responseCode = "404", description = "No such voucher visible to this client (voucher-not-found)")
    @APIResponse(responseCode = "409", description = "It is paid (already-paid), it collects an agreement's down"
            + " payment (voucher-of-agreement), a charge to the debtor's card collects it (voucher-of-card-charge), or"
            + " it expired and a bank may still post a payment of its last day (voucher-in-grace)")
    public VoucherJson cancel(@PathParam("reference") String reference) {
        return VoucherJson.from(vouchers.cancel(context.caller(), reference(reference)));
    }

    static VoucherReference reference(String raw) {
        return Params.voucherReference("reference", raw);
    }
}
