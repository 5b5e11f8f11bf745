package ec.gob.iess.recauda.domain.shared;

/**
 * The kind of identifier a debtor or payer presented, derived from the identifier itself by
 * {@link DebtorId}: a cédula (10 digits), one of the three RUC taxpayer types (13 digits, told apart by the third
 * digit: 0-5 natural person, 6 public entity, 9 private company) or a passport / foreign id.
 */
public enum DebtorIdKind {
    CEDULA,
    RUC_NATURAL_PERSON,
    RUC_PUBLIC_ENTITY,
    RUC_PRIVATE_COMPANY,
    PASSPORT;

    /** True for identifiers of people (cédula, natural-person RUC, passport); false for organisations. */
    public boolean isNaturalPerson() {
        return this == CEDULA || this == RUC_NATURAL_PERSON || this == PASSPORT;
    }
}
