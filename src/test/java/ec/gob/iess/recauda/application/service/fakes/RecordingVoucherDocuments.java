package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.VoucherDocuments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link VoucherDocuments} port as a recorder: it keeps every {@link Document} it was asked to render (records,
 * so as they were given) and answers bytes that name the reference, not a real PDF (that is the PDF adapter's test).
 */
public final class RecordingVoucherDocuments implements VoucherDocuments {

    private final List<Document> rendered = new ArrayList<>();

    @Override
    public byte[] render(Document document) {
        rendered.add(document);
        return bytesFor(document);
    }

    /** The bytes {@link #render} answers for a document. */
    public static byte[] bytesFor(Document document) {
        return ("%PDF- voucher " + document.reference()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Every document rendered, in order. */
    public List<Document> rendered() {
        return List.copyOf(rendered);
    }

    /** The only document rendered; fails when there is none or more than one. */
    public Document single() {
        if (rendered.size() != 1) {
            throw new AssertionError("expected exactly one rendered document, found " + rendered.size());
        }
        return rendered.get(0);
    }
}
