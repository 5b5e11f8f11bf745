package ec.gob.iess.recauda.domain.payment;

import ec.gob.iess.recauda.domain.shared.Money;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One payment as an entity's listing of a business date shows it: what a bank reconciles, without the allocations.
 * The listing is in posting order: {@link #createdAt}, then {@link #id} (as PostgreSQL orders a uuid).
 */
public record PaymentOfDay(UUID id, String bankTransactionId, String voucherReference, Money amount,
                           PaymentStatus status, Instant paidAt, Instant createdAt) {

    public PaymentOfDay {
        Objects.requireNonNull(id);
        Objects.requireNonNull(bankTransactionId);
        Objects.requireNonNull(voucherReference);
        Objects.requireNonNull(amount);
        Objects.requireNonNull(status);
        Objects.requireNonNull(paidAt);
        Objects.requireNonNull(createdAt);
    }

    /** Where a payment stands in posting order; the next payments of a listing come after it. */
    public record Position(Instant createdAt, UUID id) {

        public Position {
            Objects.requireNonNull(createdAt);
            Objects.requireNonNull(id);
        }
    }

    public Position position() {
        return new Position(createdAt, id);
    }

    public static PaymentOfDay of(Payment p) {
        return new PaymentOfDay(p.id(), p.bankTransactionId(), p.voucherReference(), p.amount(), p.status(),
                p.paidAt(), p.createdAt());
    }
}
