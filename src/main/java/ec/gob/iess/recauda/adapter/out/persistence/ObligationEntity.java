package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Row of table {@code obligation}. Not the domain model: {@link ObligationEntityMapper} translates. */
@Entity
@Table(name = "obligation")
class ObligationEntity {

    @Id
    UUID id;
    @Column(name = "debtor_id", nullable = false)
    String debtorId;
    @Column(name = "debtor_name", nullable = false)
    String debtorName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    ObligationType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    ObligationStage stage;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    ObligationStatus status;
    @Column(nullable = false, precision = 15, scale = 2)
    BigDecimal principal;
    @Column(name = "principal_paid", nullable = false, precision = 15, scale = 2)
    BigDecimal principalPaid;
    @Column(name = "interest_paid", nullable = false, precision = 15, scale = 2)
    BigDecimal interestPaid;
    @Column(name = "due_date", nullable = false)
    LocalDate dueDate;
    String period;
    String description;
    @Column(name = "source_system")
    String sourceSystem;
    @Column(name = "external_reference")
    String externalReference;
    @Column(name = "cancellation_reason")
    String cancellationReason;
    @Column(name = "held_by")
    String heldBy;
    @Column(name = "held_until")
    LocalDate heldUntil;
    @Column(name = "reserved_by")
    UUID reservedBy;
    @Column(name = "agreement_id")
    UUID agreementId;
    @Column(name = "installment_number")
    Integer installmentNumber;
    @Column(name = "reduction_amount", precision = 15, scale = 2)
    BigDecimal reductionAmount;
    @Column(name = "reduced_on")
    LocalDate reducedOn;
    @Version
    long version;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
