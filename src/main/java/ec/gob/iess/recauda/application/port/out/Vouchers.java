package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Payment vouchers. */
public interface Vouchers {

    /** Stores a new voucher; false (and nothing stored) when its reference is already taken. */
    boolean add(Voucher voucher);

    /**
     * Reads a voucher, with whether it is superseded ({@link Voucher#isSuperseded}: ISSUED, but its obligations are
     * no longer all PENDING and held by it), in one query.
     */
    Optional<Voucher> find(VoucherReference reference);

    /**
     * Reads and row-locks a voucher until the transaction ends (payments, reversals, cancellations). It does not
     * read whether the voucher is superseded: a caller that needs to know locks the obligations and asks
     * {@link Voucher#checkStillHolds}.
     */
    Optional<Voucher> lock(VoucherReference reference);

    /** Stores a changed status. */
    void update(Voucher voucher);

    /** Stores new vouchers (a chunk of card charges'); how many were stored (a reference taken is not). */
    default int addAll(List<Voucher> vouchers) {
        int added = 0;
        for (Voucher v : vouchers) {
            added += add(v) ? 1 : 0;
        }
        return added;
    }

    /** Reads and row-locks these vouchers, in reference order. */
    default List<Voucher> lockAll(Collection<VoucherReference> references) {
        return references.stream().sorted(Comparator.comparing(VoucherReference::value)).map(this::lock)
                .flatMap(Optional::stream).toList();
    }

    /** Stores these vouchers' new status. */
    default void updateAll(List<Voucher> vouchers) {
        vouchers.forEach(this::update);
    }

    /**
     * A debtor's ISSUED vouchers whose expiry date is not before {@code today} and that still hold all their
     * obligations (not superseded), oldest first; a card charge's vouchers are not among them (only the charge
     * collects them: {@code Voucher#checkPayableOn}).
     */
    List<Voucher> unexpiredOf(DebtorId debtor, LocalDate today);
}
