package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;

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
                e.updatedAt);
    }
}
