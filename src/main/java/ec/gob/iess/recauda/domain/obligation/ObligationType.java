package ec.gob.iess.recauda.domain.obligation;

/**
 * What an obligation is for. Contributions (planillas de aportes) and reserve funds (fondos de reserva) belong to a
 * monthly period and are due on the 15th of the following month, so they {@linkplain #requiresPeriod() require a
 * period}; the other types carry their own due date.
 */
public enum ObligationType {
    CONTRIBUTION,
    RESERVE_FUND,
    EMPLOYER_LIABILITY,
    FINE,
    GLOSA,
    CREDIT_TITLE,
    MISC_CONCEPT,
    AGREEMENT_INSTALLMENT;

    /** True for {@link #CONTRIBUTION} and {@link #RESERVE_FUND}: they must name the period they cover. */
    public boolean requiresPeriod() {
        return this == CONTRIBUTION || this == RESERVE_FUND;
    }
}
