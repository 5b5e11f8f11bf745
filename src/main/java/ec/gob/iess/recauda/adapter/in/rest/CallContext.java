package ec.gob.iess.recauda.adapter.in.rest;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.adapter.in.rest.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/**
 * What the filters learned about the current request: its correlation id and, for authenticated endpoints, the
 * caller. Resources hand {@link #caller()} to the use cases.
 */
@RequestScoped
public class CallContext {

    private String correlationId;
    private Caller caller;

    public String correlationId() {
        return correlationId;
    }

    public void correlationId(String id) {
        this.correlationId = id;
    }

    /** The authenticated caller; only endpoints that require a credential have one. */
    public Caller caller() {
        if (caller == null) {
            throw ProblemException.unauthorized("this operation needs an API key or a staff token");
        }
        return caller;
    }

    /** The authenticated caller, if the request was authenticated (so far). */
    public Optional<Caller> authenticatedCaller() {
        return Optional.ofNullable(caller);
    }

    public void caller(Caller caller) {
        this.caller = caller;
    }
}
