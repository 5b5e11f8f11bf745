package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.application.port.in.AgreementView;
import ec.gob.iess.recauda.domain.agreement.Agreement;
import ec.gob.iess.recauda.domain.agreement.AgreementStatus;
import ec.gob.iess.recauda.domain.agreement.CoveredObligation;
import ec.gob.iess.recauda.domain.agreement.DebtorKind;
import ec.gob.iess.recauda.domain.agreement.ScheduledInstallment;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A payment agreement. */
@Schema(name = "Agreement")
public record AgreementJson(
        @Schema(format = "uuid") String id,
        AgreementStatus status,
        String debtorId,
        String debtorName,
        DebtorKind debtorKind,
        @Schema(description = "The signing day: the debt's interest is counted to it") LocalDate signedOn,
        int termMonths,
        @Schema(type = SchemaType.STRING, example = "0.1098",
                description = "The agreement's annual rate, fixed at signing") String annualRate,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                description = "Principal balances plus arrears interest to the signing day") String debt,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String downPayment,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String financedAmount,
        boolean requiresApproval,
        List<CoveredJson> obligations,
        @Schema(description = "Null while the agreement waits for approval") DownPaymentVoucherJson downPaymentVoucher,
        @Schema(description = "Dated from the signing day until the agreement is active, from the activation day"
                + " after; each installment names its obligation once active") List<InstallmentJson> schedule,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String totalInterest,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String totalToPay,
        LocalDate activatedOn,
        DecisionJson decision,
        LocalDate closedOn,
        String closeReason,
        @Schema(description = "Once DEFAULTED: what went back to each covered obligation (its interest to the"
                + " signing day and principal still unpaid)") List<ReinstatedJson> reinstated,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                description = "Once DEFAULTED: the sum reinstated, equal to the financed amount less the principal"
                        + " paid through installments") String reinstatedTotal,
        Instant createdAt,
        long version) {

    /** A covered obligation as it stood on the signing day. */
    @Schema(name = "AgreementObligation")
    public record CoveredJson(@Schema(format = "uuid") String obligationId, ObligationType type, LocalDate dueDate,
                              @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal,
                              @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                                      description = "Arrears interest to the signing day") String interest) {
        public static CoveredJson from(CoveredObligation c) {
            return new CoveredJson(c.obligationId().toString(), c.type(), c.dueDate(), c.principal().toString(),
                    c.interest().toString());
        }
    }

    /** The voucher of the down payment. */
    @Schema(name = "DownPaymentVoucher")
    public record DownPaymentVoucherJson(String reference,
                                         @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String amount,
                                         LocalDate expiresOn) {
    }

    /** One installment of the amortization table. */
    @Schema(name = "AgreementInstallment")
    public record InstallmentJson(int number, LocalDate dueDate,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String installment,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String interest,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String balance,
                                  @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                                          description = "The principal of the covered debt still unpaid before this"
                                                  + " installment: its interest is the monthly rate times this base."
                                                  + " The arrears interest the agreement finances bears no interest,"
                                                  + " so the base is below the balance while some is unpaid")
                                  String interestBase,
                                  @Schema(format = "uuid", description = "Its AGREEMENT_INSTALLMENT obligation, once"
                                          + " active") String obligationId,
                                  @Schema(description = "Its obligation's status, once active") ObligationStatus status) {
        public static InstallmentJson from(ScheduledInstallment i, AgreementView.Installment obligation) {
            return new InstallmentJson(i.number(), i.dueDate(), i.installment().toString(), i.interest().toString(),
                    i.principal().toString(), i.balance().toString(), i.interestBase().toString(),
                    obligation == null ? null : obligation.obligationId().toString(),
                    obligation == null ? null : obligation.status());
        }
    }

    /** A director's decision. */
    @Schema(name = "AgreementDecision")
    public record DecisionJson(boolean approved, String note, String decidedBy, Instant decidedAt) {
    }

    /** What a default reinstated on one covered obligation. */
    @Schema(name = "ReinstatedDebt")
    public record ReinstatedJson(@Schema(format = "uuid") String obligationId,
                                 @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal,
                                 @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String interest) {
    }

    public static AgreementJson from(AgreementView view) {
        Agreement a = view.agreement();
        Map<Integer, AgreementView.Installment> byNumber = view.installments().stream()
                .collect(Collectors.toMap(AgreementView.Installment::number, Function.identity()));
        Agreement.DownPaymentVoucher v = a.downPaymentVoucher();
        Agreement.Decision d = a.decision();
        boolean defaulted = a.status() == AgreementStatus.DEFAULTED;
        return new AgreementJson(a.id().toString(), a.status(), a.debtorId().value(), a.debtorName(), a.debtorKind(),
                a.signedOn(), a.termMonths(), a.annualRate().toPlainString(), a.debt().toString(),
                a.downPayment().toString(), a.financedAmount().toString(), a.requiresApproval(),
                a.covered().stream().map(CoveredJson::from).toList(),
                v == null ? null : new DownPaymentVoucherJson(v.reference(), v.amount().toString(), v.expiresOn()),
                a.schedule().stream().map(i -> InstallmentJson.from(i, byNumber.get(i.number()))).toList(),
                a.totalInterest().toString(), a.totalToPay().toString(), a.activatedOn(),
                d == null ? null : new DecisionJson(d.approved(), d.note(), d.decidedBy(), d.decidedAt()),
                a.closedOn(), a.closeReason(),
                defaulted ? view.reinstated().stream().map(r -> new ReinstatedJson(
                        r.obligation().obligationId().toString(), r.principal().toString(), r.interest().toString()))
                        .toList() : null,
                defaulted ? view.reinstated().stream().map(Agreement.Remainder::total)
                        .reduce(ec.gob.iess.recauda.domain.shared.Money.ZERO,
                                ec.gob.iess.recauda.domain.shared.Money::plus).toString() : null,
                a.createdAt(), a.version());
    }
}
