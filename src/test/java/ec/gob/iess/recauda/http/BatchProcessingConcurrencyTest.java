package ec.gob.iess.recauda.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.in.ProcessBatchesUseCase;
import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.Ministry;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several processors settle one batch at the same time, on real threads against the one database, as several
 * service instances would (the scheduled job of this instance joins in too): every line is settled once, no
 * obligation is paid twice, and the money adds up to the control total (issue 11 §1).
 */
@QuarkusTest
class BatchProcessingConcurrencyTest {

    private static final int LINES = 300;
    private static final int PROCESSORS = 4;

    @Inject
    ProcessBatchesUseCase processing;
    @Inject
    Database db;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @Test
    void four_processors_on_one_batch_settle_each_line_once() throws Exception {
        Ministry ministry = Ministry.register();
        List<Map<String, Object>> obligations = new ArrayList<>();
        List<Map<String, Object>> lines = new ArrayList<>();
        Set<String> employers = new HashSet<>();
        for (int i = 1; i <= LINES; i++) {
            String employer = TestIds.publicEntityRuc();
            // The RUCs of public entities are few: each line's employer is one no other line or test has used.
            if (!employers.add(employer) || db.count("SELECT count(*) FROM obligation WHERE debtor_id = ?",
                    employer) > 0) {
                i--;
                continue;
            }
            Map<String, Object> o = Api.obligation(employer, "CONTRIBUTION", "100.00", null);
            o.put("period", "2099-01");
            obligations.add(o);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("lineNo", i);
            line.put("employerId", employer);
            line.put("period", "2099-01");
            // Every third line pays more than is due: a surplus; the others exactly.
            line.put("amount", i % 3 == 0 ? "130.00" : "100.00");
            lines.add(line);
        }
        asStaff().body(Map.of("items", obligations)).post("/api/v1/obligations/bulk?atomic=true").then()
                .statusCode(200);
        String batchId = "MEF-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", batchId);
        body.put("transferReference", "BCE-CONCURRENT");
        body.put("valueDate", java.time.LocalDate.now(java.time.ZoneId.of("America/Guayaquil")).toString());
        body.put("controlTotal", "33000.00");
        body.put("lineCount", LINES);
        body.put("lines", lines);
        ministry.post(new ObjectMapper().writeValueAsString(body), Instant.now()).then().statusCode(202);

        ExecutorService pool = Executors.newFixedThreadPool(PROCESSORS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> settled = new ArrayList<>();
        for (int p = 0; p < PROCESSORS; p++) {
            settled.add(pool.submit(() -> {
                start.await();
                int total = 0;
                int n;
                while ((n = processing.processChunk().settled()) > 0) {
                    total += n;
                }
                return total;
            }));
        }
        start.countDown();
        int byThreads = 0;
        for (Future<Integer> f : settled) {
            byThreads += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // The scheduled job may have taken some chunks; wait for the last one it holds.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.count("SELECT count(*) FROM ministry_batch_line WHERE batch_id = ? AND status = 'PENDING'",
                batchId) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(byThreads).isBetween(1, LINES);
        assertThat(db.count("SELECT count(*) FROM ministry_batch_line WHERE batch_id = ? AND status = 'APPLIED'",
                batchId)).isEqualTo(LINES);
        assertThat(db.count("SELECT count(*) FROM payment WHERE batch_id = ?", batchId)).isEqualTo(LINES);
        assertThat(db.count("SELECT count(*) FROM payment_allocation a JOIN payment p ON p.id = a.payment_id"
                + " WHERE p.batch_id = ?", batchId)).isEqualTo(LINES);
        assertThat(db.count("SELECT count(*) FROM obligation o WHERE o.status = 'PAID' AND o.principal_paid = 100.00"
                + " AND o.id IN (SELECT a.obligation_id FROM payment_allocation a JOIN payment p"
                + " ON p.id = a.payment_id WHERE p.batch_id = ?)", batchId)).isEqualTo(LINES);
        assertThat(db.count("SELECT count(*) FROM unapplied_fund WHERE batch_id = ? AND amount = 30.00", batchId))
                .isEqualTo(LINES / 3);
        assertThat(db.count("SELECT (sum(applied_amount) + sum(unapplied_amount)) * 100 FROM ministry_batch_line"
                + " WHERE batch_id = ?", batchId)).isEqualTo(3_300_000);
    }
}
