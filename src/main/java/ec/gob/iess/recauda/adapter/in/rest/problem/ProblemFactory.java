package ec.gob.iess.recauda.adapter.in.rest.problem;

import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DomainException;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.IneligibleObligationsException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import ec.gob.iess.recauda.domain.shared.PreconditionFailedException;

import java.util.List;

/** Builds problem bodies; the only code that decides the HTTP status of a domain rejection. */
public final class ProblemFactory {

    private ProblemFactory() {
    }

    public static int status(DomainException e) {
        if (e instanceof InvalidValueException) {
            return 400;
        } else if (e instanceof NotFoundException) {
            return 404;
        } else if (e instanceof ConflictException) {
            return 409;
        } else if (e instanceof BusinessRuleException || e instanceof IneligibleObligationsException) {
            return 422;
        } else if (e instanceof PreconditionFailedException p) {
            return PreconditionFailedException.PRECONDITION_REQUIRED.equals(p.kind()) ? 428 : 412;
        } else if (e instanceof ForbiddenException) {
            return 403;
        }
        throw new IllegalStateException("unmapped domain exception " + e.getClass());
    }

    /** The problem for a domain rejection; {@code instance} and {@code correlationId} may be null. */
    public static Problem from(DomainException e, String instance, String correlationId) {
        List<Problem.FieldError> errors = null;
        if (e instanceof InvalidValueException invalid) {
            errors = invalid.violations().stream()
                    .map(v -> new Problem.FieldError(v.field() == null ? "body" : v.field(), v.message()))
                    .toList();
        }
        if (e instanceof BusinessRuleException rule && !rule.violations().isEmpty()) {
            errors = rule.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        }
        List<Problem.IneligibleObligation> obligations = null;
        if (e instanceof IneligibleObligationsException ineligible) {
            obligations = ineligible.obligations().stream().map(i -> new Problem.IneligibleObligation(
                    i.obligationId(), i.reason(), i.detail())).toList();
        }
        return new Problem(ProblemTypes.uri(e.kind()), ProblemTypes.title(e.kind()), status(e), e.getMessage(),
                instance, correlationId, errors, null, obligations);
    }

    public static Problem of(int status, String kind, String detail, String instance, String correlationId) {
        return new Problem(ProblemTypes.uri(kind), ProblemTypes.title(kind), status, detail, instance, correlationId,
                null, null);
    }
}
