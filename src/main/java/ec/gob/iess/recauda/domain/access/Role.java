package ec.gob.iess.recauda.domain.access;

/**
 * What an API client is. The scope of a client depends on its role: a BANK acts for one financial entity, an
 * EMPLOYER for one debtor, the MINISTRY for one payer; STAFF has no scope and acts for the institution.
 */
public enum Role {
    STAFF,
    BANK,
    EMPLOYER,
    MINISTRY
}
