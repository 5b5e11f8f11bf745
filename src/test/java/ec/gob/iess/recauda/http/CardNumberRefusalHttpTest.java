package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * We never accept a card number (issue 12 §1): a mandate whose body holds one anywhere is refused with 400
 * {@code card-number-refused}, and the number is found nowhere afterwards: not in the answer, not in any log record
 * the service wrote meanwhile, not in any row of any table.
 */
@QuarkusTest
class CardNumberRefusalHttpTest {

    private static final String PAN = "4111111111111111";
    private static final String PROBLEMS = "https://recauda.iess.gob.ec/problems/";

    @Inject
    Database db;

    private static String body(String token, String brand, String last4, String year, String holder) {
        return "{\"processorToken\":\"" + token + "\",\"brand\":\"" + brand + "\",\"last4\":\"" + last4
                + "\",\"expiryMonth\":7,\"expiryYear\":" + year + ",\"holderName\":\"" + holder + "\",\"debitDay\":10}";
    }

    /** Every log record of the service while {@code work} runs, formatted with its parameters and its throwable. */
    private static List<String> logsOf(Runnable work) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder line = new StringBuilder(String.valueOf(r.getMessage()));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                    line.append(' ').append(t);
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            work.run();
        } finally {
            root.removeHandler(capture);
        }
        return lines;
    }

    @Test
    void a_card_number_anywhere_in_the_body_is_refused_and_leaves_no_trace() {
        String debtor = TestIds.companyRuc();
        String path = "/api/v1/debtors/" + debtor + "/card-mandates";
        List<String> bodies = List.of(
                body("tok_" + PAN, "VISA", "4242", "2030", "MARIA PEREZ"),
                body("tok_ok", "VISA", "4242", "2030", "MARIA 4111 1111 1111 1111"),
                body("tok_ok", "VISA", PAN, "2030", "MARIA PEREZ"),
                body("tok_ok", "4111-1111-1111-1111", "4242", "2030", "MARIA PEREZ"),
                body("tok_ok", "VISA", "4242", PAN, "MARIA PEREZ"),
                // Escaped digits only JSON reads as a card number.
                body("tok_ok", "VISA", "4242", "2030", "\\u0034\\u0031" + PAN.substring(2)),
                "{\"" + PAN + "\":1," + body("tok_ok", "VISA", "4242", "2030", "M").substring(1),
                "card " + PAN + " {not json");
        List<String> logs = logsOf(() -> {
            // The capture sees what the service's loggers write (a control line through the service's log manager).
            org.jboss.logging.Logger.getLogger("ec.gob.iess.recauda.control").info("capture works");
            for (String body : bodies) {
                Response answer = asStaff().contentType(ContentType.JSON).body(body).post(path);
                assertThat(answer.statusCode()).as(body).isEqualTo(400);
                assertThat(answer.jsonPath().getString("type")).isEqualTo(PROBLEMS + "card-number-refused");
                assertThat(answer.asString()).doesNotContain(PAN).doesNotContain("1111 1111")
                        .doesNotContain("1111-1111");
            }
        });
        assertThat(logs).contains("capture works");
        assertThat(logs).noneMatch(l -> l.contains(PAN) || l.contains("1111 1111") || l.contains("1111-1111"));
        for (String table : db.strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            assertThat(db.count("SELECT count(*) FROM \"" + table + "\" t WHERE t::text LIKE ? OR t::text LIKE ?",
                    "%" + PAN.substring(1) + "%", "%1111 1111%")).as(table).isZero();
        }
        assertThat(db.count("SELECT count(*) FROM card_mandate WHERE debtor_id = ?", debtor)).isZero();
    }

    @Test
    void a_refusal_names_the_fields_that_hold_a_card_number() {
        String debtor = TestIds.companyRuc();
        asStaff().contentType(ContentType.JSON).body(body("tok_" + PAN, "VISA", "4242", "2030", "M " + PAN))
                .post("/api/v1/debtors/" + debtor + "/card-mandates").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("processorToken", "holderName"));
    }
}
