package ec.gob.iess.recauda.adapter.out.document;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.Barcode128;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfGState;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPCellEvent;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import ec.gob.iess.recauda.application.port.out.VoucherDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The payment voucher as an A4 portrait PDF (OpenPDF, see docs/adr/0008-pdf-and-barcodes.md).
 *
 * <p>Page 1 carries, in this order: the institution's header; a large notice when the voucher is not payable any
 * more (paid, cancelled, expired); the debtor and the dates; the amount to pay with the reference as text and as a
 * Code 128 barcode; then the table of obligations. A long table spills onto further pages, its header row repeated,
 * so the amount and the barcode a bank teller needs are always on page 1. Every page has the footer with the
 * payment instructions and "Página n de m"; a voucher that is not payable has its status printed diagonally across
 * every page as well.
 *
 * <p>Text uses the standard Helvetica with WinAnsi (CP1252) encoding, so the Spanish letters (á é í ó ú ñ) and
 * the dashes print; the font is one of the PDF standard 14, referenced by name and not embedded. The barcode
 * encodes exactly the reference: {@link Barcode128} in {@code CODE128} mode computes the bar widths, switching to
 * code set C for runs of digits (an all-digit reference of even length is start C, one symbol per pair of digits,
 * check symbol, stop), and this class draws them straight onto the page, one filled rectangle per bar. The output
 * is deterministic: the document dates are the issue date and the file identifier is a digest of the file itself.
 */
@ApplicationScoped
public class PdfVoucherDocuments implements VoucherDocuments {

    private static final Map<String, String> TYPE_NAMES = Map.of(
            "CONTRIBUTION", "Aportes",
            "RESERVE_FUND", "Fondos de reserva",
            "EMPLOYER_LIABILITY", "Responsabilidad patronal",
            "FINE", "Multa",
            "GLOSA", "Glosa",
            "CREDIT_TITLE", "Título de crédito",
            "MISC_CONCEPT", "Concepto vario",
            "AGREEMENT_INSTALLMENT", "Cuota de convenio");

    /** What is printed on a voucher that must not be paid: the word stamped on it and the sentence explaining it. */
    record Notice(String word, String reason) {
    }

    private static final Notice CANCELLED =
            new Notice("ANULADO", "Este comprobante fue anulado y no se puede pagar.");
    private static final Map<String, Notice> NOT_PAYABLE = Map.of(
            "PAID", new Notice("PAGADO", "Este comprobante ya fue pagado. No lo pague de nuevo."),
            "CANCELLED", CANCELLED,
            "CANCELED", CANCELLED,
            "EXPIRED", new Notice("VENCIDO", "Este comprobante venció y ya no se puede pagar. Genere uno nuevo."));
    private static final String ISSUED = "ISSUED";

    static final String INSTITUTION = "Instituto Ecuatoriano de Seguridad Social — IESS";
    static final String DIRECTORATE = "Dirección Nacional de Recaudación y Gestión de Cartera";
    static final String TITLE = "Comprobante de pago";
    static final String FOOTER_1 =
            "Pague este comprobante en cualquier entidad financiera autorizada hasta la fecha de validez.";
    static final String FOOTER_2 = "Pasada esa fecha, genere uno nuevo.";

    /** Width of the narrowest bar in points (0.35 mm): wide enough for any counter scanner. */
    static final float BAR_MODULE = 1.0f;
    static final float BAR_HEIGHT = 42f;
    private static final float MARGIN = 36f;
    private static final float BOTTOM_MARGIN = 64f;
    private static final ZoneId ECUADOR = ZoneId.of("America/Guayaquil");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final Color INK = Color.BLACK;
    private static final Color BRAND = new Color(0, 61, 121);
    private static final Color MUTED = new Color(90, 90, 90);
    private static final Color RULE = new Color(170, 170, 170);
    private static final Color SHADE = new Color(232, 236, 242);
    private static final Color ALERT = new Color(190, 0, 0);

    private final BaseFont regular;
    private final BaseFont bold;

    public PdfVoucherDocuments() {
        try {
            regular = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("the standard Helvetica metrics shipped with OpenPDF cannot be read", e);
        }
    }

    @Override
    public byte[] render(Document voucher) {
        Objects.requireNonNull(voucher, "document");
        requireText(voucher.reference(), "reference");
        Objects.requireNonNull(voucher.debtorId(), "debtorId");
        Objects.requireNonNull(voucher.debtorName(), "debtorName");
        Objects.requireNonNull(voucher.amount(), "amount");
        Objects.requireNonNull(voucher.issuedOn(), "issuedOn");
        Objects.requireNonNull(voucher.expiresOn(), "expiresOn");
        requireText(voucher.status(), "status");

        Notice notice = notice(voucher.status());
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4, MARGIN, MARGIN, MARGIN,
                BOTTOM_MARGIN);
        PdfWriter writer = PdfWriter.getInstance(pdf, out);
        writer.setPageEvent(new EveryPage(voucher.reference(), notice == null ? null : notice.word()));
        metadata(pdf, voucher);
        pdf.open();
        // Fixed dates (the issue date) instead of "now": the same voucher always gives the same bytes. OpenPDF
        // stamps the creation date itself (Document.addCreationDate only resets it to now), so it is overwritten
        // in the information dictionary.
        PdfDate issued = new PdfDate(GregorianCalendar.from(voucher.issuedOn().atStartOfDay(ECUADOR)));
        writer.getInfo().put(PdfName.CREATIONDATE, issued);
        writer.getInfo().put(PdfName.MODDATE, issued);

        pdf.add(header());
        if (notice != null) {
            pdf.add(notice(notice));
        }
        pdf.add(parties(voucher));
        pdf.add(payment(voucher));
        pdf.add(lines(voucher));
        pdf.close();
        return withStableFileId(out.toByteArray());
    }

    // ---- page 1 blocks -------------------------------------------------------------------------------------------

    private PdfPTable header() {
        PdfPTable table = table(new float[] {62, 38});
        PdfPCell left = plain();
        left.addElement(paragraph(INSTITUTION, font(bold, 12.5f, BRAND), Element.ALIGN_LEFT));
        left.addElement(paragraph(DIRECTORATE, font(regular, 9.5f, MUTED), Element.ALIGN_LEFT));
        table.addCell(left);
        PdfPCell right = plain();
        right.setVerticalAlignment(Element.ALIGN_MIDDLE);
        right.addElement(paragraph(TITLE, font(bold, 17f, INK), Element.ALIGN_RIGHT));
        table.addCell(right);
        PdfPCell rule = plain();
        rule.setColspan(2);
        rule.setBorder(Rectangle.BOTTOM);
        rule.setBorderColor(BRAND);
        rule.setBorderWidth(1.5f);
        rule.setFixedHeight(6f);
        table.addCell(rule);
        table.setSpacingAfter(10f);
        return table;
    }

    private PdfPTable notice(Notice notice) {
        PdfPTable table = table(new float[] {1});
        PdfPCell cell = new PdfPCell();
        cell.setBorderColor(ALERT);
        cell.setBorderWidth(2.5f);
        cell.setPadding(8f);
        cell.setPaddingBottom(10f);
        cell.addElement(paragraph(notice.word(), font(bold, 30f, ALERT), Element.ALIGN_CENTER));
        cell.addElement(paragraph(notice.reason(), font(bold, 11f, ALERT), Element.ALIGN_CENTER));
        table.addCell(cell);
        table.setSpacingAfter(10f);
        return table;
    }

    private PdfPTable parties(Document voucher) {
        PdfPTable table = table(new float[] {22, 78});
        labelled(table, "Deudor", voucher.debtorName(), font(bold, 11f, INK));
        labelled(table, "Identificación", voucher.debtorId(), font(regular, 11f, INK));
        labelled(table, "Fecha de emisión", date(voucher.issuedOn()), font(regular, 11f, INK));
        labelled(table, "Válido hasta", date(voucher.expiresOn()), font(bold, 11f, INK));
        table.setSpacingAfter(10f);
        return table;
    }

    private PdfPTable payment(Document voucher) {
        PdfPTable table = table(new float[] {40, 60});

        PdfPCell amount = boxed();
        amount.setVerticalAlignment(Element.ALIGN_MIDDLE);
        amount.addElement(paragraph("Total a pagar", font(regular, 10f, MUTED), Element.ALIGN_LEFT));
        amount.addElement(paragraph("USD " + money(voucher.amount()), font(bold, 20f, INK), Element.ALIGN_LEFT));
        table.addCell(amount);

        PdfPCell reference = boxed();
        reference.addElement(paragraph("Referencia de pago", font(regular, 10f, MUTED), Element.ALIGN_CENTER));
        reference.addElement(paragraph(grouped(voucher.reference()), font(bold, 16f, INK), Element.ALIGN_CENTER));
        reference.addElement(paragraph(voucher.reference(), font(regular, 8.5f, MUTED), Element.ALIGN_CENTER));
        table.addCell(reference);

        PdfPCell barcode = boxed();
        barcode.setColspan(2);
        barcode.setBorder(Rectangle.LEFT | Rectangle.RIGHT | Rectangle.BOTTOM);
        barcode.setFixedHeight(BAR_HEIGHT + 20f);
        barcode.setCellEvent(new BarcodeDrawing(voucher.reference()));
        table.addCell(barcode);

        table.setSpacingAfter(14f);
        return table;
    }

    private PdfPTable lines(Document voucher) {
        PdfPTable table = table(new float[] {15, 36, 12, 13, 11, 13});
        table.setHeaderRows(1);
        table.setSplitLate(false);
        Font head = font(bold, 8.5f, INK);
        String[] titles = {"Tipo", "Descripción", "Vencimiento", "Capital", "Interés", "Total"};
        for (int i = 0; i < titles.length; i++) {
            PdfPCell cell = cell(titles[i], head, i >= 3 ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            cell.setBackgroundColor(SHADE);
            table.addCell(cell);
        }
        Font body = font(regular, 8.5f, INK);
        Font small = font(regular, 6.5f, MUTED);
        for (Line line : voucher.lines()) {
            Objects.requireNonNull(line, "line");
            table.addCell(cell(typeName(line.type()), body, Element.ALIGN_LEFT));
            table.addCell(description(line, body, small));
            table.addCell(cell(line.dueDate() == null ? "—" : date(line.dueDate()), body, Element.ALIGN_LEFT));
            table.addCell(cell(money(line.principal()), body, Element.ALIGN_RIGHT));
            table.addCell(cell(money(line.interest()), body, Element.ALIGN_RIGHT));
            table.addCell(cell(money(line.total()), body, Element.ALIGN_RIGHT));
        }
        PdfPCell label = cell("Total a pagar (" + voucher.lines().size()
                + (voucher.lines().size() == 1 ? " obligación)" : " obligaciones)"), head, Element.ALIGN_RIGHT);
        label.setColspan(5);
        label.setBackgroundColor(SHADE);
        table.addCell(label);
        PdfPCell total = cell("USD " + money(voucher.amount()), head, Element.ALIGN_RIGHT);
        total.setBackgroundColor(SHADE);
        table.addCell(total);
        return table;
    }

    /** The description, and under it in small print the obligation's id (for a call to the help desk). */
    private static PdfPCell description(Line line, Font body, Font small) {
        PdfPCell cell = cell("", body, Element.ALIGN_LEFT);
        cell.setPaddingTop(1.5f);
        cell.addElement(paragraph(line.description() == null ? "" : line.description(), body, Element.ALIGN_LEFT));
        if (line.obligationId() != null) {
            cell.addElement(paragraph("Obligación " + line.obligationId(), small, Element.ALIGN_LEFT));
        }
        return cell;
    }

    // ---- the barcode --------------------------------------------------------------------------------------------

    /**
     * The bar and space widths, in modules, that OpenPDF's {@link Barcode128} computes for the reference in
     * {@code CODE128} mode (code set C for runs of digits), without the trailing zero widths its array carries:
     * OpenPDF 2.0.5 sizes that array for one symbol more than it fills, and its own {@code placeBarcode} then draws
     * those zeros as degenerate zero-width rectangles after the stop bar, which some renderers paint as a hairline.
     */
    static byte[] barWidths(String reference) {
        byte[] raw = Barcode128.getBarsCode128Raw(Barcode128.getRawText(reference, false));
        int length = raw.length;
        while (length > 0 && raw[length - 1] == 0) {
            length--;
        }
        return Arrays.copyOf(raw, length);
    }

    /**
     * Draws the bars centred in the cell once its place on the page is known, straight onto the page's content: one
     * filled rectangle per bar, nothing for a space. The cell is far wider than the symbol, so the quiet zones (at
     * least 10 modules each side) stay clear.
     */
    private static final class BarcodeDrawing implements PdfPCellEvent {
        private final byte[] widths;

        BarcodeDrawing(String reference) {
            this.widths = barWidths(reference);
        }

        @Override
        public void cellLayout(PdfPCell cell, Rectangle position, PdfContentByte[] canvases) {
            int modules = 0;
            for (byte width : widths) {
                modules += width;
            }
            float x = position.getLeft() + (position.getWidth() - modules * BAR_MODULE) / 2f;
            float y = position.getBottom() + (position.getHeight() - BAR_HEIGHT) / 2f;
            PdfContentByte canvas = canvases[PdfPTable.BASECANVAS];
            canvas.saveState();
            canvas.setColorFill(INK);
            for (int i = 0; i < widths.length; i++) {
                float width = widths[i] * BAR_MODULE;
                if (i % 2 == 0) {
                    canvas.rectangle(x, y, width, BAR_HEIGHT);
                }
                x += width;
            }
            canvas.fill();
            canvas.restoreState();
        }
    }

    // ---- every page: footer, page numbers, status stamp ----------------------------------------------------------

    private final class EveryPage extends PdfPageEventHelper {
        private final String reference;
        private final String stamp;
        private PdfTemplate pageCount;

        EveryPage(String reference, String stamp) {
            this.reference = reference;
            this.stamp = stamp;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, com.lowagie.text.Document document) {
            pageCount = writer.getDirectContent().createTemplate(30, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, com.lowagie.text.Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            Rectangle page = document.getPageSize();
            float left = document.left();
            float right = document.right();

            canvas.saveState();
            canvas.setColorStroke(RULE);
            canvas.setLineWidth(0.5f);
            canvas.moveTo(left, 50f);
            canvas.lineTo(right, 50f);
            canvas.stroke();
            canvas.restoreState();

            Font footer = font(regular, 8.5f, INK);
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(FOOTER_1, footer), left, 40f, 0);
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(FOOTER_2, footer), left, 29f, 0);
            String where = "Comprobante " + grouped(reference) + " · Página " + writer.getPageNumber() + " de ";
            Font small = font(regular, 7.5f, MUTED);
            float width = regular.getWidthPoint(where, 7.5f);
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(where, small), right - width - 12f,
                    16f, 0);
            canvas.addTemplate(pageCount, right - 12f, 16f);

            if (stamp != null) {
                float size = Math.min(130f, 620f / bold.getWidthPoint(stamp, 1f));
                canvas.saveState();
                PdfGState translucent = new PdfGState();
                translucent.setFillOpacity(0.22f);
                canvas.setGState(translucent);
                canvas.beginText();
                canvas.setFontAndSize(bold, size);
                canvas.setColorFill(ALERT);
                canvas.showTextAligned(Element.ALIGN_CENTER, stamp, page.getWidth() / 2f, page.getHeight() / 2f
                        - size / 3f, 45f);
                canvas.endText();
                canvas.restoreState();
            }
        }

        @Override
        public void onCloseDocument(PdfWriter writer, com.lowagie.text.Document document) {
            pageCount.beginText();
            pageCount.setFontAndSize(regular, 7.5f);
            pageCount.setColorFill(MUTED);
            pageCount.setTextMatrix(0, 0);
            pageCount.showText(String.valueOf(writer.getPageNumber() - 1));
            pageCount.endText();
        }
    }

    // ---- formatting ----------------------------------------------------------------------------------------------

    /** The Spanish name of an obligation type; a code this adapter does not know is printed as it is. */
    static String typeName(String type) {
        if (type == null) {
            return "";
        }
        return TYPE_NAMES.getOrDefault(type, type);
    }

    /** "1234567890123456" as "1234 5678 9012 3456": groups of four from the left. */
    static String grouped(String reference) {
        StringBuilder text = new StringBuilder(reference.length() + reference.length() / 4);
        for (int i = 0; i < reference.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                text.append(' ');
            }
            text.append(reference.charAt(i));
        }
        return text.toString();
    }

    /**
     * "1250.00" as "1,250.00": thousands grouped, every decimal kept exactly as given (never rounded). Text that
     * is not a number is printed unchanged rather than guessed at.
     */
    static String money(String amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            return amount;
        }
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.US));
        int decimals = Math.max(2, value.scale());
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format.format(value);
    }

    static String date(LocalDate date) {
        return DATE.format(date);
    }

    /**
     * The notice for a voucher that must not be paid; null for an issued (payable) one. A status this adapter does
     * not know is printed as it is and treated as not payable: printing it as payable would be the worse mistake.
     */
    static Notice notice(String status) {
        if (ISSUED.equals(status)) {
            return null;
        }
        Notice known = NOT_PAYABLE.get(status);
        if (known != null) {
            return known;
        }
        return new Notice(status.toUpperCase(Locale.ROOT), "Este comprobante no se puede pagar (estado " + status
                + ").");
    }

    /**
     * OpenPDF 2.0.5 writes a trailer {@code /ID} made from the clock and the free memory, and offers no way to set
     * it. This replaces it, in place and at the same length (so no offset moves), by the MD5 of the file with the
     * identifier blanked: the same voucher then always gives the same bytes. A file whose trailer does not have the
     * expected shape is returned untouched.
     */
    static byte[] withStableFileId(byte[] pdf) {
        byte[] marker = "/ID [<".getBytes(StandardCharsets.US_ASCII);
        int at = lastIndexOf(pdf, marker);
        int first = at + marker.length;
        int second = first + 32 + 2; // "><"
        if (at < 0 || second + 32 + 2 > pdf.length || !isHex(pdf, first, 32) || pdf[first + 32] != '>'
                || pdf[first + 33] != '<' || !isHex(pdf, second, 32) || pdf[second + 32] != '>'
                || pdf[second + 33] != ']') {
            return pdf;
        }
        byte[] stable = pdf.clone();
        Arrays.fill(stable, first, first + 32, (byte) '0');
        Arrays.fill(stable, second, second + 32, (byte) '0');
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(stable);
        } catch (NoSuchAlgorithmException e) {
            return pdf; // every Java platform has MD5; keep the random identifier if one ever does not
        }
        byte[] hex = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, stable, first, 32);
        System.arraycopy(hex, 0, stable, second, 32);
        return stable;
    }

    private static int lastIndexOf(byte[] data, byte[] part) {
        for (int i = data.length - part.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHex(byte[] data, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (Character.digit(data[i], 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    // ---- building blocks -----------------------------------------------------------------------------------------

    private void metadata(com.lowagie.text.Document pdf, Document voucher) {
        pdf.addTitle(TITLE + " " + voucher.reference());
        pdf.addSubject("Comprobante de pago de obligaciones con el IESS");
        pdf.addAuthor("Instituto Ecuatoriano de Seguridad Social");
        pdf.addCreator("Recauda");
    }

    private static PdfPTable table(float[] widths) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100f);
        table.setSplitRows(true);
        return table;
    }

    private void labelled(PdfPTable table, String label, String value, Font valueFont) {
        PdfPCell name = cell(label, font(regular, 9.5f, MUTED), Element.ALIGN_LEFT);
        name.setBorder(Rectangle.NO_BORDER);
        table.addCell(name);
        PdfPCell content = cell(value, valueFont, Element.ALIGN_LEFT);
        content.setBorder(Rectangle.NO_BORDER);
        table.addCell(content);
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        cell.setVerticalAlignment(Element.ALIGN_TOP);
        cell.setBorderColor(RULE);
        cell.setBorderWidth(0.5f);
        cell.setPadding(3.5f);
        cell.setPaddingBottom(4.5f);
        cell.setUseAscender(true);
        return cell;
    }

    private static PdfPCell plain() {
        PdfPCell cell = new PdfPCell();
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setPadding(0f);
        return cell;
    }

    private static PdfPCell boxed() {
        PdfPCell cell = new PdfPCell();
        cell.setBorderColor(INK);
        cell.setBorderWidth(1f);
        cell.setPadding(8f);
        return cell;
    }

    private static Paragraph paragraph(String text, Font font, int alignment) {
        Paragraph paragraph = new Paragraph(text, font);
        paragraph.setAlignment(alignment);
        paragraph.setLeading(font.getSize() * 1.2f);
        return paragraph;
    }

    private static Font font(BaseFont base, float size, Color color) {
        return new Font(base, size, Font.NORMAL, color);
    }
}
