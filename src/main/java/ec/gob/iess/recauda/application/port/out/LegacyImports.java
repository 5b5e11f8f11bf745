package ec.gob.iess.recauda.application.port.out;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.UUID;

/** The imports of the legacy host's glosas and credit titles, and their rows (issue 11 §2). */
public interface LegacyImports {

    /** A data row as the domain judged it. */
    record Staged(int row, String legacyId, LegacyRow.Checked checked) {
    }

    /** What an import's rows add up to, counted in one statement. */
    record Summary(UUID id, Instant receivedAt, String receivedBy, int rowsRead, int pending, int accepted,
                   int duplicates, int rejected, int warnings, Instant completedAt) {

        /** RECEIVED (no obligation made yet), PROCESSING, or COMPLETED (every row settled). */
        public String status() {
            return completedAt != null ? "COMPLETED" : accepted + duplicates == 0 ? "RECEIVED" : "PROCESSING";
        }
    }

    /** A rejected row: its number in the file, the legacyId as sent (shortened to 64 characters), and why. */
    record Rejection(int row, String legacyId, String reason, String field, String detail) {
    }

    /**
     * Stores a new import and its rows as they are read (never all in memory): the rejected ones with their reasons,
     * the others with the obligations they become. Returns how many rows it stored. An exception from {@code rows}
     * (a broken file) passes through, for the caller's transaction to store nothing.
     */
    int add(UUID id, Instant receivedAt, String receivedBy, Iterator<Staged> rows);

    Optional<Summary> summary(UUID id);

    /** One page of an import's rejected rows, in row order. */
    Page<Rejection> rejections(UUID id, PageRequest page);

    /**
     * Inserts the obligations of up to {@code limit} waiting rows of the oldest unfinished import (one instance at a
     * time, so the first row of a legacyId, in the file and across imports, is the one accepted), counting the rows
     * whose (LEGACY, legacyId) exists already as duplicates. Returns how many rows it settled (0: none is waiting, or
     * another instance is at work).
     */
    int processPending(int limit, Instant now);
}
