package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationTest {

    private static final ObligationId JANUARY = new ObligationId(UUID.fromString("ffffffff-0000-0000-0000-000000000001"));
    private static final ObligationId MARCH = new ObligationId(UUID.fromString("00000000-0000-0000-0000-000000000003"));
    private static final ObligationId MAY = new ObligationId(UUID.fromString("77777777-0000-0000-0000-000000000005"));

    private static Allocation.Due due(ObligationId id, String dueDate, String interest, String principal) {
        return new Allocation.Due(id, LocalDate.parse(dueDate), Money.of(interest), Money.of(principal));
    }

    private static Allocation allocation(ObligationId id, String interest, String principal) {
        return new Allocation(id, Money.of(interest), Money.of(principal));
    }

    /** Given in no particular order: the allocation must sort them itself. */
    private static final List<Allocation.Due> THREE = List.of(
            due(MAY, "2024-05-31", "1.50", "300.00"),
            due(JANUARY, "2024-01-31", "12.40", "1000.00"),
            due(MARCH, "2024-03-31", "6.10", "250.00"));

    @Test
    void the_whole_amount_pays_every_obligation_oldest_first_each_interest_then_principal() {
        assertThat(Allocation.allocate(Money.of("1570.00"), THREE)).containsExactly(
                allocation(JANUARY, "12.40", "1000.00"),
                allocation(MARCH, "6.10", "250.00"),
                allocation(MAY, "1.50", "300.00"));
    }

    @Test
    void within_an_obligation_interest_is_paid_before_any_principal() {
        assertThat(Allocation.allocate(Money.of("10.00"), THREE))
                .containsExactly(allocation(JANUARY, "10.00", "0.00"));
        assertThat(Allocation.allocate(Money.of("12.41"), THREE))
                .containsExactly(allocation(JANUARY, "12.40", "0.01"));
    }

    @Test
    void an_older_obligation_is_paid_off_before_a_newer_one_receives_anything() {
        assertThat(Allocation.allocate(Money.of("1015.00"), THREE)).containsExactly(
                allocation(JANUARY, "12.40", "1000.00"),
                allocation(MARCH, "2.60", "0.00"));
        assertThat(Allocation.allocate(Money.of("1269.50"), THREE)).containsExactly(
                allocation(JANUARY, "12.40", "1000.00"),
                allocation(MARCH, "6.10", "250.00"),
                allocation(MAY, "1.00", "0.00"));
    }

    @Test
    void obligations_due_the_same_day_are_taken_in_obligation_id_order() {
        List<Allocation.Due> sameDay = List.of(
                due(JANUARY, "2024-03-31", "0.00", "10.00"),
                due(MAY, "2024-03-31", "0.00", "10.00"),
                due(MARCH, "2024-03-31", "0.00", "10.00"));
        // Java's UUID order (a signed comparison of its halves) puts ffffffff-… first, where PostgreSQL puts it last:
        // that is why a payment stores each allocation's position instead of sorting by id when read back.
        assertThat(Allocation.allocate(Money.of("30.00"), sameDay)).extracting(Allocation::obligationId)
                .containsExactly(JANUARY, MARCH, MAY);
    }

    @Test
    void the_allocations_add_up_to_the_amount_and_an_obligation_that_gets_nothing_is_left_out() {
        List<Allocation.Due> withNothingDue = List.of(
                due(JANUARY, "2024-01-31", "0.00", "0.00"),
                due(MARCH, "2024-03-31", "0.99", "20.00"));
        List<Allocation> result = Allocation.allocate(Money.of("20.99"), withNothingDue);
        assertThat(result).containsExactly(allocation(MARCH, "0.99", "20.00"));
        assertThat(result.stream().map(Allocation::total).reduce(Money.ZERO, Money::plus))
                .isEqualTo(Money.of("20.99"));
        assertThat(Allocation.allocate(Money.ZERO, THREE)).isEmpty();
    }

    @Test
    void more_than_is_due_or_a_negative_amount_is_refused() {
        assertThatThrownBy(() -> Allocation.allocate(Money.of("1570.01"), THREE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.01");
        assertThatThrownBy(() -> Allocation.allocate(Money.of("-1.00"), THREE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
