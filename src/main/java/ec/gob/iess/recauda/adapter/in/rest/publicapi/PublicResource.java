package ec.gob.iess.recauda.adapter.in.rest.publicapi;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.ConceptJson;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.json.VoucherJson;
import ec.gob.iess.recauda.adapter.in.rest.security.PublicEndpoint;
import ec.gob.iess.recauda.application.port.in.IssueConceptVoucherUseCase;
import ec.gob.iess.recauda.application.port.in.ManageConceptsUseCase;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * What anyone may call without a key: the concept catalogue and a voucher for a concept (rent and the like). Bodies
 * are limited to 16 KiB and validated like every other request.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public")
@PublicEndpoint
public class PublicResource {

    /** A payer's request for a concept voucher. */
    @Schema(name = "ConceptVoucherRequest")
    public record ConceptVoucherRequest(
            @NotBlank @Schema(example = "RENT") String conceptCode,
            @NotBlank @Schema(description = "Cédula, RUC, or a passport / foreign id (5-20 letters and digits)",
                    example = "P1234567") String payerId,
            @NotBlank @Size(max = 200) @Schema(example = "John Smith") String payerName,
            @Schema(type = SchemaType.STRING, pattern = Amounts.INPUT_PATTERN,
                    description = "Required exactly when the concept has no fixed amount. "
                    + Amounts.INPUT_DESCRIPTION) String amount) {
    }

    private final ManageConceptsUseCase concepts;
    private final IssueConceptVoucherUseCase conceptVouchers;
    private final CallContext context;

    public PublicResource(ManageConceptsUseCase concepts, IssueConceptVoucherUseCase conceptVouchers,
                          CallContext context) {
        this.concepts = concepts;
        this.conceptVouchers = conceptVouchers;
        this.context = context;
    }

    @GET
    @Path("/concepts")
    @Operation(operationId = "listConcepts",
            summary = "List the miscellaneous concepts", description = "**Who may call:** anyone, without a key.")
    @APIResponse(responseCode = "200", description = "Every concept, by code")
    public ListJson<ConceptJson> concepts() {
        return ListJson.all(concepts.list().stream().map(ConceptJson::from).toList());
    }

    @POST
    @Path("/public/concept-vouchers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueConceptVoucher",
            summary = "Get a voucher to pay a miscellaneous concept",
            description = "**Who may call:** anyone, without a key. Creates a MISC_CONCEPT obligation of the payer"
                    + " and a voucher for it, payable at any partner entity until it expires. If it expires unpaid,"
                    + " the obligation is cancelled.")
    @APIResponse(responseCode = "201", description = "The voucher",
            content = @Content(schema = @Schema(implementation = VoucherJson.class)))
    @APIResponse(responseCode = "422", description = "Unknown concept (unknown-concept)")
    public Response conceptVoucher(@Valid @NotNull ConceptVoucherRequest body) {
        Fields fields = new Fields();
        DebtorId payer = fields.read("payerId", () -> DebtorId.parsePayer(body.payerId()));
        Money amount = fields.readOptional("amount", body.amount(), () -> Money.parseAmount(body.amount()));
        fields.check();
        VoucherView voucher = conceptVouchers.issue(new IssueConceptVoucherUseCase.Request(body.conceptCode(), payer,
                body.payerName().strip(), amount), context.correlationId());
        return Response.created(URI.create("/api/v1/vouchers/" + voucher.voucher().reference()))
                .entity(VoucherJson.from(voucher)).build();
    }
}
