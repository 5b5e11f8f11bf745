package ec.gob.iess.recauda.application.service.fakes;

import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationStatus;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link Vouchers} port in memory, keeping the promises of the PostgreSQL adapter:
 * <ul>
 *   <li>{@link #add} stores nothing and answers false when the reference is taken ({@code ON CONFLICT DO
 *       NOTHING});</li>
 *   <li>{@link #find} says whether the voucher is superseded exactly as the adapter's SQL does
 *       ({@code VoucherPersistenceAdapter.SUPERSEDED}): ISSUED, and some line's obligation is missing, not PENDING or
 *       not held by this voucher, read from the obligations of the {@link InMemoryObligations} it is given;</li>
 *   <li>{@link #lock} does not compute it (false), as the adapter's {@code FOR UPDATE} read does not;</li>
 *   <li>{@link #update} stores the status and the update instant only, bumps the version by one and checks no
 *       version (as the adapter's UPDATE: the voucher was read with a row lock); an absent reference updates
 *       nothing;</li>
 *   <li>{@link #unexpiredOf}: ISSUED, expiry not before the day, no card charge's, not superseded, oldest first
 * (creation instant,
 *       then reference).</li>
 * </ul>
 * Vouchers are mutable aggregates, so the fake stores and hands out copies ({@link Voucher#restore}): a service that
 * changes a voucher it read changes nothing here until it calls {@link #update}.
 */
public final class InMemoryVouchers implements Vouchers {

    private static final Comparator<Voucher> OLDEST_FIRST = Comparator.comparing(Voucher::createdAt)
            .thenComparing(v -> v.reference().value());

    private final Map<VoucherReference, Voucher> stored = new LinkedHashMap<>();
    private final InMemoryObligations obligations;

    public InMemoryVouchers(InMemoryObligations obligations) {
        this.obligations = obligations;
    }

    @Override
    public boolean add(Voucher voucher) {
        if (stored.containsKey(voucher.reference())) {
            return false;
        }
        stored.put(voucher.reference(), copy(voucher, voucher.storedStatus(), voucher.updatedAt(),
                voucher.version(), false));
        return true;
    }

    @Override
    public Optional<Voucher> find(VoucherReference reference) {
        Map<ObligationId, Obligation> current = obligationsById();
        return Optional.ofNullable(stored.get(reference)).map(v -> copy(v, isSuperseded(v, current)));
    }

    @Override
    public Optional<Voucher> lock(VoucherReference reference) {
        return Optional.ofNullable(stored.get(reference)).map(v -> copy(v, false));
    }

    @Override
    public void update(Voucher voucher) {
        Voucher current = stored.get(voucher.reference());
        if (current != null) {
            stored.put(current.reference(), copy(current, voucher.storedStatus(), voucher.updatedAt(),
                    current.version() + 1, false));
        }
    }

    @Override
    public List<Voucher> unexpiredOf(DebtorId debtor, LocalDate today) {
        Map<ObligationId, Obligation> current = obligationsById();
        return stored.values().stream()
                .filter(v -> v.debtorId().equals(debtor) && v.storedStatus() == VoucherStatus.ISSUED)
                .filter(v -> !v.expiresOn().isBefore(today) && !v.isCardCharge())
                .filter(v -> !isSuperseded(v, current))
                .sorted(OLDEST_FIRST)
                .map(v -> copy(v, false))
                .toList();
    }

    /**
     * The adapter's {@code SUPERSEDED}: status ISSUED and EXISTS a line whose obligation is missing
     * ({@code o.id IS NULL}), not PENDING, or whose {@code held_by IS DISTINCT FROM} the voucher's reference (a
     * released obligation, held by nobody, counts).
     */
    private static boolean isSuperseded(Voucher v, Map<ObligationId, Obligation> obligations) {
        if (v.storedStatus() != VoucherStatus.ISSUED) {
            return false;
        }
        for (VoucherLine line : v.lines()) {
            Obligation o = obligations.get(line.obligationId());
            if (o == null || o.status() != ObligationStatus.PENDING
                    || !Objects.equals(o.heldBy(), v.reference().value())) {
                return true;
            }
        }
        return false;
    }

    private Map<ObligationId, Obligation> obligationsById() {
        return obligations.all().stream().collect(Collectors.toMap(Obligation::id, Function.identity()));
    }

    // ---- for tests: arrange and inspect the stored state ----

    /** Stores a voucher as it is (any status, any version), bypassing the checks; replaces one of its reference. */
    public Voucher seed(Voucher voucher) {
        stored.put(voucher.reference(), copy(voucher, false));
        return voucher;
    }

    /** A copy of everything stored, in insertion order (not superseded: read it with {@link #find} for that). */
    public List<Voucher> all() {
        return stored.values().stream().map(v -> copy(v, false)).toList();
    }

    /** The stored voucher of a reference (a copy); fails when there is none. */
    public Voucher get(String reference) {
        return find(new VoucherReference(reference)).orElseThrow();
    }

    public int size() {
        return stored.size();
    }

    private static Voucher copy(Voucher v, boolean superseded) {
        return copy(v, v.storedStatus(), v.updatedAt(), v.version(), superseded);
    }

    private static Voucher copy(Voucher v, VoucherStatus status, Instant updatedAt, long version,
                                boolean superseded) {
        return Voucher.restore(v.reference(), v.debtorId(), v.debtorName(), v.amount(), v.issuedOn(), v.expiresOn(),
                v.lines(), v.issuedBy(), v.createdAt(), status, updatedAt, version, superseded, v.isCardCharge());
    }
}
