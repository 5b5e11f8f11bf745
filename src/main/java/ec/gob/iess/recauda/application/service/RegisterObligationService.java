package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.RegisterObligationUseCase;
import ec.gob.iess.recauda.application.port.in.RegisterObligationsInBulkUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.Obligations;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DomainException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.application.port.out.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registers obligations, one at a time or in bulk, each with its audit entry in the same transaction. */
@ApplicationScoped
public class RegisterObligationService implements RegisterObligationUseCase, RegisterObligationsInBulkUseCase {

    static final String DUPLICATE_REFERENCE = "duplicate-external-reference";

    private final Obligations obligations;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public RegisterObligationService(Obligations obligations, AuditLog audit, Transactions transactions,
                                     Clock clock) {
        this.obligations = obligations;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Obligation register(Caller caller, NewObligation data) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        Instant now = clock.instant();
        Obligation obligation = Obligation.create(ObligationId.random(), data, now);
        obligations.add(obligation);
        audit.record(registered(caller, now, obligation, false));
        return obligation;
    }

    /**
     * Validates every item, refuses external references already taken (in the database or earlier in the same
     * request), then stores the valid ones in one batch. Two requests racing for one reference cannot both store it:
     * the unique constraint refuses the second, whose whole attempt is rolled back and run once more, and the second
     * attempt reports the reference as taken.
     */
    @Override
    public Outcome registerAll(Caller caller, List<Item> items, boolean atomic) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidValueException("invalid-bulk-size", "a bulk request carries 1 to " + MAX_ITEMS
                    + " items; this one has " + items.size()).atField("items");
        }
        try {
            return transactions.inNew(() -> attempt(caller, items, atomic));
        } catch (ConflictException e) {
            if (!DUPLICATE_REFERENCE.equals(e.kind())) {
                throw e;
            }
            return transactions.inNew(() -> attempt(caller, items, atomic));
        }
    }

    private Outcome attempt(Caller caller, List<Item> items, boolean atomic) {
        Instant now = clock.instant();
        ItemResult[] results = new ItemResult[items.size()];
        Map<Integer, Obligation> candidates = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.malformed() != null) {
                results[i] = new ItemResult(item.index(), null, item.malformed());
                continue;
            }
            try {
                candidates.put(i, Obligation.create(ObligationId.random(), item.data(), now));
            } catch (DomainException e) {
                results[i] = new ItemResult(item.index(), null, e);
            }
        }
        rejectDuplicateReferences(items, candidates, results);

        List<Obligation> accepted = new ArrayList<>(candidates.size());
        candidates.forEach((i, obligation) -> {
            results[i] = new ItemResult(items.get(i).index(), obligation.id(), null);
            accepted.add(obligation);
        });
        boolean anyFailed = accepted.size() < items.size();
        if (atomic && anyFailed) {
            List<ItemResult> failures = Arrays.stream(results).filter(ItemResult::failed).toList();
            return new Outcome(failures, false);
        }
        if (!accepted.isEmpty()) {
            obligations.addAll(accepted);
            audit.recordAll(accepted.stream().map(o -> registered(caller, now, o, true)).toList());
        }
        return new Outcome(List.of(results), !accepted.isEmpty());
    }

    private void rejectDuplicateReferences(List<Item> items, Map<Integer, Obligation> candidates,
                                           ItemResult[] results) {
        Set<ExternalReference> requested = new HashSet<>();
        candidates.values().forEach(o -> {
            if (o.externalReference() != null) {
                requested.add(o.externalReference());
            }
        });
        if (requested.isEmpty()) {
            return;
        }
        Set<ExternalReference> taken = obligations.existingReferences(requested);
        Map<ExternalReference, Integer> firstInRequest = new HashMap<>();
        candidates.entrySet().removeIf(entry -> {
            ExternalReference ref = entry.getValue().externalReference();
            if (ref == null) {
                return false;
            }
            int index = items.get(entry.getKey()).index();
            if (taken.contains(ref)) {
                results[entry.getKey()] = new ItemResult(index, null, duplicate(ref, null));
                return true;
            }
            Integer earlier = firstInRequest.putIfAbsent(ref, index);
            if (earlier != null) {
                results[entry.getKey()] = new ItemResult(index, null, duplicate(ref, earlier));
                return true;
            }
            return false;
        });
    }

    private static ConflictException duplicate(ExternalReference ref, Integer earlierIndex) {
        String where = earlierIndex == null ? "an existing obligation" : "item " + earlierIndex + " of this request";
        return new ConflictException(DUPLICATE_REFERENCE, "external reference " + ref.reference() + " of source system "
                + ref.sourceSystem() + " is already used by " + where);
    }

    private static AuditLog.Entry registered(Caller caller, Instant now, Obligation o, boolean bulk) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("debtorId", o.debtorId().value());
        details.put("type", o.type().name());
        details.put("principal", o.principal().toString());
        details.put("dueDate", o.dueDate().toString());
        if (bulk) {
            details.put("bulk", true);
        }
        return Audit.entry(caller, now, "OBLIGATION_REGISTERED", "OBLIGATION", o.id().toString(), details);
    }
}
