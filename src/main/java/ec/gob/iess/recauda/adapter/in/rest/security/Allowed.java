package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.StaffRole;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an endpoint: API clients by the role of their key ({@link #value()}), and staff people signed in
 * through OpenID Connect by their staff role ({@link #staff()}). Every resource method carries either this or
 * {@link PublicEndpoint}; a method with neither is refused to everyone (and a test fails the build). Object-level
 * checks (an EMPLOYER only for its own debtor) happen in the application services.
 *
 * <p>A STAFF key is a machine of the institution acting at {@link StaffRole#OPERATOR} level: {@link Role#STAFF} is
 * listed exactly where {@link #staff()} lets an OPERATOR in (READER or OPERATOR), which a test checks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {

    /** The roles of the API keys that may call it; none for an endpoint only people may call. */
    Role[] value() default {};

    /**
     * The least staff role a person needs to call it (a higher role may too): READER for reads, OPERATOR for
     * changes, DIRECTOR for an approval's decision. Absent (at most one is given): no person may call it.
     */
    StaffRole[] staff() default {};
}
