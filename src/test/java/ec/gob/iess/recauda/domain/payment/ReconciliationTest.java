package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconciliationTest {

    private static final String ENTITY = "PICHINCHA";
    private static final LocalDate DAY = LocalDate.of(2024, 6, 10);
    private static final Instant NOW = Instant.parse("2024-06-10T15:00:00Z");

    private static Payment applied(String entity, LocalDate businessDate, String transaction, String amount) {
        return Payment.applied(UUID.randomUUID(), entity, transaction, "7301845296120477", Money.of(amount), NOW,
                businessDate, List.of(new Allocation(new ObligationId(UUID.randomUUID()), Money.ZERO,
                        Money.of(amount))), NOW);
    }

    private static Payment reversed(String transaction, String amount) {
        Payment p = applied(ENTITY, DAY, transaction, amount);
        p.reverse("anulada", NOW);
        return p;
    }

    private static Reconciliation.Item item(String transaction, String amount) {
        return new Reconciliation.Item(transaction, Money.of(amount));
    }

    @Test
    void identical_lists_balance_and_count_every_match() {
        Reconciliation r = Reconciliation.compare(ENTITY, DAY,
                List.of(item("T1", "10.00"), item("T2", "20.50")),
                List.of(applied(ENTITY, DAY, "T2", "20.50"), applied(ENTITY, DAY, "T1", "10.00")));
        assertThat(r.matchedCount()).isEqualTo(2);
        assertThat(r.matchedTotal()).isEqualTo(Money.of("30.50"));
        assertThat(r.missingHere()).isEmpty();
        assertThat(r.missingAtBank()).isEmpty();
        assertThat(r.amountMismatches()).isEmpty();
        assertThat(r.balanced()).isTrue();
        assertThat(r.entityCode()).isEqualTo(ENTITY);
        assertThat(r.businessDate()).isEqualTo(DAY);
    }

    @Test
    void each_kind_of_difference_is_reported_line_by_line() {
        Reconciliation r = Reconciliation.compare(ENTITY, DAY,
                List.of(item("ONLY-BANK-2", "5.00"), item("BOTH", "10.00"), item("DIFFERENT", "20.53"),
                        item("ONLY-BANK-1", "7.00")),
                List.of(applied(ENTITY, DAY, "BOTH", "10.00"), applied(ENTITY, DAY, "DIFFERENT", "20.35"),
                        applied(ENTITY, DAY, "ONLY-HERE-B", "3.00"), applied(ENTITY, DAY, "ONLY-HERE-A", "4.00")));

        assertThat(r.matchedCount()).isEqualTo(1);
        assertThat(r.matchedTotal()).isEqualTo(Money.of("10.00"));
        // In the bank's order.
        assertThat(r.missingHere()).containsExactly(item("ONLY-BANK-2", "5.00"), item("ONLY-BANK-1", "7.00"));
        // Sorted by transaction id.
        assertThat(r.missingAtBank()).containsExactly(item("ONLY-HERE-A", "4.00"), item("ONLY-HERE-B", "3.00"));
        assertThat(r.amountMismatches()).containsExactly(
                new Reconciliation.Mismatch("DIFFERENT", Money.of("20.53"), Money.of("20.35")));
        assertThat(r.balanced()).isFalse();
    }

    @Test
    void a_reversed_payment_is_not_ours_any_more_so_a_bank_listing_it_finds_it_missing_here() {
        Reconciliation r = Reconciliation.compare(ENTITY, DAY, List.of(item("REV", "9.00")),
                List.of(reversed("REV", "9.00")));
        assertThat(r.matchedCount()).isZero();
        assertThat(r.missingHere()).containsExactly(item("REV", "9.00"));
        assertThat(r.missingAtBank()).isEmpty();

        assertThat(Reconciliation.compare(ENTITY, DAY, List.of(), List.of(reversed("REV", "9.00"))).balanced())
                .isTrue();
    }

    @Test
    void only_the_entitys_payments_of_that_business_date_take_part() {
        Reconciliation r = Reconciliation.compare(ENTITY, DAY, List.of(),
                List.of(applied("GUAYAQUIL", DAY, "OTHER-ENTITY", "1.00"),
                        applied(ENTITY, DAY.plusDays(1), "OTHER-DAY", "2.00")));
        assertThat(r.balanced()).isTrue();
        assertThat(r.matchedTotal()).isEqualTo(Money.ZERO);
    }

    @Test
    void an_empty_day_on_both_sides_balances() {
        Reconciliation r = Reconciliation.compare(ENTITY, DAY, List.of(), List.of());
        assertThat(r.balanced()).isTrue();
        assertThat(r.matchedCount()).isZero();
    }

    @Test
    void a_bank_list_naming_one_transaction_twice_is_refused() {
        assertThatThrownBy(() -> Reconciliation.compare(ENTITY, DAY,
                List.of(item("T1", "1.00"), item("T1", "1.00")), List.of()))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.kind()).isEqualTo("duplicate-transaction-id"));
    }
}
