package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.out.Batches;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.payment.Allocation;
import ec.gob.iess.recauda.domain.payment.Payment;
import ec.gob.iess.recauda.domain.publicsector.BatchLine;
import ec.gob.iess.recauda.domain.publicsector.LineOutcome;
import ec.gob.iess.recauda.domain.publicsector.LineStatus;
import ec.gob.iess.recauda.domain.publicsector.UnappliedFund;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The ministry's batches in PostgreSQL (plain SQL, ADR 0011): a batch's lines are written in one statement from
 * arrays, a chunk's outcome in a few statements from jsonb row sets, and the work still to do is claimed with
 * {@code FOR UPDATE SKIP LOCKED} on the partial index of PENDING lines.
 */
@ApplicationScoped
class BatchPersistenceAdapter implements Batches {

    static final int MAX_DETAIL = 300;
    private static final int READ_CHUNK = 1000;
    private static final String HEADER_COLUMNS = "b.batch_id, b.client_id, b.payer_id, b.body_sha256, b.key_id,"
            + " b.transfer_reference, b.value_date, b.control_total, b.line_count, b.received_at";
    private static final String LINE_COLUMNS = "l.line_no, l.employer_id, l.reference, l.period, l.amount, l.status,"
            + " l.reason, l.detail, l.applied_amount, l.unapplied_amount, l.payment_id, l.processed_at";
    /** A line due for an attempt: never failed, or its last counted failure before the bound parameter. */
    private static final String DUE = "(l.last_failed_at IS NULL OR l.last_failed_at <= ?)";
    /** A line with its batch's header, to be row-locked (FOR UPDATE OF l SKIP LOCKED). */
    private static final String CLAIM = "SELECT " + HEADER_COLUMNS + ", " + LINE_COLUMNS
            + " FROM ministry_batch_line l JOIN ministry_batch b ON b.batch_id = l.batch_id";
    private static final String INSERT_LINES = """
            INSERT INTO ministry_batch_line (batch_id, line_no, employer_id, reference, period, amount, status)
            SELECT ?, n::integer, e, r, p, a::numeric, 'PENDING'
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS l (n, e, r, p, a)""";
    private static final String UPDATE_LINES = """
            UPDATE ministry_batch_line l
               SET status = u.status, reason = u.reason, detail = u.detail, applied_amount = u.applied,
                   unapplied_amount = u.unapplied, payment_id = u.payment_id, processed_at = ?
              FROM jsonb_to_recordset(?::jsonb) AS u (batch_id text, line_no int, status text, reason text,
                                                     detail text, applied numeric, unapplied numeric, payment_id uuid)
             WHERE l.batch_id = u.batch_id AND l.line_no = u.line_no AND l.status = 'PENDING'""";
    private final Jdbc jdbc;
    private final VoucherPersistenceAdapter vouchers;
    private final LumpSumRows rows;

    BatchPersistenceAdapter(Jdbc jdbc, VoucherPersistenceAdapter vouchers, LumpSumRows rows) {
        this.jdbc = jdbc;
        this.vouchers = vouchers;
        this.rows = rows;
    }

    @Override
    public boolean add(Header b, List<BatchLine> lines) {
        int inserted = jdbc.update("INSERT INTO ministry_batch (batch_id, client_id, payer_id, body_sha256, key_id,"
                + " transfer_reference, value_date, control_total, line_count, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (batch_id) DO NOTHING", ps -> {
                    ps.setString(1, b.batchId());
                    ps.setObject(2, b.clientId());
                    ps.setString(3, b.payerId());
                    ps.setBytes(4, b.bodySha256());
                    ps.setString(5, b.keyId());
                    ps.setString(6, b.transferReference());
                    ps.setObject(7, b.valueDate());
                    ps.setBigDecimal(8, b.controlTotal().amount());
                    ps.setInt(9, b.lineCount());
                    ps.setObject(10, Sql.timestamp(b.receivedAt()));
                });
        if (inserted == 0) {
            return false;
        }
        List<String> numbers = new ArrayList<>(lines.size());
        List<String> employers = new ArrayList<>(lines.size());
        List<String> references = new ArrayList<>(lines.size());
        List<String> periods = new ArrayList<>(lines.size());
        List<String> amounts = new ArrayList<>(lines.size());
        for (BatchLine l : lines) {
            numbers.add(Integer.toString(l.lineNo()));
            employers.add(l.employerId().value());
            references.add(l.reference() == null ? null : l.reference().value());
            periods.add(l.period() == null ? null : l.period().toString());
            amounts.add(l.amount().amount().toPlainString());
        }
        jdbc.update(INSERT_LINES, ps -> {
            ps.setString(1, b.batchId());
            ps.setArray(2, Jdbc.textArray(ps, numbers));
            ps.setArray(3, Jdbc.textArray(ps, employers));
            ps.setArray(4, Jdbc.textArray(ps, references));
            ps.setArray(5, Jdbc.textArray(ps, periods));
            ps.setArray(6, Jdbc.textArray(ps, amounts));
        });
        return true;
    }

    @Override
    public Optional<Header> find(String batchId) {
        return jdbc.one("SELECT " + HEADER_COLUMNS + " FROM ministry_batch b WHERE b.batch_id = ?",
                ps -> ps.setString(1, batchId), BatchPersistenceAdapter::header);
    }

    @Override
    public Summary summary(String batchId) {
        return jdbc.one("""
                SELECT count(*) FILTER (WHERE status <> 'PENDING') AS processed,
                       count(*) FILTER (WHERE status = 'APPLIED') AS applied,
                       coalesce(sum(applied_amount), 0) AS applied_total,
                       count(*) FILTER (WHERE status = 'PARTIAL') AS partial,
                       count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
                       coalesce(sum(unapplied_amount), 0) AS unapplied_total,
                       max(processed_at) AS last_processed_at
                  FROM ministry_batch_line WHERE batch_id = ?""", ps -> ps.setString(1, batchId),
                rs -> new Summary(rs.getInt("processed"), rs.getInt("applied"),
                        new Money(rs.getBigDecimal("applied_total")), rs.getInt("partial"), rs.getInt("rejected"),
                        new Money(rs.getBigDecimal("unapplied_total")), Sql.instant(rs, "last_processed_at")))
                .orElseThrow();
    }

    @Override
    public Page<LineView> lines(String batchId, LineStatus status, PageRequest page) {
        String where = " WHERE l.batch_id = ?" + (status == null ? "" : " AND l.status = ?");
        Jdbc.Binder filter = ps -> {
            ps.setString(1, batchId);
            if (status != null) {
                ps.setString(2, status.name());
            }
        };
        int next = status == null ? 2 : 3;
        List<LineView> items = withAllocations(jdbc.query("SELECT " + LINE_COLUMNS + " FROM ministry_batch_line l"
                + where + " ORDER BY l.line_no LIMIT ? OFFSET ?", ps -> {
                    filter.bind(ps);
                    ps.setInt(next, page.size());
                    ps.setLong(next + 1, page.offset());
                }, BatchPersistenceAdapter::line));
        long total = jdbc.one("SELECT count(*) FROM ministry_batch_line l" + where, filter, rs -> rs.getLong(1))
                .orElse(0L);
        return new Page<>(items, page.page(), page.size(), total);
    }

    @Override
    public void forEachLine(String batchId, LineStatus status, Consumer<LineView> sink) {
        int after = 0;
        List<LineView> chunk;
        do {
            int from = after;
            chunk = withAllocations(jdbc.query("SELECT " + LINE_COLUMNS + " FROM ministry_batch_line l"
                    + " WHERE l.batch_id = ? AND l.line_no > ?" + (status == null ? "" : " AND l.status = ?")
                    + " ORDER BY l.line_no LIMIT " + READ_CHUNK, ps -> {
                        ps.setString(1, batchId);
                        ps.setInt(2, from);
                        if (status != null) {
                            ps.setString(3, status.name());
                        }
                    }, BatchPersistenceAdapter::line));
            chunk.forEach(sink);
            after = chunk.isEmpty() ? after : chunk.get(chunk.size() - 1).line().lineNo();
        } while (chunk.size() == READ_CHUNK);
    }

    @Override
    public List<Claimed> claimPending(int limit, Instant failedBefore) {
        return jdbc.query(CLAIM + " WHERE l.status = 'PENDING' AND " + DUE + " ORDER BY l.batch_id, l.line_no"
                + " LIMIT ? FOR UPDATE OF l SKIP LOCKED", ps -> {
                    ps.setObject(1, Sql.timestamp(failedBefore));
                    ps.setInt(2, limit);
                }, rs -> new Claimed(header(rs), line(rs).line()));
    }

    @Override
    public List<LineKey> pendingKeys(int limit, Instant failedBefore) {
        return jdbc.query("SELECT l.batch_id, l.line_no FROM ministry_batch_line l WHERE l.status = 'PENDING'"
                + " AND " + DUE + " ORDER BY l.batch_id, l.line_no LIMIT ?", ps -> {
                    ps.setObject(1, Sql.timestamp(failedBefore));
                    ps.setInt(2, limit);
                }, rs -> new LineKey(rs.getString(1), rs.getInt(2)));
    }

    @Override
    public Optional<Claimed> claim(LineKey key) {
        return jdbc.one(CLAIM + " WHERE l.batch_id = ? AND l.line_no = ? AND l.status = 'PENDING'"
                + " FOR UPDATE OF l SKIP LOCKED", ps -> {
                    ps.setString(1, key.batchId());
                    ps.setInt(2, key.lineNo());
                }, rs -> new Claimed(header(rs), line(rs).line()));
    }

    @Override
    public int countFailure(LineKey key, Instant now, Duration spacing) {
        return jdbc.one("UPDATE ministry_batch_line SET failed_attempts = failed_attempts"
                + " + CASE WHEN last_failed_at IS NULL OR last_failed_at <= ? THEN 1 ELSE 0 END,"
                + " last_failed_at = CASE WHEN last_failed_at IS NULL OR last_failed_at <= ? THEN ?"
                + " ELSE last_failed_at END"
                + " WHERE batch_id = ? AND line_no = ? AND status = 'PENDING' RETURNING failed_attempts", ps -> {
                    ps.setObject(1, Sql.timestamp(now.minus(spacing)));
                    ps.setObject(2, Sql.timestamp(now.minus(spacing)));
                    ps.setObject(3, Sql.timestamp(now));
                    ps.setString(4, key.batchId());
                    ps.setInt(5, key.lineNo());
                }, rs -> rs.getInt(1)).orElse(0);
    }

    @Override
    public void settle(List<Settled> settled, List<Obligation> obligations, List<Voucher> paidVouchers,
                       Instant at) {
        List<Payment> payments = new ArrayList<>();
        List<Map<String, Object>> lines = new ArrayList<>();
        List<UnappliedFund> funds = new ArrayList<>();
        for (Settled s : settled) {
            Header batch = s.claimed().batch();
            BatchLine line = s.claimed().line();
            LineOutcome o = s.outcome();
            Payment p = s.payment();
            if (p != null) {
                payments.add(p);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch_id", batch.batchId());
            row.put("line_no", line.lineNo());
            row.put("status", o.status().name());
            row.put("reason", o.reason());
            row.put("detail", o.detail() == null || o.detail().length() <= MAX_DETAIL ? o.detail()
                    : o.detail().substring(0, MAX_DETAIL - 1) + "…");
            row.put("applied", o.applied().amount().toPlainString());
            row.put("unapplied", o.unapplied().amount().toPlainString());
            row.put("payment_id", p == null ? null : p.id().toString());
            lines.add(row);
            if (s.unappliedFundId() != null) {
                funds.add(UnappliedFund.open(s.unappliedFundId(), UnappliedFund.Source.ofLine(batch.batchId(),
                                line.lineNo()), batch.payerId(), line.employerId(), o.unapplied(), o.reason(),
                        batch.valueDate(), null, at));
            }
        }
        try {
            rows.insertPayments(payments);
        } catch (Jdbc.ConstraintViolation e) {
            if ("uq_payment_batch_line".equals(e.constraint())
                    || PaymentPersistenceAdapter.UNIQUE_APPLIED_VOUCHER.equals(e.constraint())) {
                throw new ConflictException("batch-line-settled", "a line of the chunk was settled meanwhile");
            }
            throw e;
        }
        rows.updateObligations(obligations);
        paidVouchers.forEach(vouchers::update);
        int updated = jdbc.update(UPDATE_LINES, ps -> {
            ps.setObject(1, Sql.timestamp(at));
            ps.setString(2, rows.json(lines));
        });
        if (updated != lines.size()) {
            throw new ConflictException("batch-line-settled", (lines.size() - updated) + " lines of the chunk were"
                    + " settled meanwhile");
        }
        rows.insertFunds(funds);
    }

    @Override
    public boolean rememberSignature(byte[] signatureSha256, UUID clientId, Instant created, Instant now) {
        return jdbc.update("INSERT INTO seen_signature (signature_sha256, client_id, created, seen_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (signature_sha256) DO NOTHING", ps -> {
                    ps.setBytes(1, signatureSha256);
                    ps.setObject(2, clientId);
                    ps.setObject(3, Sql.timestamp(created));
                    ps.setObject(4, Sql.timestamp(now));
                }) == 1;
    }

    @Override
    public int forgetSignaturesCreatedBefore(Instant before) {
        return jdbc.update("DELETE FROM seen_signature WHERE created < ?",
                ps -> ps.setObject(1, Sql.timestamp(before)));
    }

    /** Reads the allocations of the lines' payments in one query and attaches them. */
    private List<LineView> withAllocations(List<LineView> lines) {
        List<String> ids = lines.stream().filter(l -> l.paymentId() != null).map(l -> l.paymentId().toString())
                .toList();
        if (ids.isEmpty()) {
            return lines;
        }
        Map<UUID, List<Allocation>> byPayment = new HashMap<>();
        jdbc.query("SELECT payment_id, obligation_id, interest, principal FROM payment_allocation"
                        + " WHERE payment_id = ANY (?::uuid[]) ORDER BY payment_id, position",
                ps -> ps.setArray(1, Jdbc.textArray(ps, ids)), rs -> {
                    byPayment.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Allocation(new ObligationId(rs.getObject(2, UUID.class)),
                                    new Money(rs.getBigDecimal(3)), new Money(rs.getBigDecimal(4))));
                    return null;
                });
        return lines.stream().map(l -> l.paymentId() == null ? l : new LineView(l.line(), l.status(), l.reason(),
                l.detail(), l.applied(), l.unapplied(), l.paymentId(), l.processedAt(),
                byPayment.getOrDefault(l.paymentId(), List.of()))).toList();
    }

    private static Header header(ResultSet rs) throws SQLException {
        return new Header(rs.getString("batch_id"), rs.getObject("client_id", UUID.class), rs.getString("payer_id"),
                rs.getBytes("body_sha256"), rs.getString("key_id"), rs.getString("transfer_reference"),
                rs.getObject("value_date", LocalDate.class), new Money(rs.getBigDecimal("control_total")),
                rs.getInt("line_count"), Sql.instant(rs, "received_at"));
    }

    private static LineView line(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        String period = rs.getString("period");
        BigDecimal applied = rs.getBigDecimal("applied_amount");
        BigDecimal unapplied = rs.getBigDecimal("unapplied_amount");
        BatchLine line = new BatchLine(rs.getInt("line_no"), DebtorId.parse(rs.getString("employer_id")),
                reference == null ? null : new VoucherReference(reference),
                period == null ? null : Period.parse(period), new Money(rs.getBigDecimal("amount")));
        return new LineView(line, LineStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getString("detail"), applied == null ? null : new Money(applied),
                unapplied == null ? null : new Money(unapplied), rs.getObject("payment_id", UUID.class),
                Sql.instant(rs, "processed_at"), List.of());
    }
}
