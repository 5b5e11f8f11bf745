package ec.gob.iess.recauda.domain.shared;

/**
 * The caller is known but may not do this: its role does not allow it ({@code forbidden}), or a rule of who may act
 * refuses it, such as four eyes on an agreement's approval ({@code four-eyes}). Answered as 403.
 */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super("forbidden", message);
    }

    public ForbiddenException(String kind, String message) {
        super(kind, message);
    }
}
