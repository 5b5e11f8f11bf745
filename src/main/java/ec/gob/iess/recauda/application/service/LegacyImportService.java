package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ImportLegacyPortfolioUseCase;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.port.out.LegacyImports;
import ec.gob.iess.recauda.application.port.out.Transactions;
import ec.gob.iess.recauda.domain.access.StaffRole;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports the legacy host's glosas and credit titles (issue 11 §2). The file is judged row by row as it streams in
 * ({@link LegacyRow}) and stored whole in one transaction, or not at all; a job then makes the obligations of the
 * accepted rows a chunk at a time, leaving any legacyId already imported untouched (a duplicate), so an import can be
 * repeated.
 */
@ApplicationScoped
public class LegacyImportService implements ImportLegacyPortfolioUseCase {

    /** How long receiving one file may take: a million rows stream in well under it. */
    static final Duration RECEIVING = Duration.ofMinutes(15);
    /** The rows whose obligations one transaction makes. */
    static final int CHUNK = 10_000;

    private final LegacyImports imports;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public LegacyImportService(LegacyImports imports, AuditLog audit, Transactions transactions, Clock clock) {
        this.imports = imports;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public LegacyImports.Summary receive(Caller caller, List<String> header, Iterator<LegacyRow.Raw> rows) {
        Authorization.requireStaff(caller, StaffRole.OPERATOR);
        LegacyRow.checkHeader(header);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Iterator<LegacyImports.Staged> staged = new Iterator<>() {
            private int read;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public LegacyImports.Staged next() {
                LegacyRow.Raw raw = rows.next();
                if (++read > LegacyRow.MAX_ROWS) {
                    throw new InvalidValueException("invalid-csv", "the file has more than " + LegacyRow.MAX_ROWS
                            + " rows").atField("body");
                }
                return new LegacyImports.Staged(raw.row(), raw.legacyId(),
                        LegacyRow.check(raw, today, ObligationId.random(), now));
            }
        };
        return transactions.inNew(RECEIVING, () -> {
            int read = imports.add(id, now, caller.actor().id(), staged);
            audit.record(Audit.entry(caller, now, "LEGACY_IMPORT_RECEIVED", "LEGACY_IMPORT", id.toString(),
                    Map.of("rowsRead", read)));
            return imports.summary(id).orElseThrow();
        });
    }

    @Override
    public LegacyImports.Summary get(Caller caller, UUID id) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return transactions.inNew(() -> imports.summary(id)).orElseThrow(() -> notFound(id));
    }

    @Override
    public Page<LegacyImports.Rejection> rejections(Caller caller, UUID id, PageRequest page) {
        Authorization.requireStaff(caller, StaffRole.READER);
        return transactions.inNew(() -> {
            if (imports.summary(id).isEmpty()) {
                throw notFound(id);
            }
            return imports.rejections(id, page);
        });
    }

    @Override
    public int processChunk() {
        return transactions.inNew(() -> imports.processPending(CHUNK, clock.instant()));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("legacy-import-not-found", "no legacy import " + id);
    }
}
