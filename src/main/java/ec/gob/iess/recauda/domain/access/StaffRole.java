package ec.gob.iess.recauda.domain.access;

/**
 * What a staff person (signed in through the institution's OpenID Connect provider) may do. Each role includes the
 * ones before it: a READER reads, an OPERATOR also changes (registers obligations, issues vouchers, subscribes and
 * cancels agreements, ...), a DIRECTOR also decides agreements that need approval. A STAFF API key (a machine of the
 * institution) acts at OPERATOR level: it never decides an approval.
 */
public enum StaffRole {
    READER,
    OPERATOR,
    DIRECTOR;

    /** True when this role may do what {@code needed} may (it is that role or a higher one). */
    public boolean includes(StaffRole needed) {
        return compareTo(needed) >= 0;
    }
}
