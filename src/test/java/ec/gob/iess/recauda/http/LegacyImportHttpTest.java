package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The legacy import over HTTP (issue 11 §2): a file with good, duplicate and malformed rows is imported as written,
 * row numbers and all; repeated, it changes nothing; a file that is not the expected CSV stores nothing.
 */
@QuarkusTest
class LegacyImportHttpTest {

    private static final String PATH = "/api/v1/admin/legacy-imports";
    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";
    private static final String HEADER = "legacyId,debtorId,debtorName,type,issueDate,dueDate,principal,description";

    @Inject
    Database db;

    private static io.restassured.response.Response post(byte[] body) {
        return asStaff().contentType("text/csv; charset=UTF-8").body(body).post(PATH);
    }

    private static JsonPath completed(String importId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath status = asStaff().get(PATH + "/" + importId).then().statusCode(200).extract().jsonPath();
            if ("COMPLETED".equals(status.getString("status"))) {
                return status;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import " + importId + " did not complete in 60 s");
    }

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @Test
    void a_file_of_good_duplicate_and_malformed_rows_is_imported_as_written_and_can_be_repeated() {
        String prefix = "G-" + UUID.randomUUID().toString().substring(0, 8);
        String employer = TestIds.companyRuc();
        String person = TestIds.cedula();
        String doubtful = TestIds.companyRucWithWrongCheckDigit();
        String file = "\uFEFF" + HEADER + "\r\n"
                + prefix + "-1," + employer + ",\"Textiles del Pacífico, S.A.\",GLOSA,2004-05-11,2004-06-30,1520.40,"
                + "Glosa por aportes impagos\r\n"
                + prefix + "-2," + person + ",María José Quishpe,CREDIT_TITLE,2010-01-04,2010-02-28,310.00,"
                + "\"Título de crédito \"\"TC-88\"\"\nsegunda línea\"\r\n"
                + prefix + "-1," + employer + ",Otra vez,GLOSA,2004-05-11,2004-06-30,99.99,repetida en el archivo\r\n"
                + prefix + "-4," + employer + ",Faltan campos,GLOSA,2004-05-11,2004-06-30\r\n"
                + prefix + "-5," + employer + ",Tipo errado,FINE,2004-05-11,2004-06-30,10.00,\r\n"
                + prefix + "-6," + employer + ",Monto errado,GLOSA,2004-05-11,2004-06-30,\"12,50\",\r\n"
                + prefix + "-7," + employer + ",Fecha errada,GLOSA,2004-13-11,2004-06-30,10.00,\r\n"
                + prefix + "-8," + doubtful + ",Dígito dudoso,GLOSA,2008-03-01,2008-04-30,75.25,\r\n"
                + prefix + "-9," + employer + ",Emitida tarde,GLOSA,2005-01-01,2004-06-30,10.00,\r\n";
        byte[] body = file.getBytes(StandardCharsets.UTF_8);

        io.restassured.response.Response received = post(body);
        received.then().statusCode(202).body("rowsRead", equalTo(9)).body("rejected", equalTo(5));
        String importId = received.path("importId");
        assertThat(received.header("Location")).endsWith(PATH + "/" + importId);
        JsonPath done = completed(importId);
        assertThat(done.getInt("accepted")).isEqualTo(3);
        assertThat(done.getInt("duplicates")).isEqualTo(1);
        assertThat(done.getInt("rejected")).isEqualTo(5);
        assertThat(done.getInt("pending")).isZero();
        assertThat(done.getInt("warnings")).isEqualTo(1);

        JsonPath rejections = asStaff().get(PATH + "/" + importId + "/rejections").then().statusCode(200).extract()
                .jsonPath();
        assertThat(rejections.getList("items.row")).containsExactly(5, 6, 7, 8, 10);
        assertThat(rejections.getList("items.legacyId")).containsExactly(prefix + "-4", prefix + "-5", prefix + "-6",
                prefix + "-7", prefix + "-9");
        assertThat(rejections.getList("items.reason")).containsExactly("malformed-row", "invalid-value",
                "invalid-value", "invalid-value", "invalid-value");
        assertThat(rejections.getList("items.field")).containsExactly(null, "type", "principal", "issueDate",
                "issueDate");

        Map<String, Object> glosa = Api.itemOf("/api/v1/debtors/" + employer + "/obligations", "externalReference",
                prefix + "-1");
        assertThat(glosa).containsEntry("type", "GLOSA").containsEntry("stage", "GLOSA")
                .containsEntry("sourceSystem", "LEGACY").containsEntry("principal", "1520.40")
                .containsEntry("debtorName", "Textiles del Pacífico, S.A.").containsEntry("dueDate", "2004-06-30");
        Map<String, Object> title = Api.itemOf("/api/v1/debtors/" + person + "/obligations", "externalReference",
                prefix + "-2");
        assertThat(title).containsEntry("type", "CREDIT_TITLE").containsEntry("stage", "CREDIT_TITLE")
                .containsEntry("description", "Título de crédito \"TC-88\"\nsegunda línea");
        assertThat(db.count("SELECT count(*) FROM obligation WHERE source_system = 'LEGACY'"
                + " AND external_reference LIKE ?", prefix + "-%")).isEqualTo(3);

        // The same file again: every good row is a duplicate, nothing changes.
        String again = post(body).then().statusCode(202).extract().path("importId");
        JsonPath repeated = completed(again);
        assertThat(repeated.getInt("accepted")).isZero();
        assertThat(repeated.getInt("duplicates")).isEqualTo(4);
        assertThat(repeated.getInt("rejected")).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE source_system = 'LEGACY'"
                + " AND external_reference LIKE ?", prefix + "-%")).isEqualTo(3);
        assertThat(db.string("SELECT principal::text FROM obligation WHERE external_reference = ?", prefix + "-1"))
                .isEqualTo("1520.40");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'LEGACY_IMPORT_RECEIVED'"
                + " AND entity_id IN (?, ?)", importId, again)).isEqualTo(2);
    }

    @Test
    void a_file_that_is_not_the_expected_csv_is_refused_whole_and_stores_nothing() {
        long imports = db.count("SELECT count(*) FROM legacy_import");
        String row = "G-X-" + UUID.randomUUID().toString().substring(0, 8) + "," + TestIds.companyRuc()
                + ",Nombre,GLOSA,2004-05-11,2004-06-30,10.00,\r\n";
        post(("legacyId,debtorId,debtorName,type,dueDate,issueDate,principal,description\r\n" + row)
                .getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-csv")).body("errors[0].field", equalTo("header"));
        post((HEADER + "\r\n" + row + row.replace("Nombre", "\"Sin cierre") + row).getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-csv"))
                .body("detail", org.hamcrest.Matchers.containsString("not valid CSV"));
        post((HEADER + "\r\n" + row + "x".repeat(100_001) + "\r\n").getBytes(StandardCharsets.UTF_8)).then()
                .statusCode(400).body("detail", org.hamcrest.Matchers.containsString("longer than 100000"));
        // Line breaks inside quotes do not start a new record: a record of many short quoted lines is bounded too.
        post((HEADER + "\r\n" + row + "\"" + "a\n".repeat(60_000) + "\",\r\n").getBytes(StandardCharsets.UTF_8))
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("at row 3"));
        asStaff().contentType("application/json").body(Map.of("rows", List.of())).post(PATH).then()
                .statusCode(415);
        asStaff().get(PATH + "/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", equalTo(PROBLEMS + "legacy-import-not-found"));
        assertThat(db.count("SELECT count(*) FROM legacy_import")).isEqualTo(imports);

        // A row in another encoding is refused alone; the rest of the file is imported. An empty line is a row.
        String good = "G-Y-" + UUID.randomUUID().toString().substring(0, 8) + "," + TestIds.companyRuc()
                + ",Nombre,GLOSA,2004-05-11,2004-06-30,10.00,\r\n";
        byte[] mixed = concat((HEADER + "\r\n" + good + "\r\n").getBytes(StandardCharsets.UTF_8),
                row.replace("Nombre", "Año").getBytes(StandardCharsets.ISO_8859_1));
        String importId = post(mixed).then().statusCode(202).body("rejected", equalTo(1)).extract().path("importId");
        asStaff().get(PATH + "/" + importId + "/rejections").then().statusCode(200)
                .body("items[0].row", equalTo(4)).body("items[0].field", equalTo("debtorName"))
                .body("items[0].detail", equalTo("is not UTF-8 text"));
        assertThat(completed(importId).getInt("accepted")).isEqualTo(1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
