package ec.gob.iess.recauda.adapter.in.rest.json;

import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** A payment voucher. */
@Schema(name = "Voucher")
public record VoucherJson(
        @Schema(description = "16 digits ending in ISO 7064 MOD 97-10 check digits", example = "4852016937150404")
        String reference,
        String debtorId,
        String debtorName,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, description = "Exactly what must be paid")
        String amount,
        LocalDate issuedOn,
        @Schema(description = "Last business date it can be paid") LocalDate expiresOn,
        VoucherStatus status,
        String description,
        List<LineJson> lines) {

    /** One obligation on the voucher, with the amounts frozen at issue. */
    @Schema(name = "VoucherLine")
    public record LineJson(@Schema(format = "uuid") String obligationId, ObligationType type, LocalDate dueDate,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String principal,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN,
                                   description = "Arrears interest projected to the expiry date") String interest,
                           @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN) String total) {
    }

    public static VoucherJson from(VoucherView view) {
        Voucher v = view.voucher();
        return new VoucherJson(v.reference().value(), v.debtorId().value(), v.debtorName(), v.amount().toString(),
                v.issuedOn(), v.expiresOn(), view.status(), v.description(),
                v.lines().stream().map(l -> new LineJson(l.obligationId().toString(), l.type(), l.dueDate(),
                        l.principal().toString(), l.interest().toString(), l.total().toString())).toList());
    }
}
