package ec.gob.iess.recauda.domain.card;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A card mandate's registration and life (issue 12). */
class CardMandateTest {

    private static final DebtorId DEBTOR = DebtorId.parse("1790012344001");
    private static final CardDebitRules RULES = CardDebitRules.defaults();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final Instant NOW = Instant.parse("2026-12-05T15:00:00Z");

    private static CardMandate.Registration registration(String token, String holder, int debitDay) {
        return new CardMandate.Registration(token, "VISA", "4242", 7, 2028, holder, debitDay);
    }

    private static CardMandate mandate(int debitDay) {
        return CardMandate.register(UUID.randomUUID(), DEBTOR, registration("tok_abc", "MARIA PEREZ", debitDay),
                RULES, TODAY, "staff", NOW);
    }

    @Test
    void a_registration_keeps_the_token_and_what_shows_the_card() {
        CardMandate m = mandate(10);
        assertThat(m.status()).isEqualTo(CardMandate.Status.ACTIVE);
        assertThat(m.processorToken()).isEqualTo("tok_abc");
        assertThat(m.expiry()).hasToString("2028-07");
        assertThat(m.debitDay()).isEqualTo(10);
    }

    @Test
    void a_card_number_in_any_text_field_refuses_the_registration_without_repeating_it() {
        for (CardMandate.Registration r : new CardMandate.Registration[]{
            registration("tok_4111111111111111", "MARIA", 10),
            registration("tok_abc", "MARIA 4111 1111 1111 1111", 10),
            new CardMandate.Registration("tok_abc", "VISA", "4111111111111111", 7, 2028, "MARIA", 10),
            new CardMandate.Registration("tok_abc", "4111111111111111", "4242", 7, 2028, "MARIA", 10)}) {
            assertThatThrownBy(() -> CardMandate.register(UUID.randomUUID(), DEBTOR, r, RULES, TODAY, "s", NOW))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.kind()).isEqualTo("card-number-refused");
                        assertThat(e.getMessage()).doesNotContain("4111");
                        assertThat(e.violations()).hasSize(1);
                    });
        }
    }

    @Test
    void every_wrong_field_is_named_and_a_day_outside_the_allowed_ones_is_refused() {
        assertThatThrownBy(() -> CardMandate.register(UUID.randomUUID(), DEBTOR, new CardMandate.Registration(
                "tok abc", "VISAX", "42a2", 13, 1999, " ", 7), RULES, TODAY, "s", NOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                        .extracting(InvalidValueException.Violation::field).containsExactly("processorToken", "brand",
                                "last4", "expiryMonth", "expiryYear", "holderName", "debitDay"));
        CardDebitRules other = new CardDebitRules(Set.of(7), 2, 30, "CARD-PROCESSOR", 250);
        assertThat(CardMandate.register(UUID.randomUUID(), DEBTOR, registration("tok", "M", 7), other, TODAY, "s",
                NOW).debitDay()).isEqualTo(7);
    }

    @Test
    void a_card_past_its_expiry_month_is_refused_and_one_expiring_this_month_is_not() {
        assertThatThrownBy(() -> CardMandate.register(UUID.randomUUID(), DEBTOR, new CardMandate.Registration(
                "tok", "VISA", "4242", 11, 2026, "M", 10), RULES, TODAY, "s", NOW))
                .isInstanceOfSatisfying(BusinessRuleException.class, e -> assertThat(e.kind())
                        .isEqualTo("card-expired"));
        CardMandate december = CardMandate.register(UUID.randomUUID(), DEBTOR, new CardMandate.Registration(
                "tok", "VISA", "4242", 12, 2026, "M", 10), RULES, TODAY, "s", NOW);
        assertThat(december.isExpiredOn(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(december.isExpiredOn(LocalDate.of(2027, 1, 1))).isTrue();
    }

    @Test
    void a_soft_decline_is_tried_again_on_the_next_two_days_and_then_waits_for_the_next_debit_day() {
        CardMandate m = mandate(10);
        LocalDate day = LocalDate.of(2027, 1, 10);
        assertThat(m.isDueOn(day)).isTrue();
        assertThat(m.isDueOn(day.plusDays(1))).isFalse();
        m.after(ChargeOutcome.SOFT_DECLINE, day, RULES, "insufficient_funds", NOW);
        assertThat(m.retryOn()).isEqualTo(day.plusDays(1));
        assertThat(m.isDueOn(day.plusDays(1))).isTrue();
        assertThat(m.isRetryOn(day.plusDays(1))).isTrue();
        m.after(ChargeOutcome.SOFT_DECLINE, day.plusDays(1), RULES, "insufficient_funds", NOW);
        assertThat(m.retryOn()).isEqualTo(day.plusDays(2));
        m.after(ChargeOutcome.SOFT_DECLINE, day.plusDays(2), RULES, "insufficient_funds", NOW);
        assertThat(m.retryOn()).isNull();
        assertThat(m.isDueOn(day.plusDays(3))).isFalse();
        assertThat(m.isDueOn(LocalDate.of(2027, 2, 10))).isTrue();
        assertThat(m.status()).isEqualTo(CardMandate.Status.ACTIVE);
    }

    @Test
    void an_approved_retry_ends_the_retries_and_a_hard_decline_suspends() {
        CardMandate m = mandate(6);
        LocalDate day = LocalDate.of(2027, 1, 6);
        m.after(ChargeOutcome.SOFT_DECLINE, day, RULES, null, NOW);
        m.after(ChargeOutcome.APPROVED, day.plusDays(1), RULES, null, NOW);
        assertThat(m.retryOn()).isNull();
        m.after(ChargeOutcome.HARD_DECLINE, LocalDate.of(2027, 2, 6), RULES, "stolen_card", NOW);
        assertThat(m.status()).isEqualTo(CardMandate.Status.SUSPENDED);
        assertThat(m.statusReason()).isEqualTo("hard decline: stolen_card");
        assertThat(m.isDueOn(LocalDate.of(2027, 3, 6))).isFalse();
        // A cancelled mandate takes no retry from a charge that was on its way.
        CardMandate cancelled = mandate(6);
        cancelled.cancel(NOW);
        cancelled.after(ChargeOutcome.SOFT_DECLINE, day, RULES, null, NOW);
        assertThat(cancelled.retryOn()).isNull();
        assertThat(cancelled.status()).isEqualTo(CardMandate.Status.CANCELLED);
    }

    @Test
    void a_charge_key_names_the_mandate_and_the_date_and_only_a_pending_charge_takes_an_answer() {
        CardMandate m = mandate(10);
        LocalDate day = LocalDate.of(2027, 1, 10);
        CardCharge charge = CardCharge.pending(UUID.randomUUID(), m, day, "0001", Money.of("12.34"), NOW);
        assertThat(charge.idempotencyKey()).isEqualTo("rcd-" + m.id() + "-20270110").hasSizeLessThanOrEqualTo(64);
        assertThat(CardCharge.keyOf(m.id(), day)).isEqualTo(charge.idempotencyKey());
        assertThat(charge.resolve(ProcessorAnswer.unknown("timeout"), null, NOW)).isFalse();
        assertThat(charge.resolve(new ProcessorAnswer(ChargeOutcome.NOT_FOUND, null, null), null, NOW)).isFalse();
        assertThat(charge.isPending()).isTrue();
        UUID payment = UUID.randomUUID();
        assertThat(charge.resolve(new ProcessorAnswer(ChargeOutcome.APPROVED, "ch_1", null), payment, NOW)).isTrue();
        assertThat(charge.status()).isEqualTo(CardCharge.Status.APPROVED);
        assertThat(charge.paymentId()).isEqualTo(payment);
        assertThatThrownBy(() -> charge.resolve(new ProcessorAnswer(ChargeOutcome.SOFT_DECLINE, null, null), null,
                NOW)).isInstanceOf(IllegalStateException.class);
    }
}
