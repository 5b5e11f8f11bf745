package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Vouchers} port in memory for the agreement service tests, keeping the promises of the PostgreSQL
 * adapter ({@code VoucherPersistenceAdapter}): {@link #add} refuses a taken reference (false, nothing stored);
 * {@link #find} computes {@code superseded} as its SQL does (ISSUED, and a line's obligation is missing, not
 * PENDING, or held by another reference or by none), over the obligations of the {@link InMemoryObligations} it is
 * given; {@link #lock} does not compute it; {@link #update} stores the status and bumps the version; and
 * {@link #unexpiredOf} lists the debtor's ISSUED, unexpired, not superseded vouchers oldest first.
 *
 * <p>Vouchers are mutable aggregates, so the fake stores and hands out copies ({@link Voucher#restore}): a service
 * that changes a voucher changes nothing here until it calls {@link #update}, exactly as with a database.
 */
public final class AgreementsTestVouchers implements Vouchers {

    private final Map<String, Voucher> stored = new LinkedHashMap<>();
    private final InMemoryObligations obligations;

    public AgreementsTestVouchers(InMemoryObligations obligations) {
        this.obligations = obligations;
    }

    @Override
    public boolean add(Voucher voucher) {
        if (stored.containsKey(voucher.reference().value())) {
            return false;
        }
        stored.put(voucher.reference().value(), copy(voucher, voucher.version(), false));
        return true;
    }

    @Override
    public Optional<Voucher> find(VoucherReference reference) {
        return Optional.ofNullable(stored.get(reference.value())).map(v -> copy(v, v.version(), superseded(v)));
    }

    @Override
    public Optional<Voucher> lock(VoucherReference reference) {
        return Optional.ofNullable(stored.get(reference.value())).map(v -> copy(v, v.version(), false));
    }

    /** As the adapter: {@code SET status, updated_at, version = version + 1 WHERE reference = ?} (no version check). */
    @Override
    public void update(Voucher voucher) {
        Voucher current = stored.get(voucher.reference().value());
        if (current == null) {
            return; // an UPDATE of no row changes nothing
        }
        stored.put(current.reference().value(), Voucher.restore(current.reference(), current.debtorId(),
                current.debtorName(), current.amount(), current.issuedOn(), current.expiresOn(), current.lines(),
                current.issuedBy(), current.createdAt(), voucher.storedStatus(), voucher.updatedAt(),
                current.version() + 1));
    }

    @Override
    public List<Voucher> unexpiredOf(DebtorId debtor, LocalDate today) {
        return stored.values().stream()
                .filter(v -> v.debtorId().equals(debtor) && v.storedStatus() == VoucherStatus.ISSUED)
                .filter(v -> !v.expiresOn().isBefore(today) && !superseded(v))
                .sorted(Comparator.comparing(Voucher::createdAt).thenComparing(v -> v.reference().value()))
                .map(v -> copy(v, v.version(), false)).toList();
    }

    // ---- for tests: inspect the stored state ----

    /** A copy of everything stored, in insertion order, read as {@link #find} reads. */
    public List<Voucher> all() {
        return stored.values().stream().map(v -> copy(v, v.version(), superseded(v))).toList();
    }

    public int size() {
        return stored.size();
    }

    /** The stored voucher with this reference, read as {@link #find} reads; fails when there is none. */
    public Voucher get(String reference) {
        return find(new VoucherReference(reference)).orElseThrow(() -> new AssertionError("no voucher " + reference));
    }

    /** The adapter's {@code SUPERSEDED} expression. */
    private boolean superseded(Voucher v) {
        if (v.storedStatus() != VoucherStatus.ISSUED) {
            return false;
        }
        for (VoucherLine line : v.lines()) {
            Optional<Obligation> o = obligations.find(line.obligationId());
            if (o.isEmpty() || o.get().status() != ObligationStatus.PENDING
                    || !v.reference().value().equals(o.get().heldBy())) {
                return true;
            }
        }
        return false;
    }

    private static Voucher copy(Voucher v, long version, boolean superseded) {
        return Voucher.restore(v.reference(), v.debtorId(), v.debtorName(), v.amount(), v.issuedOn(), v.expiresOn(),
                v.lines(), v.issuedBy(), v.createdAt(), v.storedStatus(), v.updatedAt(), version, superseded);
    }
}
