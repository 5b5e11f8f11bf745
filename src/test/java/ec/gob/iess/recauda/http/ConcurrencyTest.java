package ec.gob.iess.recauda.http;

import ec.gob.iess.recauda.support.Api;
import ec.gob.iess.recauda.support.Database;
import ec.gob.iess.recauda.support.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static ec.gob.iess.recauda.support.Api.asStaff;
import static ec.gob.iess.recauda.support.Api.obligation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real threads racing on the real database: what must never happen twice is refused by the database itself
 * (a unique constraint, a version check), not only by Java code.
 */
@QuarkusTest
class ConcurrencyTest {

    private static final int THREADS = 20;

    @Inject
    Database db;

    /** Whatever the test did to obligations, the open portfolio the database keeps agrees with them (V19). */
    @AfterEach
    void openPortfolioStaysInStep() {
        assertThat(db.openPortfolioOutOfStep()).isEmpty();
    }

    @Test
    void twenty_parallel_registrations_of_one_external_reference_store_exactly_one() throws Exception {
        String reference = "RACE-" + UUID.randomUUID();
        Map<String, Object> body = obligation(TestIds.companyRuc(), "GLOSA", "10.00", "2002-01-31");
        body.put("sourceSystem", "HOST");
        body.put("externalReference", reference);

        List<Integer> statuses = race(() -> asStaff().body(body).post("/api/v1/obligations").statusCode());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(THREADS - 1);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE external_reference = ?", reference)).isEqualTo(1);
    }

    @Test
    void twenty_parallel_bulk_requests_with_the_same_references_store_each_reference_once() throws Exception {
        String prefix = "BULKRACE-" + UUID.randomUUID() + "-";
        String debtor = TestIds.companyRuc();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> item = obligation(debtor, "FINE", "1.00", "2024-01-31");
            item.put("sourceSystem", "HOST");
            item.put("externalReference", prefix + i);
            items.add(item);
        }
        List<Integer> statuses = race(() -> asStaff().body(Map.of("items", items))
                .post("/api/v1/obligations/bulk").statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(db.count("SELECT count(*) FROM obligation WHERE external_reference LIKE ?", prefix + "%"))
                .isEqualTo(50);
        assertThat(db.count("SELECT count(DISTINCT external_reference) FROM obligation WHERE external_reference"
                + " LIKE ?", prefix + "%")).isEqualTo(50);
    }

    @Test
    void twenty_parallel_changes_of_one_version_succeed_exactly_once() throws Exception {
        String id = Api.createObligation(obligation(TestIds.companyRuc(), "FINE", "10.00", "2024-01-31"));

        List<Integer> statuses = race(() -> asStaff().header("If-Match", "\"0\"")
                .body(Map.of("stage", "GLOSA")).patch("/api/v1/obligations/" + id).statusCode());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(THREADS - 1);
        assertThat(db.count("SELECT version FROM obligation WHERE id = ?::uuid", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ?"
                + " AND action = 'OBLIGATION_STAGE_ADVANCED'", id)).isEqualTo(1);
    }

    /** Runs the call on THREADS threads released together and returns every answer's status. */
    private static List<Integer> race(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
