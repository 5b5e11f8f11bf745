package ec.gob.iess.recauda.application.port.in;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.LegacyImports;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;

import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/** The import of the legacy host's glosas and credit titles (issue 11 §2). */
public interface ImportLegacyPortfolioUseCase {

    /**
     * Receives a file: its header, then its data rows as they are read (never all in memory). Each row is judged and
     * stored in one transaction with the others; the obligations are made in the background. A broken file (an
     * exception from {@code rows}) stores nothing.
     */
    LegacyImports.Summary receive(Caller caller, List<String> header, Iterator<LegacyRow.Raw> rows);

    LegacyImports.Summary get(Caller caller, UUID id);

    Page<LegacyImports.Rejection> rejections(Caller caller, UUID id, PageRequest page);

    /** Makes the obligations of one chunk of PENDING rows; returns how many rows it settled. */
    int processChunk();
}
