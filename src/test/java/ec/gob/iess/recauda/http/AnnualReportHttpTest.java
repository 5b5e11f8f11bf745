package ec.gob.iess.recauda.http;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static ec.gob.iess.recauda.support.Api.as;
import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 §3: the annual collection report as a PDF carries the same figures as the JSON reports of its year (read
 * back from the document's text), renders (rasterised by poppler's {@code pdftoppm}, the pages must have ink), and is
 * for staff only. The payments of 2043 and 2044 are this class's own, written straight into the ledgers.
 */
@QuarkusTest
class AnnualReportHttpTest {

    @Inject
    Database db;

    @Test
    void the_document_of_a_year_says_what_the_json_reports_say_and_renders() throws Exception {
        // The current year's document ages the whole portfolio as of today: the rates must reach its oldest debt.
        db.clearRates();
        Api.setRate("1900-01-01", "0.1123");
        String entity = "RPT-ANNUAL";
        Api.registerEntity(entity, "23:59");
        payment("MINISTRY_BATCH", null, LocalDate.of(2043, 3, 14), "1520340.15", "CONTRIBUTION", 30);
        payment("MINISTRY_BATCH", null, LocalDate.of(2044, 3, 2), "1711002.40", "CONTRIBUTION", -5);
        payment("BANK", entity, LocalDate.of(2044, 7, 21), "8021.55", "GLOSA", 400);
        payment("SETTLEMENT", null, LocalDate.of(2044, 11, 30), "250000.00", "FINE", 3);

        byte[] pdf = asStaff().accept("application/pdf").queryParam("year", "2044").get("/api/v1/reports/annual")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text = text(pdf);

        JsonPath yoy = asStaff().queryParam("year", "2044").get("/api/v1/reports/collections/year-over-year")
                .then().statusCode(200).extract().jsonPath();
        assertThat(text).contains(money(yoy.getString("total")), money(yoy.getString("previousYearTotal")),
                money(yoy.getString("difference")));
        for (int m = 0; m < 12; m++) {
            assertThat(text).contains(money(yoy.getString("months[" + m + "].total")));
        }
        // The months' table: each row is the month, this year, the year before, in that order.
        assertThat(text).contains("Mar " + money(yoy.getString("months[2].total")) + " "
                + money(yoy.getString("months[2].previousYearTotal")));
        assertThat(text).contains("Jul " + money(yoy.getString("months[6].total")) + " 0.00");
        for (String grouping : List.of("channel", "entity")) {
            JsonPath rows = asStaff().queryParam("from", "2044-01-01").queryParam("to", "2044-12-31")
                    .queryParam("groupBy", grouping).get("/api/v1/reports/collections").then().statusCode(200)
                    .extract().jsonPath();
            for (Map<String, Object> row : rows.<Map<String, Object>>getList("rows")) {
                assertThat(text).as(grouping + " " + row.get("key")).contains(money((String) row.get("amount")));
            }
        }
        assertThat(text).contains(entity);
        // BANK and SETTLEMENT collected in 2044 and not in 2043 (no other test class pays in 2043).
        assertThat(text).contains("Canales nuevos en 2044: Entidades financieras, Liquidaciones del sector público.");
        JsonPath recovery = asStaff().queryParam("from", "2044-01-01").queryParam("to", "2044-12-31")
                .get("/api/v1/reports/recovery").then().statusCode(200).extract().jsonPath();
        assertThat(text).contains(money(recovery.getString("total.amount")),
                money(recovery.getString("agreementInstallments.amount")));
        // 2044 has not ended: its aging is the portfolio's today, as the JSON report gives it.
        JsonPath aging = asStaff().get("/api/v1/reports/portfolio-aging").then().statusCode(200).extract().jsonPath();
        assertThat(text).contains("Antigüedad de la cartera al " + aging.getString("asOf"),
                money(aging.getString("total.principal")), money(aging.getString("total.interest")));

        rasterise(pdf);

        // A past year whose end no daily close recorded says so instead of inventing the figures.
        byte[] past = asStaff().accept("application/pdf").queryParam("year", "2025").get("/api/v1/reports/annual")
                .then().statusCode(200).extract().asByteArray();
        assertThat(text(past)).contains("no fue registrada");
    }

    @Test
    void only_staff_may_have_it_and_the_year_is_checked() {
        as(Api.newKey("EMPLOYER", TestIds.companyRuc())).accept("application/pdf").queryParam("year", "2044")
                .get("/api/v1/reports/annual").then().statusCode(403);
        asStaff().accept("application/pdf").queryParam("year", "44").get("/api/v1/reports/annual").then()
                .statusCode(400);
        asStaff().accept("application/pdf").get("/api/v1/reports/annual").then().statusCode(400);
    }

    /** Every page as a PNG by {@code pdftoppm}; each must have ink on it. */
    private static void rasterise(byte[] pdf) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("annual-report");
        try {
            Path file = dir.resolve("report.pdf");
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdftoppm", "-r", "40", "-png", file.toString(),
                    dir.resolve("page").toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pdftoppm ended").isTrue();
            assertThat(p.exitValue()).as("pdftoppm (poppler-utils) rendered the document: " + output).isZero();
            List<Path> pages;
            try (var files = Files.list(dir)) {
                pages = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
            }
            assertThat(pages).as("one image per page").hasSize(new PdfReader(pdf).getNumberOfPages());
            for (Path page : pages) {
                BufferedImage image = ImageIO.read(page.toFile());
                long ink = 0;
                for (int x = 0; x < image.getWidth(); x++) {
                    for (int y = 0; y < image.getHeight(); y++) {
                        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                            ink++;
                        }
                    }
                }
                assertThat(ink).as(page + " has ink").isGreaterThan(500);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static String text(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        PdfTextExtractor extractor = new PdfTextExtractor(reader);
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(extractor.getTextFromPage(page)).append('\n');
        }
        return text.toString();
    }

    /** As the document prints amounts: {@code 8,604,000.50}. */
    private static String money(String amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US))
                .format(new BigDecimal(amount));
    }

    /** One APPLIED payment of one obligation, due {@code overdueDays} before the payment's date. */
    private void payment(String channel, String entity, LocalDate day, String amount, String type, int overdueDays) {
        UUID obligation = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        db.execute("INSERT INTO obligation (id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
                + " interest_paid, due_date, version, created_at, updated_at) VALUES ('" + obligation + "', '"
                + TestIds.companyRuc() + "', 'Empleador anual', '" + type + "', '"
                + (type.equals("GLOSA") ? "GLOSA" : "REGULAR") + "', 'PENDING', " + amount + ", 0, 0, '"
                + day.minusDays(overdueDays) + "', 0, now(), now())");
        String voucher = null;
        if (entity != null) {
            voucher = "7" + String.format("%015d", Math.floorMod(payment.getLeastSignificantBits(),
                    1_000_000_000_000_000L));
            db.execute("INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on, status,"
                    + " description, lines, issued_by, created_at, updated_at, version) VALUES ('" + voucher
                    + "', 'X', 'Empleador anual', " + amount + ", '" + day + "', '" + day + "', 'PAID', 'Anual',"
                    + " '[]', 'test', now(), now(), 0)");
        }
        String settlement = null;
        if (channel.equals("SETTLEMENT")) {
            settlement = UUID.randomUUID().toString();
            db.execute("INSERT INTO settlement (id, transfer_reference, payer_id, amount, value_date, request_sha256,"
                    + " applied_amount, unapplied_amount, result, created_at, created_by) VALUES ('" + settlement
                    + "', 'ANUAL-" + settlement + "', '1760013210001', " + amount + ", '" + day + "', decode(md5('"
                    + settlement + "') || md5('x'), 'hex'), " + amount + ", 0, '{}', now(), 'test')");
        }
        db.execute("INSERT INTO payment (id, channel, entity_code, bank_transaction_id, voucher_reference, batch_id,"
                + " line_no, settlement_id, amount, paid_at, business_date, status, created_at) VALUES ('" + payment
                + "', '" + channel + "', " + quoted(entity) + ", " + quoted(entity == null ? null : "TX-" + payment)
                + ", " + quoted(voucher) + ", " + quoted(channel.equals("MINISTRY_BATCH") ? "ANNUAL-BATCH" : null)
                + ", " + (channel.equals("MINISTRY_BATCH") ? String.valueOf(Math.floorMod(payment.hashCode(), 999_999)
                + 1) : "NULL") + ", " + quoted(settlement) + ", " + amount + ", '" + day + "T15:00:00Z', '" + day
                + "', 'APPLIED', now())");
        db.execute("INSERT INTO payment_allocation (payment_id, obligation_id, interest, principal, position)"
                + " VALUES ('" + payment + "', '" + obligation + "', 0, " + amount + ", 0)");
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
