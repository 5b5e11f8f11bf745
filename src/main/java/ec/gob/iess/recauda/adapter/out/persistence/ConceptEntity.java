package ec.gob.iess.recauda.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** Row of table {@code concept}: a miscellaneous concept of the catalogue, keyed by its code. */
@Entity
@Table(name = "concept")
class ConceptEntity {

    @Id
    String code;
    @Column(nullable = false)
    String name;
    /** Null when the payer states the amount. */
    @Column(name = "fixed_amount", precision = 15, scale = 2)
    BigDecimal fixedAmount;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;
}
