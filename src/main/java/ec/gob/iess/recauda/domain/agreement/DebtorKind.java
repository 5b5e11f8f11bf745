package ec.gob.iess.recauda.domain.agreement;

import ec.gob.iess.recauda.domain.shared.DebtorIdKind;

/**
 * Whether a debtor is a natural person or an organisation: the approval threshold of an agreement depends on it
 * (4 SBU for a person, 25 SBU for a legal entity, by default).
 */
public enum DebtorKind {
    PERSON,
    COMPANY;

    /** A cédula, a natural-person RUC or a passport is a person; a public-entity or company RUC an organisation. */
    public static DebtorKind of(DebtorIdKind kind) {
        return kind.isNaturalPerson() ? PERSON : COMPANY;
    }
}
