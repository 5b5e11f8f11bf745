package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalTime;

/** Row of table {@code financial_entity}: a partner that collects for the institution, keyed by its code. */
@Entity
@Table(name = "financial_entity")
class FinancialEntityEntity {

    @Id
    String code;
    @Column(nullable = false)
    String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    FinancialEntityType type;
    /**
     * Bound as a {@code LocalTime} itself. Hibernate's default for {@code time} goes through {@code java.sql.Time}
     * and, with {@code quarkus.hibernate-orm.jdbc.timezone=UTC}, shifts the value by the JVM's offset (17:00 in a
     * JVM at Guayaquil stored as 22:00): Hibernate would read it back unshifted, but the channel's plain-SQL read
     * of the cut-off would not.
     */
    @JdbcTypeCode(SqlTypes.LOCAL_TIME)
    @Column(name = "cutoff_time", nullable = false)
    LocalTime cutoffTime;
    @Column(nullable = false)
    boolean active;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
}
