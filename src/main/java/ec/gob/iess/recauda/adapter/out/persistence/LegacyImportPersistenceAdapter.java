package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.LegacyImports;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The legacy imports in PostgreSQL, in plain SQL (ADR 0011). A file's rows are written with {@code COPY} as they are
 * read (a buffer of 1 MiB at a time, never the file), as CSV written by Jackson; the obligations of the accepted
 * rows are then made a chunk at a time: an {@code INSERT ... SELECT} from the rows' obligation documents,
 * {@code ON CONFLICT DO NOTHING} on the external reference, then the UPDATE that marks each row ACCEPTED or
 * DUPLICATE.
 */
@ApplicationScoped
class LegacyImportPersistenceAdapter implements LegacyImports {

    private static final String[] COPIED = {"import_id", "row_no", "legacy_id", "status", "reason", "field",
        "detail", "issue_date", "warnings", "obligation_id", "obligation"};
    private static final CsvSchema ROW;
    private static final CsvMapper CSV = new CsvMapper();
    private static final int MAX_LEGACY_ID = 64;
    /** The transaction-scoped advisory lock that makes one instance at a time process the legacy imports. */
    private static final long PROCESSING_LOCK = 0x4c45474143590001L;
    private static final int MAX_DETAIL = 300;
    /**
     * The obligations of an import's PENDING rows up to a row number, in row order, so that of two rows with one
     * legacyId the first is the one inserted; one whose reference exists already is skipped.
     */
    private static final String INSERT_OBLIGATIONS = """
            INSERT INTO obligation (%s)
            SELECT %s FROM legacy_import_row l CROSS JOIN LATERAL jsonb_to_record(l.obligation) AS r (%s)
             WHERE l.import_id = ? AND l.status = 'PENDING' AND l.row_no <= ? ORDER BY l.row_no
            ON CONFLICT (source_system, external_reference) DO NOTHING""".formatted(ObligationRows.COLUMNS,
            Arrays.stream(ObligationRows.COLUMNS.split(",")).map(c -> "r." + c.strip())
                    .collect(Collectors.joining(", ")), ObligationRows.insertedColumns());
    /**
     * Then each of those rows is ACCEPTED when its own obligation (its id is the row's alone) was inserted, or a
     * DUPLICATE: a lookup by primary key per row. (One statement joining the INSERT's RETURNING to the rows was
     * planned as a nested loop over both, 10 s for 10,000 rows.)
     */
    private static final String MARK_ROWS = """
            UPDATE legacy_import_row l
               SET status = CASE WHEN EXISTS (SELECT 1 FROM obligation o WHERE o.id = l.obligation_id)
                                 THEN 'ACCEPTED' ELSE 'DUPLICATE' END,
                   obligation = NULL
             WHERE l.import_id = ? AND l.status = 'PENDING' AND l.row_no <= ?""";

    static {
        CsvSchema.Builder columns = CsvSchema.builder();
        Arrays.stream(COPIED).forEach(columns::addColumn);
        ROW = columns.build().withoutHeader();
    }

    private final Jdbc jdbc;
    private final ObligationRows obligationRows;

    LegacyImportPersistenceAdapter(Jdbc jdbc, ObligationRows obligationRows) {
        this.jdbc = jdbc;
        this.obligationRows = obligationRows;
    }

    @Override
    public int add(UUID id, Instant receivedAt, String receivedBy, Iterator<Staged> rows) {
        jdbc.update("INSERT INTO legacy_import (id, received_at, received_by, rows_read) VALUES (?, ?, ?, 0)", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, Sql.timestamp(receivedAt));
            ps.setString(3, receivedBy);
        });
        // The COPY lasts as long as the file takes to arrive: the pool's statement timeout (seconds) would cancel it.
        jdbc.update("SET LOCAL statement_timeout = '15min'", ps -> { });
        int read = jdbc.work(c -> {
            String copy = "COPY legacy_import_row (" + String.join(", ", COPIED) + ") FROM STDIN (FORMAT csv)";
            try (OutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), copy, 1 << 20);
                 SequenceWriter lines = CSV.writer(ROW).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                         .writeValues(out)) {
                int n = 0;
                while (rows.hasNext()) {
                    lines.write(row(id, rows.next()));
                    n++;
                }
                lines.flush();
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        jdbc.update("UPDATE legacy_import SET rows_read = ? WHERE id = ?", ps -> {
            ps.setInt(1, read);
            ps.setObject(2, id);
        });
        completeIfDone(id, receivedAt);
        return read;
    }

    private List<Object> row(UUID importId, Staged staged) {
        List<Object> row = new ArrayList<>(COPIED.length);
        row.add(importId.toString());
        row.add(staged.row());
        row.add(shortened(printable(staged.legacyId()), MAX_LEGACY_ID));
        if (staged.checked() instanceof LegacyRow.Accepted accepted) {
            Obligation o = accepted.obligation();
            row.addAll(Arrays.asList("PENDING", null, null, null, accepted.issueDate().toString(),
                    o.warnings().size(), o.id().toString(), obligationRows.insertRow(o)));
        } else {
            LegacyRow.Rejected rejected = (LegacyRow.Rejected) staged.checked();
            row.addAll(Arrays.asList("REJECTED", rejected.reason(), rejected.field(),
                    shortened(rejected.detail(), MAX_DETAIL), null, 0, null, null));
        }
        return row;
    }

    /** The value with its control characters replaced (it is shown back to the sender, as sent otherwise). */
    private static String printable(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private static String shortened(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…";
    }

    @Override
    public Optional<Summary> summary(UUID id) {
        return jdbc.one("""
                SELECT i.id, i.received_at, i.received_by, i.rows_read, i.completed_at,
                       count(r.row_no) FILTER (WHERE r.status = 'PENDING') AS pending,
                       count(r.row_no) FILTER (WHERE r.status = 'ACCEPTED') AS accepted,
                       count(r.row_no) FILTER (WHERE r.status = 'DUPLICATE') AS duplicates,
                       count(r.row_no) FILTER (WHERE r.status = 'REJECTED') AS rejected,
                       count(r.row_no) FILTER (WHERE r.status = 'ACCEPTED' AND r.warnings > 0) AS warnings
                  FROM legacy_import i LEFT JOIN legacy_import_row r ON r.import_id = i.id
                 WHERE i.id = ? GROUP BY i.id""", ps -> ps.setObject(1, id), LegacyImportPersistenceAdapter::summary);
    }

    @Override
    public Page<Rejection> rejections(UUID id, PageRequest page) {
        List<Rejection> items = jdbc.query("SELECT row_no, legacy_id, reason, field, detail FROM legacy_import_row"
                + " WHERE import_id = ? AND status = 'REJECTED' ORDER BY row_no LIMIT ? OFFSET ?", ps -> {
                    ps.setObject(1, id);
                    ps.setInt(2, page.size());
                    ps.setLong(3, page.offset());
                }, rs -> new Rejection(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
        long total = jdbc.one("SELECT count(*) FROM legacy_import_row WHERE import_id = ? AND status = 'REJECTED'",
                ps -> ps.setObject(1, id), rs -> rs.getLong(1)).orElse(0L);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public int processPending(int limit, Instant now) {
        // One instance at a time, on the oldest unfinished import: of two imports naming one legacyId, the earlier
        // one's row is accepted. Another instance does not wait: it finds the lock taken and tries again later.
        boolean mine = jdbc.one("SELECT pg_try_advisory_xact_lock(?)", ps -> ps.setLong(1, PROCESSING_LOCK),
                rs -> rs.getBoolean(1)).orElse(false);
        if (!mine) {
            return 0;
        }
        Optional<UUID> next = jdbc.one("SELECT id FROM legacy_import WHERE completed_at IS NULL"
                + " ORDER BY received_at, id LIMIT 1", ps -> { }, rs -> rs.getObject(1, UUID.class));
        if (next.isEmpty()) {
            return 0;
        }
        UUID id = next.get();
        // The chunk: the PENDING rows up to the limit-th one (the import is locked: no other instance moves them).
        int last = jdbc.one("SELECT coalesce(max(row_no), 0) FROM (SELECT row_no FROM legacy_import_row"
                + " WHERE import_id = ? AND status = 'PENDING' ORDER BY row_no LIMIT ?) c", ps -> {
                    ps.setObject(1, id);
                    ps.setInt(2, limit);
                }, rs -> rs.getInt(1)).orElse(0);
        int settled = 0;
        if (last > 0) {
            Jdbc.Binder chunk = ps -> {
                ps.setObject(1, id);
                ps.setInt(2, last);
            };
            jdbc.update(INSERT_OBLIGATIONS, chunk);
            settled = jdbc.update(MARK_ROWS, chunk);
        }
        completeIfDone(id, now);
        return settled;
    }

    private void completeIfDone(UUID id, Instant at) {
        jdbc.update("UPDATE legacy_import SET completed_at = ? WHERE id = ? AND completed_at IS NULL AND NOT EXISTS"
                + " (SELECT 1 FROM legacy_import_row WHERE import_id = ? AND status = 'PENDING')", ps -> {
                    ps.setObject(1, Sql.timestamp(at));
                    ps.setObject(2, id);
                    ps.setObject(3, id);
                });
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getObject("id", UUID.class), Sql.instant(rs, "received_at"),
                rs.getString("received_by"), rs.getInt("rows_read"), rs.getInt("pending"), rs.getInt("accepted"),
                rs.getInt("duplicates"), rs.getInt("rejected"), rs.getInt("warnings"),
                Sql.instant(rs, "completed_at"));
    }
}
