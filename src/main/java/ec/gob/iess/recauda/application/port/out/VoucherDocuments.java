package ec.gob.iess.recauda.application.port.out;

import java.time.LocalDate;
import java.util.List;

/** Renders a payment voucher as a printable document (PDF) that anyone can take to a partner bank. */
public interface VoucherDocuments {

    /** Everything printed on a voucher, already formatted where it is money ("1250.00"). */
    record Document(String reference, String debtorId, String debtorName, String amount, LocalDate issuedOn,
                    LocalDate expiresOn, String status, List<Line> lines) {
        public Document {
            lines = List.copyOf(lines);
        }
    }

    /** One obligation paid by the voucher. */
    record Line(String obligationId, String type, String description, LocalDate dueDate, String principal,
                String interest, String total) {
    }

    /** The voucher as PDF bytes. */
    byte[] render(Document document);
}
