package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Payment vouchers. */
public interface Vouchers {

    /** Stores a new voucher; false (and nothing stored) when its reference is already taken. */
    boolean add(Voucher voucher);

    Optional<Voucher> find(VoucherReference reference);

    /** Reads and row-locks a voucher until the transaction ends (payments, reversals, cancellations). */
    Optional<Voucher> lock(VoucherReference reference);

    /** Stores a changed status. */
    void update(Voucher voucher);

    /** A debtor's ISSUED vouchers whose expiry date is not before {@code today}, oldest first. */
    List<Voucher> unexpiredOf(DebtorId debtor, LocalDate today);
}
