package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Concepts;
import ec.gob.iess.recauda.application.port.out.FinancialEntities;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.support.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reference aggregates (financial entities, concepts) through Hibernate ORM against the real PostgreSQL: what
 * reads back, how a taken code is refused, and that the catalogue keeps its order.
 */
@QuarkusTest
class ReferenceAggregatesPersistenceTest {

    private static final Instant CREATED = Instant.parse("2024-06-01T15:00:00.123456Z");
    private static final Instant CHANGED = Instant.parse("2024-06-02T03:04:05.654321Z");

    @Inject
    FinancialEntities entities;
    @Inject
    Concepts concepts;
    @Inject
    Database db;

    private static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static FinancialEntity entity(String code, String name, LocalTime cutoff) {
        return FinancialEntity.register(code, name, FinancialEntityType.COOPERATIVE, cutoff, CREATED);
    }

    private FinancialEntity read(String code) {
        return QuarkusTransaction.requiringNew().call(() -> entities.find(code).orElseThrow());
    }

    @Test
    void a_financial_entity_reads_back_exactly_as_stored() {
        String code = code("RT-");
        QuarkusTransaction.requiringNew().run(() -> entities.add(entity(code, " Cooperativa Andina ",
                LocalTime.of(17, 30))));

        FinancialEntity read = read(code);

        assertThat(read.code()).isEqualTo(code);
        assertThat(read.name()).isEqualTo("Cooperativa Andina");
        assertThat(read.type()).isEqualTo(FinancialEntityType.COOPERATIVE);
        assertThat(read.cutoffTime()).isEqualTo(LocalTime.of(17, 30));
        assertThat(read.active()).isTrue();
        assertThat(read.createdAt()).isEqualTo(CREATED);
        assertThat(read.updatedAt()).isEqualTo(CREATED);
        // As the plain SQL that reads it on every channel request sees it: no shift by any time zone.
        assertThat(db.string("SELECT cutoff_time::text || ' ' || type || ' ' || active FROM financial_entity"
                + " WHERE code = ?", code)).isEqualTo("17:30:00 COOPERATIVE true");
        assertThat(db.string("SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
                + " FROM financial_entity WHERE code = ?", code)).isEqualTo("2024-06-01 15:00:00.123456");
        assertThat(QuarkusTransaction.requiringNew().call(() -> entities.find("NO-" + code))).isEmpty();
    }

    @Test
    void a_taken_entity_code_is_refused_as_entity_exists_and_the_first_row_stays_as_it_was() {
        String code = code("DUP-");
        QuarkusTransaction.requiringNew().run(() -> entities.add(entity(code, "Primera", LocalTime.of(17, 0))));

        FinancialEntity second = FinancialEntity.register(code, "Segunda", FinancialEntityType.BANK,
                LocalTime.of(9, 0), CHANGED);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entities.add(second)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo("entity-exists");
                    assertThat(e.getMessage()).isEqualTo("a financial entity with code " + code + " exists");
                });

        FinancialEntity read = read(code);
        assertThat(read.name()).isEqualTo("Primera");
        assertThat(read.type()).isEqualTo(FinancialEntityType.COOPERATIVE);
        assertThat(read.cutoffTime()).isEqualTo(LocalTime.of(17, 0));
        assertThat(read.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void a_refused_duplicate_leaves_the_surrounding_transaction_usable() {
        String taken = code("TKN-");
        String other = code("OTH-");
        QuarkusTransaction.requiringNew().run(() -> entities.add(entity(taken, "Primera", LocalTime.of(17, 0))));

        QuarkusTransaction.requiringNew().run(() -> {
            assertThatThrownBy(() -> entities.add(entity(taken, "Otra vez", LocalTime.of(17, 0))))
                    .isInstanceOf(ConflictException.class);
            entities.add(entity(other, "Después", LocalTime.of(18, 0)));
        });

        assertThat(read(other).name()).isEqualTo("Después");
    }

    @Test
    void two_concurrent_creations_of_one_code_store_one_and_refuse_the_other_as_entity_exists() throws Exception {
        String code = code("RACE-");
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            entities.add(entity(code, "Primera", LocalTime.of(17, 0)));
            firstInserted.countDown();
            await(commitFirst);
        }));
        assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();

        // The second finds no committed row, so its INSERT is sent and waits on the first's uncommitted key.
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() ->
                entities.add(entity(code, "Segunda", LocalTime.of(9, 0)))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query ILIKE 'insert into financial_entity%'") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        commitFirst.countDown();
        first.get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.kind()).isEqualTo("entity-exists"));
        assertThat(read(code).name()).isEqualTo("Primera");
    }

    @Test
    void an_update_persists_the_flag_the_cutoff_and_the_time_of_the_change() {
        String code = code("UPD-");
        QuarkusTransaction.requiringNew().run(() -> entities.add(entity(code, "Cambiante", LocalTime.of(17, 0))));

        QuarkusTransaction.requiringNew().run(() -> {
            FinancialEntity e = entities.find(code).orElseThrow();
            e.change(false, LocalTime.of(18, 45), CHANGED);
            entities.update(e);
        });

        FinancialEntity read = read(code);
        assertThat(read.active()).isFalse();
        assertThat(read.cutoffTime()).isEqualTo(LocalTime.of(18, 45));
        assertThat(read.updatedAt()).isEqualTo(CHANGED);
        assertThat(read.createdAt()).isEqualTo(CREATED);
        assertThat(read.name()).isEqualTo("Cambiante");
    }

    @Test
    void all_concepts_come_ordered_by_code_as_the_database_orders_it() {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (String letter : List.of("ZC", "ZA", "ZB")) {
            QuarkusTransaction.requiringNew().run(() -> concepts.add(new Concept(letter + suffix, "Orden " + letter,
                    null), "test", CREATED));
        }

        List<String> conceptCodes = QuarkusTransaction.requiringNew().call(() -> concepts.all()).stream()
                .map(Concept::code).toList();

        assertThat(conceptCodes).containsSubsequence("ZA" + suffix, "ZB" + suffix, "ZC" + suffix);
        assertThat(String.join(",", conceptCodes))
                .isEqualTo(db.string("SELECT string_agg(code, ',' ORDER BY code) FROM concept"));
    }

    @Test
    void entities_come_a_page_at_a_time_oldest_first_as_the_database_orders_them() {
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // Registered out of code order, two of them in the same instant (then the code decides).
        List<String> codes = List.of("ZC" + suffix, "ZA" + suffix, "ZB" + suffix);
        List<Instant> registered = List.of(Instant.parse("2001-01-01T00:00:00Z"),
                Instant.parse("2001-01-01T00:00:01Z"), Instant.parse("2001-01-01T00:00:01Z"));
        for (int i = 0; i < codes.size(); i++) {
            FinancialEntity e = FinancialEntity.register(codes.get(i), "Orden " + i, FinancialEntityType.COOPERATIVE,
                    LocalTime.of(17, 0), registered.get(i));
            QuarkusTransaction.requiringNew().run(() -> entities.add(e));
        }
        long total = db.count("SELECT count(*) FROM financial_entity");

        List<String> paged = new ArrayList<>();
        for (int page = 0; ; page++) {
            int number = page;
            Page<FinancialEntity> p = QuarkusTransaction.requiringNew()
                    .call(() -> entities.page(new PageRequest(number, 2)));
            assertThat(p.totalItems()).isEqualTo(total);
            assertThat(p.items()).hasSizeLessThanOrEqualTo(2);
            p.items().forEach(e -> paged.add(e.code()));
            if (p.items().size() < 2) {
                break;
            }
        }

        assertThat(paged).containsSubsequence("ZC" + suffix, "ZA" + suffix, "ZB" + suffix);
        assertThat(String.join(",", paged))
                .isEqualTo(db.string("SELECT string_agg(code, ',' ORDER BY created_at, code) FROM financial_entity"));
    }

    @Test
    void a_concept_reads_back_with_its_fixed_amount_or_with_none() {
        String fixed = code("FIX_");
        String open = code("OPEN_");
        QuarkusTransaction.requiringNew().run(() -> {
            concepts.add(new Concept(fixed, "Copias certificadas", Money.of("5.5")), "staff-1", CREATED);
            concepts.add(new Concept(open, "Arriendo", null), "staff-2", CREATED);
        });

        Concept readFixed = QuarkusTransaction.requiringNew().call(() -> concepts.find(fixed).orElseThrow());
        Concept readOpen = QuarkusTransaction.requiringNew().call(() -> concepts.find(open).orElseThrow());

        assertThat(readFixed).isEqualTo(new Concept(fixed, "Copias certificadas", Money.of("5.50")));
        assertThat(readFixed.fixedAmount().amount()).hasToString("5.50");
        assertThat(readOpen).isEqualTo(new Concept(open, "Arriendo", null));
        assertThat(readOpen.fixedAmount()).isNull();
        assertThat(db.string("SELECT created_by || ' ' || to_char(created_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD HH24:MI:SS.US') FROM concept WHERE code = ?", open))
                .isEqualTo("staff-2 2024-06-01 15:00:00.123456");
        assertThat(db.count("SELECT count(*) FROM concept WHERE code = ? AND fixed_amount IS NULL", open))
                .isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> concepts.find("NO_" + fixed))).isEmpty();
    }

    @Test
    void a_taken_concept_code_is_refused_as_concept_exists_and_the_first_row_stays_as_it_was() {
        String code = code("CDUP_");
        QuarkusTransaction.requiringNew().run(() ->
                concepts.add(new Concept(code, "Primero", Money.of("10.00")), "staff-1", CREATED));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() ->
                concepts.add(new Concept(code, "Segundo", null), "staff-2", CHANGED)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.kind()).isEqualTo("concept-exists");
                    assertThat(e.getMessage()).isEqualTo("a concept with code " + code + " exists");
                });

        assertThat(QuarkusTransaction.requiringNew().call(() -> concepts.find(code).orElseThrow()))
                .isEqualTo(new Concept(code, "Primero", Money.of("10.00")));
        assertThat(db.string("SELECT created_by FROM concept WHERE code = ?", code)).isEqualTo("staff-1");
    }

    @Test
    void two_concurrent_creations_of_one_concept_store_one_and_refuse_the_other_as_concept_exists()
            throws Exception {
        String code = code("CRACE_");
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            concepts.add(new Concept(code, "Primero", null), "staff-1", CREATED);
            firstInserted.countDown();
            await(commitFirst);
        }));
        assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() ->
                concepts.add(new Concept(code, "Segundo", null), "staff-2", CHANGED)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query ILIKE 'insert into concept%'") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        commitFirst.countDown();
        first.get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.kind()).isEqualTo("concept-exists"));
        assertThat(db.string("SELECT name FROM concept WHERE code = ?", code)).isEqualTo("Primero");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
