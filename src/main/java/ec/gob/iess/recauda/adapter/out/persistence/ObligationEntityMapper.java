package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.InstallmentOf;
import ec.gob.iess.recauda.domain.obligation.PrincipalReduction;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Translates between the {@link Obligation} aggregate and its row. */
final class ObligationEntityMapper {

    private ObligationEntityMapper() {
    }

    static ObligationEntity toNewEntity(Obligation o) {
        ObligationEntity e = new ObligationEntity();
        e.id = o.id().value();
        e.debtorId = o.debtorId().value();
        e.debtorName = o.debtorName();
        e.type = o.type();
        e.dueDate = o.dueDate();
        e.period = o.period() == null ? null : o.period().toString();
        e.description = o.description();
        if (o.externalReference() != null) {
            e.sourceSystem = o.externalReference().sourceSystem();
            e.externalReference = o.externalReference().reference();
        }
        e.principal = o.principal().amount();
        e.createdAt = o.createdAt();
        copyMutableState(o, e);
        e.version = o.version();
        return e;
    }

    /** Copies what behaviour can change; the version is Hibernate's to increment. */
    static void copyMutableState(Obligation o, ObligationEntity e) {
        e.stage = o.stage();
        e.status = o.status();
        e.principalPaid = o.principalPaid().amount();
        e.interestPaid = o.interestPaid().amount();
        e.cancellationReason = o.cancellationReason();
        e.heldBy = o.heldBy();
        e.heldUntil = o.heldUntil();
        e.reservedBy = o.reservedBy();
        e.agreementId = o.installment() == null ? null : o.installment().agreementId();
        e.installmentNumber = o.installment() == null ? null : o.installment().number();
        e.reductionAmount = o.reduction() == null ? null : o.reduction().amount().amount();
        e.reducedOn = o.reduction() == null ? null : o.reduction().on();
        e.updatedAt = o.updatedAt();
    }

    static Obligation toDomain(ObligationEntity e) {
        return Obligation.restore(
                new ObligationId(e.id),
                DebtorId.parsePayer(e.debtorId),
                e.debtorName,
                e.type,
                e.stage,
                e.status,
                new Money(e.principal),
                new Money(e.principalPaid),
                new Money(e.interestPaid),
                e.dueDate,
                e.period == null ? null : Period.parse(e.period),
                e.description,
                e.sourceSystem == null ? null : new ExternalReference(e.sourceSystem, e.externalReference),
                e.cancellationReason,
                e.version,
                e.createdAt,
                e.updatedAt,
                e.heldBy == null ? null : new Obligation.Hold(e.heldBy, e.heldUntil),
                e.reservedBy,
                e.agreementId == null ? null : new InstallmentOf(e.agreementId, e.installmentNumber),
                e.reductionAmount == null ? null : new PrincipalReduction(new Money(e.reductionAmount), e.reducedOn));
    }

    /** The columns {@link #fromRow} reads, in a SELECT over table {@code obligation}. */
    static final String COLUMNS = "id, debtor_id, debtor_name, type, stage, status, principal, principal_paid,"
            + " interest_paid, due_date, period, description, source_system, external_reference,"
            + " cancellation_reason, version, created_at, updated_at, held_by, held_until, reserved_by, agreement_id,"
            + " installment_number, reduction_amount, reduced_on";

    /** An obligation from a plain-SQL row of {@link #COLUMNS}. */
    static Obligation fromRow(ResultSet rs) throws SQLException {
        String period = rs.getString("period");
        String source = rs.getString("source_system");
        String heldBy = rs.getString("held_by");
        UUID agreementId = rs.getObject("agreement_id", UUID.class);
        BigDecimal reduction = rs.getBigDecimal("reduction_amount");
        return Obligation.restore(
                new ObligationId(rs.getObject("id", UUID.class)),
                DebtorId.parsePayer(rs.getString("debtor_id")),
                rs.getString("debtor_name"),
                ObligationType.valueOf(rs.getString("type")),
                ObligationStage.valueOf(rs.getString("stage")),
                ObligationStatus.valueOf(rs.getString("status")),
                new Money(rs.getBigDecimal("principal")),
                new Money(rs.getBigDecimal("principal_paid")),
                new Money(rs.getBigDecimal("interest_paid")),
                rs.getObject("due_date", LocalDate.class),
                period == null ? null : Period.parse(period),
                rs.getString("description"),
                source == null ? null : new ExternalReference(source, rs.getString("external_reference")),
                rs.getString("cancellation_reason"),
                rs.getLong("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                heldBy == null ? null : new Obligation.Hold(heldBy, rs.getObject("held_until", LocalDate.class)),
                rs.getObject("reserved_by", UUID.class),
                agreementId == null ? null : new InstallmentOf(agreementId, rs.getInt("installment_number")),
                reduction == null ? null
                        : new PrincipalReduction(new Money(reduction), rs.getObject("reduced_on", LocalDate.class)));
    }
}
