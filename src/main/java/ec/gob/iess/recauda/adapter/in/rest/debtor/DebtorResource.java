package ec.gob.iess.recauda.adapter.in.rest.debtor;

import com.fasterxml.jackson.annotation.JsonInclude;
import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Fields;
import ec.gob.iess.recauda.adapter.in.rest.PageParams;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.AgreementJson;
import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.json.ObligationJson;
import ec.gob.iess.recauda.adapter.in.rest.json.PaymentJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.CertifyComplianceUseCase;
import ec.gob.iess.recauda.application.port.in.ManageAgreementsUseCase;
import ec.gob.iess.recauda.application.port.in.QueryObligationsUseCase;
import ec.gob.iess.recauda.application.port.in.QueryPaymentsUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.obligation.Statement;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import java.time.LocalDate;
import java.util.List;

/** A debtor's obligations and statement, for staff and for the debtor's own employer software. */
@Path("/api/v1/debtors/{debtorId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Debtors")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
@Allowed(value = {Role.STAFF, Role.EMPLOYER}, staff = StaffRole.READER)
public class DebtorResource {

    /** A debtor's statement on a date. */
    @Schema(name = "Statement")
    public record StatementJson(String debtorId, LocalDate asOf, List<LineJson> items,
                                @Schema(description = "Down payments of agreements that await them. Each is a part of"
                                        + " the debt of the obligations its agreement covers (listed in items with"
                                        + " that agreementId), not more debt: it is never added to the totals. Paying"
                                        + " it activates the agreement") List<DownPaymentJson> downPayments,
                                TotalsJson totals) {
        static StatementJson from(Statement s) {
            return new StatementJson(s.debtorId().value(), s.asOf(),
                    s.items().stream().map(LineJson::from).toList(),
                    s.downPayments().stream().map(d -> new DownPaymentJson(d.agreementId().toString(),
                            d.obligationId().toString(), d.amount().toString(), d.dueDate())).toList(),
                    new TotalsJson(s.totals().principalBalance().toString(), s.totals().interest().toString(),
                            s.totals().total().toString()));
        }
    }

    /** The down payment of an agreement awaiting it. */
    @Schema(name = "StatementDownPayment")
    public record DownPaymentJson(@Schema(format = "uuid") String agreementId,
                                  @Schema(format = "uuid", description = "Its AGREEMENT_INSTALLMENT obligation (number"
                                          + " 0)") String obligationId,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
                                  @Schema(description = "The last day of its voucher") LocalDate dueDate) {
    }

    /** One unpaid obligation on a statement. */
    @Schema(name = "StatementLine")
    public record LineJson(@Schema(format = "uuid") String obligationId, ObligationType type, LocalDate dueDate,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principalBalance,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                                   description = "Arrears interest accrued to asOf") String interest,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String total,
                           long daysOverdue,
                           @JsonInclude(JsonInclude.Include.NON_NULL)
                           @Schema(format = "uuid", description = "The payment agreement that covers this obligation"
                                   + " (while it awaits its down payment or approval) or whose installment it is;"
                                   + " absent for none (a statement has hundreds of lines)") String agreementId) {
        static LineJson from(Statement.Line l) {
            return new LineJson(l.obligationId().toString(), l.type(), l.dueDate(), l.principalBalance().toString(),
                    l.interest().toString(), l.total().toString(), l.daysOverdue(),
                    l.agreementId() == null ? null : l.agreementId().toString());
        }
    }

    /** The sums of a statement. */
    @Schema(name = "StatementTotals")
    public record TotalsJson(@Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principalBalance,
                             @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String interest,
                             @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String total) {
    }

    /** The compliance certificate. */
    @Schema(name = "Compliance")
    public record ComplianceJson(String debtorId, LocalDate asOf, boolean inArrears, List<ReasonJson> reasons) {
    }

    /** One overdue obligation that puts the debtor in arrears. */
    @Schema(name = "ArrearsReason")
    public record ReasonJson(@Schema(enumeration = {"OVERDUE_OBLIGATION", "OVERDUE_INSTALLMENT"}) String code,
                             @Schema(format = "uuid") String obligationId, ObligationType type, LocalDate dueDate,
                             long daysOverdue,
                             @Schema(format = "uuid", description = "The agreement of an installment") String agreementId,
                             String detail) {
    }

    private final QueryObligationsUseCase queries;
    private final QueryPaymentsUseCase payments;
    private final ManageAgreementsUseCase agreements;
    private final CertifyComplianceUseCase compliance;
    private final CallContext context;

    public DebtorResource(QueryObligationsUseCase queries, QueryPaymentsUseCase payments,
                          ManageAgreementsUseCase agreements, CertifyComplianceUseCase compliance,
                          CallContext context) {
        this.agreements = agreements;
        this.compliance = compliance;
        this.queries = queries;
        this.payments = payments;
        this.context = context;
    }

    @GET
    @Path("/obligations")
    @Operation(operationId = "listDebtorObligations",
            summary = "List a debtor's obligations",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (any other debtor is a 404)."
                    + " Newest due date first.")
    @APIResponse(responseCode = "200", description = "One page of obligations")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client")
    public ListJson<ObligationJson> obligations(
            @Parameter(description = "Cédula, RUC or passport", example = "1790012345001") @PathParam("debtorId")
            String debtorId,
            @Parameter(schema = @Schema(implementation = ObligationStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = ObligationType.class)) @QueryParam("type") String type,
            @BeanParam PageParams paging) {
        Fields fields = new Fields();
        DebtorId debtor = fields.read("debtorId", () -> Params.payerId(debtorId));
        ObligationStatus statusFilter = fields.read("status", () -> Params.enumValue("status", status,
                ObligationStatus.class));
        ObligationType typeFilter = fields.read("type", () -> Params.enumValue("type", type, ObligationType.class));
        PageRequest pageRequest = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(queries.listByDebtor(context.caller(), debtor, statusFilter, typeFilter, pageRequest),
                ObligationJson::from);
    }

    @GET
    @Path("/payments")
    @Operation(operationId = "listDebtorPayments",
            summary = "A debtor's receipts",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (any other debtor is a 404)."
                    + " The payments of the debtor's vouchers, APPLIED and REVERSED, in the order they were posted"
                    + " (oldest first), with how each was applied; 50 to a page unless `size` says otherwise (at most"
                    + " 500), and `totalItems` counts them all. A payment posted while the pages are read comes after"
                    + " them.")
    @APIResponse(responseCode = "200", description = "One page of payments, oldest first")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client")
    public ListJson<PaymentJson> payments(
            @Parameter(description = "Cédula, RUC or passport", example = "1790012345001") @PathParam("debtorId")
            String debtorId,
            @BeanParam PageParams paging) {
        Fields fields = new Fields();
        DebtorId debtor = fields.read("debtorId", () -> Params.payerId(debtorId));
        PageRequest page = fields.read("page", paging::request);
        fields.check();
        return ListJson.of(payments.ofDebtor(context.caller(), debtor, page), PaymentJson::from);
    }

    @GET
    @Path("/statement")
    @Operation(operationId = "getStatement",
            summary = "A debtor's statement with arrears interest",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (any other debtor is a 404)."
                    + " For each unpaid obligation: principal balance, arrears interest to `asOf`, total and days"
                    + " overdue; then the totals. Interest is computed for the date asked from the rate table,"
                    + " summing unrounded daily amounts and rounding once per obligation.")
    @APIResponse(responseCode = "200", description = "The statement")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client")
    @APIResponse(responseCode = "422", description = "No arrears rate is in force on a day that needs one"
            + " (interest-rate-unavailable), or a total or a line's interest exceeds 9999999999999.99, the largest"
            + " amount the service holds (amount-out-of-range)")
    public StatementJson statement(
            @Parameter(description = "Cédula, RUC or passport", example = "1790012345001") @PathParam("debtorId")
            String debtorId,
            @Parameter(description = "Defaults to today in Guayaquil", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("asOf") String asOf) {
        DebtorId debtor = Params.payerId(debtorId);
        return StatementJson.from(queries.statement(context.caller(), debtor, Params.date("asOf", asOf)));
    }

    @GET
    @Path("/agreements")
    @Operation(operationId = "listDebtorAgreements",
            summary = "A debtor's payment agreements, newest first",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (any other debtor is a 404).")
    @APIResponse(responseCode = "200", description = "The agreements")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client")
    public ListJson<AgreementJson> agreements(
            @Parameter(description = "Cédula or RUC", example = "1790012344001") @PathParam("debtorId") String debtorId) {
        DebtorId debtor = Params.debtorId(debtorId);
        return ListJson.all(agreements.ofDebtor(context.caller(), debtor).stream().map(AgreementJson::from).toList());
    }

    @GET
    @Path("/compliance")
    @Operation(operationId = "getCompliance",
            summary = "The compliance certificate: is the debtor in arrears?",
            description = "**Who may call:** staff from READER up (people) and STAFF keys; an EMPLOYER for its"
                    + " own debtor (any other debtor is a 404). In"
                    + " arrears when any obligation is overdue on `asOf` (due before it, unpaid), an agreement"
                    + " installment included. Obligations inside an ACTIVE agreement do not count, so a debtor whose"
                    + " only debt is an agreement in good standing is not in arrears. Judged on the obligations as"
                    + " they are now.")
    @APIResponse(responseCode = "200", description = "The certificate")
    @APIResponse(responseCode = "404", description = "The debtor is not visible to this client")
    public ComplianceJson compliance(
            @Parameter(description = "Cédula or RUC", example = "1790012344001") @PathParam("debtorId") String debtorId,
            @Parameter(description = "Defaults to today in Guayaquil", schema = @Schema(type = SchemaType.STRING,
                    format = "date")) @QueryParam("asOf") String asOf) {
        DebtorId debtor = Params.debtorId(debtorId);
        CertifyComplianceUseCase.Compliance c = compliance.certify(context.caller(), debtor,
                Params.date("asOf", asOf));
        return new ComplianceJson(c.debtorId().value(), c.asOf(), c.inArrears(), c.reasons().stream()
                .map(r -> new ReasonJson(r.code(), r.obligationId().toString(), r.type(), r.dueDate(), r.daysOverdue(),
                        r.agreementId() == null ? null : r.agreementId().toString(),
                        (r.code().equals("OVERDUE_INSTALLMENT") ? "agreement installment" : "obligation")
                                + " due " + r.dueDate() + ", " + r.daysOverdue() + " days overdue"))
                .toList());
    }
}
