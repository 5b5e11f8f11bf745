package ec.gob.iess.recauda.adapter.out.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lowagie.text.pdf.Barcode128;
import com.lowagie.text.pdf.PRTokeniser;
import com.lowagie.text.pdf.PdfContentParser;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfNumber;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import ec.gob.iess.recauda.application.port.out.VoucherDocuments.Document;
import ec.gob.iess.recauda.application.port.out.VoucherDocuments.Line;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The voucher PDF read back with OpenPDF's own reader: its text (what a person sees), its page count, and the
 * barcode as drawn on the page, compared bar by bar with a Code 128 encoding written here independently of OpenPDF.
 */
class PdfVoucherDocumentsTest {

    private static final String REFERENCE = "1234567890123456";
    private static final LocalDate ISSUED_ON = LocalDate.of(2026, 11, 24);
    private static final LocalDate EXPIRES_ON = LocalDate.of(2026, 11, 30);

    /** One line of each known type and one of a type this adapter does not know; the totals add up to 5551.64. */
    private static final List<Line> LINES = List.of(
            line(1, "CONTRIBUTION", "Planilla de aportes 2026-10", "2026-11-15", "1000.00", "12.35", "1012.35"),
            line(2, "RESERVE_FUND", "Fondos de reserva 2026-10", "2026-11-15", "83.30", "1.03", "84.33"),
            line(3, "EMPLOYER_LIABILITY", "Responsabilidad patronal por accidente de trabajo", "2026-06-30",
                    "2500.00", "310.42", "2810.42"),
            line(4, "FINE", "Multa por afiliación tardía", "2026-10-01", "30.00", "0.00", "30.00"),
            line(5, "GLOSA", "Glosa de auditoría 2025", "2026-09-01", "145.60", "4.11", "149.71"),
            line(6, "CREDIT_TITLE", "Título de crédito 2026-000123", "2026-08-15", "980.00", "51.09", "1031.09"),
            line(7, "MISC_CONCEPT", "Certificados y copias", "2026-11-01", "12.00", "0.00", "12.00"),
            line(8, "AGREEMENT_INSTALLMENT", "Convenio de purga de mora, cuota 3 de 12", "2026-11-10", "416.67",
                    "0.00", "416.67"),
            line(9, "SPECIAL_LEVY", "Concepto nuevo aún sin nombre", "2026-11-20", "5.00", "0.07", "5.07"));
    private static final String AMOUNT = "5551.64";

    private final PdfVoucherDocuments documents = new PdfVoucherDocuments();

    @Nested
    class The_file {

        @Test
        void is_a_pdf_of_one_page_that_a_pdf_reader_opens() throws IOException {
            byte[] pdf = documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES));

            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            PdfReader reader = new PdfReader(pdf);
            assertThat(reader.getNumberOfPages()).isEqualTo(1);
            assertThat(reader.getPageSize(1).getWidth()).as("A4 width in points").isEqualTo(595f);
            assertThat(reader.getPageSize(1).getHeight()).as("A4 height in points").isEqualTo(842f);
        }

        @Test
        void uses_the_standard_helvetica_with_winansi_encoding_so_that_spanish_letters_print() throws IOException {
            PdfReader reader = new PdfReader(documents.render(voucher("José Núñez", "ISSUED", LINES)));

            PdfDictionary fonts = reader.getPageN(1).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.FONT);
            assertThat(fonts).isNotNull();
            List<String> used = new ArrayList<>();
            for (PdfName key : fonts.getKeys()) {
                PdfDictionary font = fonts.getAsDict(key);
                used.add(font.getAsName(PdfName.BASEFONT) + " " + font.getAsName(PdfName.ENCODING));
            }
            assertThat(used).isNotEmpty()
                    .allSatisfy(font -> assertThat(font).matches("/Helvetica(-Bold)? /WinAnsiEncoding"));
        }

        @Test
        void is_the_same_bytes_every_time_the_same_voucher_is_rendered_whatever_the_clock_says()
                throws InterruptedException {
            Document voucher = voucher("Comercial Andina S.A.", "ISSUED", LINES);

            byte[] first = documents.render(voucher);
            Thread.sleep(1_100); // PDF dates have whole seconds: a clock-stamped file would now differ
            assertThat(documents.render(voucher)).isEqualTo(first);
        }

        @Test
        void is_rendered_the_same_by_several_threads_at_once() throws Exception {
            Document voucher = voucher("José Núñez", "ISSUED", LINES);
            byte[] expected = documents.render(voucher);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(() -> documents.render(voucher)));
                }
                for (Future<byte[]> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void is_refused_for_a_voucher_without_a_reference() {
            Document voucher = new Document(" ", "1790012345001", "Comercial Andina S.A.", AMOUNT, ISSUED_ON,
                    EXPIRES_ON, "ISSUED", LINES);

            assertThatThrownBy(() -> documents.render(voucher)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reference");
        }

        @Test
        void carries_a_file_identifier_that_differs_between_vouchers_and_dates_taken_from_the_issue_date()
                throws IOException {
            PdfReader paid = new PdfReader(documents.render(voucher("Comercial Andina S.A.", "PAID", LINES)));
            PdfReader issued = new PdfReader(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            String paidId = paid.getTrailer().getAsArray(PdfName.ID).toString();
            assertThat(paidId).isNotBlank().isNotEqualTo(issued.getTrailer().getAsArray(PdfName.ID).toString());
            assertThat(issued.getInfo()).containsEntry("CreationDate", "D:20261124000000-05'00'")
                    .containsEntry("ModDate", "D:20261124000000-05'00'")
                    .containsEntry("Title", "Comprobante de pago " + REFERENCE);
        }
    }

    @Nested
    class The_text {

        @Test
        void carries_the_institution_the_title_and_the_payment_instructions() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            assertThat(text).contains("Instituto Ecuatoriano de Seguridad Social — IESS",
                    "Dirección Nacional de Recaudación y Gestión de Cartera", "Comprobante de pago",
                    "Pague este comprobante en cualquier entidad financiera autorizada hasta la fecha de validez.",
                    "Pasada esa fecha, genere uno nuevo.", "Página 1 de");
        }

        @ParameterizedTest
        @ValueSource(strings = {"Comercial Andina S.A.", "José Núñez", "Construcciones Peñaherrera Cía. Ltda."})
        void shows_the_debtor_name_with_its_accents_and_the_debtor_id(String debtorName) throws IOException {
            String text = text(documents.render(voucher(debtorName, "ISSUED", LINES)));

            assertThat(text).contains(debtorName, "1790012345001");
        }

        @Test
        void shows_the_issue_date_the_expiry_date_and_the_amount_with_its_exact_cents() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            assertThat(text).contains("Fecha de emisión", "24/11/2026", "Válido hasta", "30/11/2026",
                    "Total a pagar", "USD 5,551.64");
        }

        @Test
        void shows_the_reference_grouped_in_fours_and_whole() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            assertThat(text).contains("1234 5678 9012 3456", REFERENCE);
        }

        @Test
        void shows_every_line_with_its_due_date_principal_interest_and_total() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            assertThat(text).contains("Tipo", "Descripción", "Vencimiento", "Capital", "Interés", "Total");
            for (Line line : LINES) {
                assertThat(text).contains(line.description(), printed(line.principal()),
                        printed(line.interest()), printed(line.total()),
                        String.format("%02d/%02d/%d", line.dueDate().getDayOfMonth(),
                                line.dueDate().getMonthValue(), line.dueDate().getYear()),
                        "Obligación " + line.obligationId());
            }
            assertThat(text).contains("2,500.00", "310.42", "2,810.42", "0.07");
        }

        @Test
        void names_each_obligation_type_in_spanish_and_prints_an_unknown_type_as_it_is() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            assertThat(text).contains("Aportes", "Fondos de reserva", "Responsabilidad patronal", "Multa", "Glosa",
                    "Título de crédito", "Concepto vario", "Cuota de convenio", "SPECIAL_LEVY");
            assertThat(text).doesNotContain("CONTRIBUTION", "RESERVE_FUND", "EMPLOYER_LIABILITY", "CREDIT_TITLE",
                    "MISC_CONCEPT", "AGREEMENT_INSTALLMENT");
        }
    }

    @Nested
    class The_status {

        @ParameterizedTest
        @CsvSource({
            "PAID,      PAGADO,  Este comprobante ya fue pagado. No lo pague de nuevo.",
            "CANCELLED, ANULADO, Este comprobante fue anulado y no se puede pagar.",
            "EXPIRED,   VENCIDO, Este comprobante venció y ya no se puede pagar. Genere uno nuevo.",
        })
        void of_a_voucher_that_must_not_be_paid_is_printed_large_with_the_reason(String status, String word,
                String reason) throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", status, LINES)));

            assertThat(text).contains(word, reason);
        }

        @Test
        void of_an_issued_voucher_is_not_printed() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            assertThat(text).doesNotContain("PAGADO", "ANULADO", "VENCIDO", "ISSUED", "no se puede pagar");
        }

        @Test
        void that_this_adapter_does_not_know_is_treated_as_not_payable_and_printed_as_it_is() throws IOException {
            String text = text(documents.render(voucher("Comercial Andina S.A.", "SUSPENDED", LINES)));

            assertThat(text).contains("SUSPENDED", "Este comprobante no se puede pagar (estado SUSPENDED).");
        }
    }

    @Nested
    class The_barcode {

        @Test
        void the_independent_encoder_gives_the_check_symbol_worked_out_by_hand() {
            // 105 + 12×1 + 34×2 + 56×3 + 78×4 + 90×5 + 12×6 + 34×7 + 56×8 = 1873; 1873 mod 103 = 19.
            assertThat(Code128C.symbols(REFERENCE)).containsExactly(105, 12, 34, 56, 78, 90, 12, 34, 56, 19, 106);
            // 105 + 0×1 = 105; 105 mod 103 = 2.
            assertThat(Code128C.symbols("00")).containsExactly(105, 0, 2, 106);
        }

        @Test
        void is_drawn_on_the_page_as_filled_bars_whose_widths_spell_the_reference_in_code_set_c() throws IOException {
            PdfReader reader = new PdfReader(documents.render(voucher("Comercial Andina S.A.", "ISSUED", LINES)));

            List<Bar> bars = barcodeBars(reader.getPageContent(1));

            assertThat(bars).as("filled rectangles of the barcode").hasSizeGreaterThanOrEqualTo(30);
            Widths widths = widths(bars);
            assertThat(widths.modulePoints()).as("narrowest bar in points (0.35 mm)").isBetween(0.9f, 1.1f);
            assertThat(bars.get(0).height()).as("bar height in points").isGreaterThanOrEqualTo(36f);
            assertThat(widths.modules()).isEqualTo(Code128C.modules(REFERENCE));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000000000000000", "9999999999999999", "0102030405060708", "2026112400001234",
            "12", "00123456789012345678"})
        void encodes_other_references_too(String reference) throws IOException {
            Document voucher = new Document(reference, "1790012345001", "Comercial Andina S.A.", AMOUNT,
                    ISSUED_ON, EXPIRES_ON, "ISSUED", LINES);
            PdfReader reader = new PdfReader(documents.render(voucher));

            assertThat(widths(barcodeBars(reader.getPageContent(1))).modules())
                    .isEqualTo(Code128C.modules(reference));
            assertThat(text(reader)).contains(reference);
        }

        /**
         * OpenPDF's own bar table for the reference: the same widths, followed by six zeros (its array is sized for
         * one symbol more than it fills). The adapter drops those zeros instead of drawing zero-width bars.
         */
        @Test
        void agrees_with_the_bar_table_openpdf_computes_for_the_reference() {
            List<Integer> expected = Code128C.modules(REFERENCE);
            byte[] raw = Barcode128.getBarsCode128Raw(Barcode128.getRawText(REFERENCE, false));
            List<Integer> openpdf = new ArrayList<>();
            for (byte width : raw) {
                openpdf.add((int) width);
            }
            List<Integer> adapter = new ArrayList<>();
            for (byte width : PdfVoucherDocuments.barWidths(REFERENCE)) {
                adapter.add((int) width);
            }

            assertThat(openpdf.subList(0, expected.size())).isEqualTo(expected);
            assertThat(openpdf.subList(expected.size(), openpdf.size())).containsOnly(0);
            assertThat(adapter).isEqualTo(expected);
        }
    }

    @Nested
    class Formatting {

        @ParameterizedTest
        @CsvSource({
            "1250.00,        '1,250.00'",
            "0.07,           0.07",
            "999999999999.99, '999,999,999,999.99'",
            "1234567.891,    '1,234,567.891'",
            "12,             12.00",
            "not a number,   not a number",
        })
        void of_amounts_groups_thousands_and_never_rounds(String amount, String printed) {
            assertThat(PdfVoucherDocuments.money(amount)).isEqualTo(printed);
        }

        @ParameterizedTest
        @CsvSource({
            "1234567890123456, 1234 5678 9012 3456",
            "123456789,        1234 5678 9",
            "1234,             1234",
        })
        void of_references_groups_digits_in_fours_from_the_left(String reference, String printed) {
            assertThat(PdfVoucherDocuments.grouped(reference)).isEqualTo(printed);
        }
    }

    @Nested
    class A_long_voucher {

        @Test
        void of_sixty_lines_spills_onto_further_pages_repeating_the_table_header_and_losing_no_line()
                throws IOException {
            List<Line> lines = IntStream.rangeClosed(1, 60)
                    .mapToObj(i -> line(i, i % 2 == 0 ? "CONTRIBUTION" : "GLOSA",
                            String.format("Obligación de prueba n.º %02d", i), "2026-10-15", "100.00", "1.25",
                            "101.25"))
                    .toList();
            Document voucher = new Document(REFERENCE, "1790012345001", "Comercial Andina S.A.", "6075.00",
                    ISSUED_ON, EXPIRES_ON, "ISSUED", lines);

            byte[][] rendered = new byte[1][];
            assertThatCode(() -> rendered[0] = documents.render(voucher)).doesNotThrowAnyException();
            PdfReader reader = new PdfReader(rendered[0]);

            int pages = reader.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(2);
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= pages; page++) {
                String text = extractor.getTextFromPage(page);
                assertThat(text).as("page %d", page)
                        .contains("Capital", "Interés", "Pague este comprobante", "Página " + page + " de");
                all.append(text).append('\n');
            }
            for (int i = 1; i <= 60; i++) {
                String description = String.format("Obligación de prueba n.º %02d", i);
                assertThat(count(all.toString(), description)).as(description).isEqualTo(1);
            }
            assertThat(extractor.getTextFromPage(pages)).contains("Total a pagar (60 obligaciones)", "USD 6,075.00");
            assertThat(extractor.getTextFromPage(1)).contains("USD 6,075.00", "1234 5678 9012 3456");
            assertThat(widths(barcodeBars(reader.getPageContent(1))).modules())
                    .as("the barcode is on page 1").isEqualTo(Code128C.modules(REFERENCE));
        }
    }

    // ---- Code 128, code set C, written from the specification (not from OpenPDF) ---------------------------------

    /**
     * Code 128 code set C: start C (105), one symbol per pair of digits whose value is the pair read as a number,
     * the check symbol (105 + Σ value_i × i) mod 103 with i counted from 1, and stop (106). Each symbol is six
     * alternating bar/space widths in modules (bar first) adding up to 11; the stop is seven widths adding up to 13.
     */
    static final class Code128C {

        private static final String[] PATTERNS = (""
                + "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 "
                + "221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 "
                + "221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 "
                + "212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 "
                + "231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 "
                + "231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 "
                + "314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 "
                + "112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 "
                + "111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 "
                + "214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 "
                + "114131 311141 411131 211412 211214 211232 2331112").split(" ");
        private static final int START_C = 105;
        private static final int STOP = 106;

        static List<Integer> symbols(String digits) {
            if (digits.isEmpty() || digits.length() % 2 != 0 || !digits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("code set C needs an even number of digits: " + digits);
            }
            List<Integer> symbols = new ArrayList<>();
            symbols.add(START_C);
            int sum = START_C;
            for (int i = 0; i < digits.length(); i += 2) {
                int value = Integer.parseInt(digits.substring(i, i + 2));
                symbols.add(value);
                sum += value * (i / 2 + 1);
            }
            symbols.add(sum % 103);
            symbols.add(STOP);
            return symbols;
        }

        static List<Integer> modules(String digits) {
            List<Integer> modules = new ArrayList<>();
            for (int symbol : symbols(digits)) {
                for (char width : PATTERNS[symbol].toCharArray()) {
                    modules.add(width - '0');
                }
            }
            return modules;
        }
    }

    @Test
    void the_code_128_pattern_table_written_here_is_well_formed() {
        assertThat(Code128C.PATTERNS).hasSize(107).doesNotHaveDuplicates();
        for (int symbol = 0; symbol < 106; symbol++) {
            assertThat(Code128C.PATTERNS[symbol]).hasSize(6);
            assertThat(Code128C.PATTERNS[symbol].chars().map(c -> c - '0').sum()).as("symbol %d", symbol)
                    .isEqualTo(11);
            // bars (positions 0, 2, 4) always add up to an even number of modules: the parity check of Code 128
            String p = Code128C.PATTERNS[symbol];
            assertThat((p.charAt(0) - '0') + (p.charAt(2) - '0') + (p.charAt(4) - '0')).as("symbol %d", symbol)
                    .isEven();
        }
        assertThat(Code128C.PATTERNS[106].chars().map(c -> c - '0').sum()).isEqualTo(13);
    }

    // ---- reading the page -----------------------------------------------------------------------------------------

    /** A filled rectangle as the page content draws it ({@code x y w h re} followed by a fill). */
    record Bar(float x, float y, float width, float height) {
    }

    /** Bar and space widths in modules, from the first bar to the last, and the width of one module in points. */
    record Widths(List<Integer> modules, float modulePoints) {
    }

    /**
     * The filled rectangles of the page content that share one baseline and one height, the largest such set: the
     * bars of the barcode. (Cell shading is also drawn with filled rectangles, but each of those has its own row.)
     */
    private static List<Bar> barcodeBars(byte[] content) throws IOException {
        PdfContentParser parser = new PdfContentParser(new PRTokeniser(content));
        List<PdfObject> operands = new ArrayList<>();
        List<Bar> pending = new ArrayList<>();
        List<Bar> filled = new ArrayList<>();
        while (!parser.parse(operands).isEmpty()) {
            String operator = operands.get(operands.size() - 1).toString();
            switch (operator) {
                case "re" -> pending.add(new Bar(number(operands, 0), number(operands, 1), number(operands, 2),
                        number(operands, 3)));
                case "f", "F", "f*", "B", "B*", "b", "b*" -> {
                    filled.addAll(pending);
                    pending.clear();
                }
                case "S", "s", "n", "m" -> pending.clear();
                default -> {
                }
            }
        }
        Map<String, List<Bar>> rows = new LinkedHashMap<>();
        for (Bar bar : filled) {
            rows.computeIfAbsent(String.format(Locale.ROOT, "%.2f/%.2f", bar.y(), bar.height()),
                    k -> new ArrayList<>()).add(bar);
        }
        return rows.values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of()).stream()
                .sorted(Comparator.comparingDouble(Bar::x)).toList();
    }

    private static float number(List<PdfObject> operands, int index) {
        return ((PdfNumber) operands.get(index)).floatValue();
    }

    /**
     * Bar, space, bar, space ... bar: each bar's width and each gap to the next bar, divided by the narrowest of
     * them all (every Code 128 start symbol has a one-module element), checked to be whole numbers of modules.
     */
    private static Widths widths(List<Bar> bars) {
        List<Float> points = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            points.add(bar.width());
            if (i + 1 < bars.size()) {
                points.add(bars.get(i + 1).x() - (bar.x() + bar.width()));
            }
        }
        float module = points.stream().min(Float::compare).orElseThrow();
        List<Integer> modules = new ArrayList<>();
        for (float width : points) {
            float ratio = width / module;
            assertThat(Math.abs(ratio - Math.round(ratio))).as("width %s is a whole number of modules", width)
                    .isLessThan(0.05f);
            modules.add(Math.round(ratio));
        }
        return new Widths(modules, module);
    }

    private static String text(byte[] pdf) throws IOException {
        return text(new PdfReader(pdf));
    }

    private static String text(PdfReader reader) throws IOException {
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append('\n');
        }
        return text.toString().replaceAll("\\s+", " "); // a description wrapped in its cell reads as one line
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** "2500.00" as printed: thousands separated by commas, decimal point, the cents as given. */
    private static String printed(String amount) {
        return String.format(Locale.US, "%,.2f", new BigDecimal(amount));
    }

    // ---- fixtures -------------------------------------------------------------------------------------------------

    private static Document voucher(String debtorName, String status, List<Line> lines) {
        return new Document(REFERENCE, "1790012345001", debtorName, AMOUNT, ISSUED_ON, EXPIRES_ON, status, lines);
    }

    private static Line line(int n, String type, String description, String dueDate, String principal,
            String interest, String total) {
        return new Line(String.format("0b6f3c2e-7d1a-4f8e-9c5b-%012d", n), type, description,
                LocalDate.parse(dueDate), principal, interest, total);
    }

    @Test
    void the_fixture_lines_add_up_to_the_voucher_amount() {
        BigDecimal sum = LINES.stream().map(l -> new BigDecimal(l.total())).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(AMOUNT);
        assertThat(LINES).allSatisfy(l -> assertThat(new BigDecimal(l.principal()).add(new BigDecimal(l.interest())))
                .isEqualByComparingTo(l.total()));
    }
}
