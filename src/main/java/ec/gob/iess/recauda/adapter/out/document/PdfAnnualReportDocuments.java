package ec.gob.iess.recauda.adapter.out.document;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import ec.gob.iess.recauda.application.port.out.AnnualReportDocuments;
import ec.gob.iess.recauda.domain.report.AgingBucket;
import ec.gob.iess.recauda.domain.report.Amount;
import ec.gob.iess.recauda.domain.report.AnnualReport;
import ec.gob.iess.recauda.domain.report.CollectionGrouping;
import ec.gob.iess.recauda.domain.report.CollectionRow;
import ec.gob.iess.recauda.domain.report.PortfolioAging;
import ec.gob.iess.recauda.domain.report.Ratio;
import ec.gob.iess.recauda.domain.report.Recovery;
import ec.gob.iess.recauda.domain.report.YearOverYear;
import jakarta.enterprise.context.ApplicationScoped;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The collection section of the year's accountability report as an A4 portrait PDF (OpenPDF, as the vouchers: ADR
 * 0008), its charts drawn by JFreeChart straight into the PDF as vector graphics (a {@link PdfTemplate}'s
 * {@code Graphics2D}), each with the table of its figures under it: the year against the year before, month by month;
 * the split by channel (the new channels of the year named) and by financial entity; the recovered debt by stage and
 * through agreements; the portfolio's aging at the year's end.
 *
 * <p>Amounts are printed in US dollars with a comma between thousands and a dot before the cents ({@code 8,604.00}),
 * as the institution's reports print them; every figure is the JSON reports' (the tests read the text back).
 */
@ApplicationScoped
public class PdfAnnualReportDocuments implements AnnualReportDocuments {

    static final String[] MONTHS = {"Ene", "Feb", "Mar", "Abr", "May", "Jun", "Jul", "Ago", "Sep", "Oct", "Nov",
            "Dic"};
    private static final Map<String, String> STAGES = Map.of("REGULAR", "Cartera regular", "GLOSA", "Glosas",
            "CREDIT_TITLE", "Títulos de crédito", "ENFORCEMENT", "Coactiva");
    private static final Map<String, String> CHANNELS = Map.of("BANK", "Entidades financieras", "CARD",
            "Débito a tarjeta", "MINISTRY_BATCH", "Ministerio de Finanzas (lotes)", "SETTLEMENT",
            "Liquidaciones del sector público");
    private static final Color BLUE = new Color(0x1F, 0x4E, 0x79);
    private static final Color LIGHT = new Color(0x9D, 0xC3, 0xE6);
    private static final float CHART_WIDTH = 515;
    private static final float CHART_HEIGHT = 230;
    private static final int MAX_ENTITY_BARS = 15;

    private final Font title = font(BaseFont.HELVETICA_BOLD, 16);
    private final Font heading = font(BaseFont.HELVETICA_BOLD, 12);
    private final Font body = font(BaseFont.HELVETICA, 9);
    private final Font bold = font(BaseFont.HELVETICA_BOLD, 9);

    private static Font font(String name, float size) {
        try {
            return new Font(BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED), size);
        } catch (java.io.IOException | DocumentException e) {
            throw new IllegalStateException("a standard PDF font is always there", e);
        }
    }

    /** {@code 8604000.5} as {@code 8,604,000.50}. */
    static String money(Amount amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return format.format(amount.value());
    }

    @Override
    public byte[] render(AnnualReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        // A chart that does not fit the rest of a page goes to the next one with what follows it, in order.
        writer.setStrictImageSequence(true);
        document.addTitle("Recaudación " + report.year());
        document.addCreator("Recauda");
        document.open();
        Paragraph head = new Paragraph("Instituto Ecuatoriano de Seguridad Social\n"
                + "Dirección Nacional de Recaudación y Gestión de Cartera", body);
        document.add(head);
        Paragraph name = new Paragraph("Informe de rendición de cuentas " + report.year() + ": recaudación", title);
        name.setSpacingBefore(8);
        name.setSpacingAfter(8);
        document.add(name);
        collections(document, writer, report);
        channels(document, writer, report);
        entities(document, writer, report);
        recovery(document, writer, report.recovery());
        aging(document, writer, report);
        document.close();
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------- sections

    private void collections(Document document, PdfWriter writer, AnnualReport report) {
        YearOverYear y = report.collections();
        section(document, "1. Total recaudado");
        String growth = y.growthPercent() == null ? "sin recaudación el año anterior"
                : y.growthPercent().toPlainString() + " %";
        document.add(new Paragraph("En " + y.year() + " se recaudaron USD " + money(y.total()) + ", USD "
                + money(y.difference()) + " de diferencia con " + (y.year() - 1) + " (USD "
                + money(y.previousYearTotal()) + "; variación " + growth + ").", body));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (YearOverYear.Month m : y.months()) {
            data.addValue(millions(m.previousYearTotal()), String.valueOf(y.year() - 1), MONTHS[m.month() - 1]);
            data.addValue(millions(m.total()), String.valueOf(y.year()), MONTHS[m.month() - 1]);
        }
        chart(document, writer, bars("Recaudación mensual (millones de USD)", data, PlotOrientation.VERTICAL));
        PdfPTable table = table(new float[]{2, 3, 3}, "Mes", String.valueOf(y.year()), String.valueOf(y.year() - 1));
        for (YearOverYear.Month m : y.months()) {
            row(table, MONTHS[m.month() - 1], money(m.total()), money(m.previousYearTotal()));
        }
        totalRow(table, "Total", money(y.total()), money(y.previousYearTotal()));
        document.add(table);
    }

    private void channels(Document document, PdfWriter writer, AnnualReport report) {
        section(document, "2. Recaudación por canal");
        String added = report.newChannels().isEmpty() ? "ninguno"
                : String.join(", ", report.newChannels().stream().map(PdfAnnualReportDocuments::channel).toList());
        document.add(new Paragraph("Canales nuevos en " + report.year() + ": " + added + ".", body));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        report.byChannel().forEach(r -> data.addValue(millions(r.amount()), "USD", channel(r.key())));
        chart(document, writer, bars("Por canal (millones de USD)", data, PlotOrientation.HORIZONTAL));
        document.add(shares("Canal", report.byChannel(), true, report.collections().total()));
    }

    private void entities(Document document, PdfWriter writer, AnnualReport report) {
        section(document, "3. Recaudación por entidad");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        report.byEntity().stream()
                .sorted((a, b) -> b.amount().compareTo(a.amount()))
                .limit(MAX_ENTITY_BARS)
                .forEach(r -> data.addValue(millions(r.amount()), "USD", entity(r.key())));
        chart(document, writer, bars("Las " + MAX_ENTITY_BARS + " entidades (o canales sin entidad) que más recaudaron"
                + " (millones de USD)",
                data, PlotOrientation.HORIZONTAL));
        document.add(shares("Entidad", report.byEntity(), false, report.collections().total()));
    }

    private void recovery(Document document, PdfWriter writer, Recovery r) {
        section(document, "4. Cartera recuperada");
        document.add(new Paragraph("Lo cobrado de obligaciones vencidas al pagarse, por etapa de cobro, y las cuotas de"
                + " convenios de pago: USD " + money(r.total().amount()) + ".", body));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Recovery.StageLine s : r.byStage()) {
            data.addValue(millions(s.line().principal()), "Capital", STAGES.get(s.stage().name()));
            data.addValue(millions(s.line().interest()), "Intereses", STAGES.get(s.stage().name()));
        }
        data.addValue(millions(r.agreementInstallments().principal()), "Capital", "Convenios de pago");
        data.addValue(millions(r.agreementInstallments().interest()), "Intereses", "Convenios de pago");
        chart(document, writer, bars("Recuperado (millones de USD)", data, PlotOrientation.VERTICAL));
        PdfPTable table = table(new float[]{3, 2, 3, 3, 3}, "Origen", "Obligaciones", "Capital", "Intereses", "Total");
        for (Recovery.StageLine s : r.byStage()) {
            recoveryRow(table, STAGES.get(s.stage().name()), s.line(), false);
        }
        recoveryRow(table, "Convenios de pago", r.agreementInstallments(), false);
        recoveryRow(table, "Total", r.total(), true);
        document.add(table);
    }

    private void aging(Document document, PdfWriter writer, AnnualReport report) {
        section(document, "5. Antigüedad de la cartera al " + report.agingAsOf());
        PortfolioAging a = report.aging();
        if (a == null) {
            document.add(new Paragraph("La antigüedad de la cartera al " + report.agingAsOf() + " no fue registrada"
                    + " por el cierre diario de ese día.", body));
            return;
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (PortfolioAging.Bucket b : a.buckets()) {
            data.addValue(millions(b.figures().principal()), "Capital", days(b.bucket()));
            data.addValue(millions(b.figures().interest()), "Intereses", days(b.bucket()));
        }
        chart(document, writer, bars("Cartera vencida por días de mora (millones de USD)", data,
                PlotOrientation.VERTICAL));
        PdfPTable table = table(new float[]{3, 2, 3, 3}, "Días de mora", "Obligaciones", "Capital", "Intereses");
        for (PortfolioAging.Bucket b : a.buckets()) {
            row(table, days(b.bucket()), String.valueOf(b.figures().count()), money(b.figures().principal()),
                    money(b.figures().interest()));
        }
        totalRow(table, "Total", String.valueOf(a.total().count()), money(a.total().principal()),
                money(a.total().interest()));
        row(table, "En convenio de pago", String.valueOf(a.inAgreement().count()),
                money(a.inAgreement().principal()), "");
        document.add(table);
    }

    // ----------------------------------------------------------------------------------------------------- helpers

    private static String channel(String key) {
        return CHANNELS.getOrDefault(key, key);
    }

    /** An entity's code; a payment through no entity is named by its channel. */
    private static String entity(String key) {
        return key.startsWith(CollectionGrouping.CHANNEL_PREFIX)
                ? channel(key.substring(CollectionGrouping.CHANNEL_PREFIX.length())) + " (sin entidad)" : key;
    }

    private static String days(AgingBucket bucket) {
        return bucket == AgingBucket.OVER_1825 ? "más de 1825" : bucket.label();
    }

    /** A bar's height: the amount in millions, exact (JFreeChart takes any {@link Number}). */
    private static BigDecimal millions(Amount amount) {
        return amount.value().movePointLeft(6);
    }

    /** A section: from the second on, each on a page of its own, its chart and table together. */
    private void section(Document document, String text) {
        if (!text.startsWith("1.")) {
            document.newPage();
        }
        Paragraph p = new Paragraph(text, heading);
        p.setSpacingBefore(14);
        p.setSpacingAfter(4);
        document.add(p);
    }

    private PdfPTable shares(String what, List<CollectionRow> rows, boolean channels, Amount total) {
        PdfPTable table = table(new float[]{4, 2, 3, 2}, what, "Pagos", "USD", "%");
        for (CollectionRow r : rows) {
            BigDecimal share = Ratio.percent(r.amount().value(), total.value());
            row(table, channels ? channel(r.key()) : entity(r.key()), String.valueOf(r.count()), money(r.amount()),
                    share == null ? "" : share.toPlainString());
        }
        totalRow(table, "Total", String.valueOf(rows.stream().mapToLong(CollectionRow::count).sum()), money(total),
                total.value().signum() == 0 ? "" : "100.00");
        return table;
    }

    private void recoveryRow(PdfPTable table, String name, Recovery.Line line, boolean total) {
        String[] cells = {name, String.valueOf(line.count()), money(line.principal()), money(line.interest()),
                money(line.amount())};
        if (total) {
            totalRow(table, cells);
        } else {
            row(table, cells);
        }
    }

    private PdfPTable table(float[] widths, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        for (String h : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(h, bold));
            cell.setBackgroundColor(new Color(0xDD, 0xE7, 0xF2));
            cell.setHorizontalAlignment(h.equals(headers[0]) ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            table.addCell(cell);
        }
        return table;
    }

    private void row(PdfPTable table, String... cells) {
        cells(table, body, cells);
    }

    private void totalRow(PdfPTable table, String... cells) {
        cells(table, bold, cells);
    }

    private static void cells(PdfPTable table, Font font, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            PdfPCell cell = new PdfPCell(new Phrase(new Chunk(cells[i], font)));
            cell.setHorizontalAlignment(i == 0 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            table.addCell(cell);
        }
    }

    private static JFreeChart bars(String name, DefaultCategoryDataset data, PlotOrientation orientation) {
        CategoryAxis categories = new CategoryAxis();
        categories.setMaximumCategoryLabelLines(3);
        NumberAxis values = new NumberAxis();
        // Millions with up to two decimals; a chart of zeros still has an axis from 0 (not one of nanodollars).
        values.setNumberFormatOverride(new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.US)));
        values.setAutoRangeMinimumSize(0.1);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, LIGHT);
        renderer.setSeriesPaint(1, BLUE);
        if (data.getRowCount() == 1) {
            renderer.setSeriesPaint(0, BLUE);
        }
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(orientation);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, data.getRowCount() > 1);
        chart.setTitle(new TextTitle(name, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        return chart;
    }

    /** Draws the chart as vector graphics into a template of the page's width, placed as an image. */
    private static void chart(Document document, PdfWriter writer, JFreeChart chart) {
        PdfContentByte content = writer.getDirectContent();
        PdfTemplate template = content.createTemplate(CHART_WIDTH, CHART_HEIGHT);
        Graphics2D g2 = template.createGraphics(CHART_WIDTH, CHART_HEIGHT);
        try {
            chart.draw(g2, new Rectangle2D.Double(0, 0, CHART_WIDTH, CHART_HEIGHT));
        } finally {
            g2.dispose();
        }
        Image image = Image.getInstance(template);
        image.setAlignment(Element.ALIGN_CENTER);
        document.add(image);
    }
}
