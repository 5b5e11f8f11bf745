package ec.gob.iess.recauda.adapter.in.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import ec.gob.iess.recauda.application.port.in.ManageAgreementsUseCase;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.agreement.Simulation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** What an agreement over a debt would be; nothing is stored. */
@Schema(name = "AgreementSimulation")
public record SimulationJson(
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Only in a debtor's simulation") String debtorId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Only in a debtor's simulation: the obligations it would cover")
        List<AgreementJson.CoveredJson> obligations,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String debtAmount,
        int termMonths,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String downPayment,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String financedAmount,
        @Schema(type = SchemaType.STRING, example = "0.1098") String annualRate,
        @Schema(description = "Dated monthly from today, as if the down payment were paid today")
        List<InstallmentJson> installments,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String totalInterest,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String totalToPay,
        boolean requiresApproval) {

    /** One row of the amortization table. */
    @Schema(name = "SimulatedInstallment")
    public record InstallmentJson(int number, LocalDate dueDate,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String installment,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String interest,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String balance) {
        static InstallmentJson from(ScheduledInstallment i) {
            return new InstallmentJson(i.number(), i.dueDate(), i.installment().toString(), i.interest().toString(),
                    i.principal().toString(), i.balance().toString());
        }
    }

    public static SimulationJson from(Simulation s) {
        return of(null, null, s);
    }

    public static SimulationJson from(ManageAgreementsUseCase.DebtorSimulation d) {
        return of(d.debtorId().value(), d.obligations().stream().map(AgreementJson.CoveredJson::from).toList(),
                d.simulation());
    }

    private static SimulationJson of(String debtorId, List<AgreementJson.CoveredJson> obligations, Simulation s) {
        return new SimulationJson(debtorId, obligations, s.debt().toString(), s.termMonths(),
                s.downPayment().toString(), s.financedAmount().toString(), s.annualRate().toPlainString(),
                s.installments().stream().map(InstallmentJson::from).toList(),
                s.totalInterest().toString(), s.totalToPay().toString(), s.requiresApproval());
    }
}
