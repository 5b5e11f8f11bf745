package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.LegacyImports;
import ec.gob.iess.recauda.domain.obligation.LegacyRow;
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
 * {@code ON CONFLICT DO NOTHING} on the external reference (the rows it did not insert are duplicates), the rows
 * deleted (a work item done) and counted on the import. Only the rejected rows stay, for the rejections listing.
 */
@ApplicationScoped
class LegacyImportPersistenceAdapter implements LegacyImports {

    private static final String[] COPIED = {"import_id", "row_no", "legacy_id", "status", "reason", "field",
        "detail", "obligation"};
    private static final CsvSchema ROW;
    private static final CsvMapper CSV = new CsvMapper();
    private static final int MAX_LEGACY_ID = 64;
    /** The transaction-scoped advisory lock that makes one instance at a time process the legacy imports. */
    private static final long PROCESSING_LOCK = 0x4c45474143590001L;
    private static final int MAX_DETAIL = 300;
    /**
     * The obligations of an import's VALID rows up to a row number, in row order, so that of two rows with one
     * legacyId the first is the one inserted; one whose reference exists already is skipped (a duplicate).
     */
    private static final String INSERT_OBLIGATIONS = """
            INSERT INTO obligation (%s)
            SELECT %s FROM legacy_import_row l CROSS JOIN LATERAL jsonb_to_record(l.obligation) AS r (%s)
             WHERE l.import_id = ? AND l.status = 'VALID' AND l.row_no <= ? ORDER BY l.row_no
            ON CONFLICT (source_system, external_reference) DO NOTHING""".formatted(ObligationRows.COLUMNS,
            Arrays.stream(ObligationRows.COLUMNS.split(",")).map(c -> "r." + c.strip())
                    .collect(Collectors.joining(", ")), ObligationRows.insertedColumns());

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
        int[] counts = new int[3]; // read, rejected, with warnings
        jdbc.work(c -> {
            String copy = "COPY legacy_import_row (" + String.join(", ", COPIED) + ") FROM STDIN (FORMAT csv)";
            try (OutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class), copy, 1 << 20);
                 SequenceWriter lines = CSV.writer(ROW).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                         .writeValues(out)) {
                while (rows.hasNext()) {
                    Staged staged = rows.next();
                    lines.write(row(id, staged));
                    counts[0]++;
                    if (staged.checked() instanceof LegacyRow.Accepted accepted) {
                        counts[2] += accepted.obligation().warnings().isEmpty() ? 0 : 1;
                    } else {
                        counts[1]++;
                    }
                }
                lines.flush();
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        jdbc.update("UPDATE legacy_import SET rows_read = ?, rejected = ?, warnings = ?,"
                + " completed_at = CASE WHEN ? = ? THEN ? END WHERE id = ?", ps -> {
                    ps.setInt(1, counts[0]);
                    ps.setInt(2, counts[1]);
                    ps.setInt(3, counts[2]);
                    ps.setInt(4, counts[0]);
                    ps.setInt(5, counts[1]);
                    ps.setObject(6, Sql.timestamp(receivedAt));
                    ps.setObject(7, id);
                });
        return counts[0];
    }

    private List<Object> row(UUID importId, Staged staged) {
        List<Object> row = new ArrayList<>(COPIED.length);
        row.add(importId.toString());
        row.add(staged.row());
        row.add(shortened(printable(staged.legacyId()), MAX_LEGACY_ID));
        if (staged.checked() instanceof LegacyRow.Accepted accepted) {
            row.addAll(Arrays.asList("VALID", null, null, null, obligationRows.insertRow(accepted.obligation())));
        } else {
            LegacyRow.Rejected rejected = (LegacyRow.Rejected) staged.checked();
            row.addAll(Arrays.asList("REJECTED", rejected.reason(), rejected.field(),
                    shortened(rejected.detail(), MAX_DETAIL), null));
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
        return jdbc.one("SELECT id, received_at, received_by, rows_read, rejected, warnings, accepted, duplicates,"
                + " completed_at FROM legacy_import WHERE id = ?", ps -> ps.setObject(1, id),
                LegacyImportPersistenceAdapter::summary);
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
        // The chunk: the VALID rows up to the limit-th one (the lock keeps other instances off them).
        int[] chunk = jdbc.one("SELECT coalesce(max(row_no), 0), count(*) FROM (SELECT row_no FROM legacy_import_row"
                + " WHERE import_id = ? AND status = 'VALID' ORDER BY row_no LIMIT ?) c", ps -> {
                    ps.setObject(1, id);
                    ps.setInt(2, limit);
                }, rs -> new int[]{rs.getInt(1), rs.getInt(2)}).orElseThrow();
        int inserted = 0;
        if (chunk[1] > 0) {
            Jdbc.Binder upTo = ps -> {
                ps.setObject(1, id);
                ps.setInt(2, chunk[0]);
            };
            inserted = jdbc.update(INSERT_OBLIGATIONS, upTo);
            jdbc.update("DELETE FROM legacy_import_row WHERE import_id = ? AND status = 'VALID' AND row_no <= ?",
                    upTo);
        }
        int accepted = inserted;
        jdbc.update("UPDATE legacy_import SET accepted = accepted + ?, duplicates = duplicates + ?,"
                + " completed_at = CASE WHEN EXISTS (SELECT 1 FROM legacy_import_row WHERE import_id = ?"
                + " AND status = 'VALID') THEN NULL ELSE ? END WHERE id = ?", ps -> {
                    ps.setInt(1, accepted);
                    ps.setInt(2, chunk[1] - accepted);
                    ps.setObject(3, id);
                    ps.setObject(4, Sql.timestamp(now));
                    ps.setObject(5, id);
                });
        return chunk[1];
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        int read = rs.getInt("rows_read");
        int accepted = rs.getInt("accepted");
        int duplicates = rs.getInt("duplicates");
        int rejected = rs.getInt("rejected");
        return new Summary(rs.getObject("id", UUID.class), Sql.instant(rs, "received_at"),
                rs.getString("received_by"), read, read - accepted - duplicates - rejected, accepted, duplicates,
                rejected, rs.getInt("warnings"), Sql.instant(rs, "completed_at"));
    }
}
