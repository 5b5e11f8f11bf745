package ec.gob.iess.recauda.adapter.in.rest.security;

import ec.gob.iess.recauda.domain.access.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an endpoint with an API key. Every resource method carries either this or
 * {@link PublicEndpoint}; a method with neither is refused to everyone (and a test fails the build).
 * Object-level checks (an EMPLOYER only for its own debtor) happen in the application services.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    Role[] value();
}
