package ec.gob.iess.recauda.adapter.in.rest.publicapi;

import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.SimulationJson;
import ec.gob.iess.recauda.adapter.in.rest.security.PublicEndpoint;
import ec.gob.iess.recauda.application.port.in.SimulateAgreementUseCase;
import ec.gob.iess.recauda.domain.agreement.DebtorKind;
import ec.gob.iess.recauda.domain.shared.Money;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public simulator of payment agreements, for employer trainings: no key, nothing stored. */
@Path("/api/v1/public/agreement-simulations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public")
@PublicEndpoint
public class PublicAgreementResource {

    /** What to simulate. */
    @Schema(name = "PublicAgreementSimulationRequest")
    public record Request(@NotNull @Schema(type = SchemaType.STRING, example = "12500.00",
                                  pattern = Amounts.INPUT_PATTERN, description = Amounts.INPUT_DESCRIPTION)
                          String debtAmount,
                          @NotNull @Schema(example = "12", description = "2 to 36 (configurable)") Integer termMonths,
                          @NotNull @Schema(description = "PERSON (4 basic wages before approval is needed) or COMPANY"
                                  + " (25)") DebtorKind debtorKind) {
    }

    private final SimulateAgreementUseCase simulator;

    public PublicAgreementResource(SimulateAgreementUseCase simulator) {
        this.simulator = simulator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "simulatePublicAgreement",
            summary = "Simulate a payment agreement",
            description = "**Who may call:** anyone, without a key (16 KiB body limit). The down payment is 10 % of"
                    + " the debt, the rest is financed in equal monthly installments (French amortization) at the"
                    + " arrears rate in force today; installments are dated as if the down payment were paid today.")
    @APIResponse(responseCode = "200", description = "The simulation",
            content = @Content(schema = @Schema(implementation = SimulationJson.class)))
    @APIResponse(responseCode = "422", description = "The debt is too small for the term (debt-too-small) or no"
            + " rate is in force (interest-rate-unavailable)")
    public SimulationJson simulate(@Valid @NotNull Request body) {
        Fields fields = new Fields();
        Money debt = fields.read("debtAmount", () -> Money.parseAmount(body.debtAmount()));
        fields.check();
        return SimulationJson.from(simulator.simulate(debt, body.termMonths(), body.debtorKind()));
    }
}
