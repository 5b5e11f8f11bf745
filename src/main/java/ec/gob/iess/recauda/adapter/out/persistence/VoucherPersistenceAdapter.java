package ec.gob.iess.recauda.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ec.gob.iess.recauda.application.port.out.Vouchers;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.Voucher;
import ec.gob.iess.recauda.domain.voucher.VoucherLine;
import ec.gob.iess.recauda.domain.voucher.VoucherReference;
import ec.gob.iess.recauda.domain.voucher.VoucherStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Vouchers in PostgreSQL; their lines, fixed at issue, are kept as one jsonb document. */
@ApplicationScoped
class VoucherPersistenceAdapter implements Vouchers {

    private static final String COLUMNS = "reference, debtor_id, debtor_name, amount, issued_on, expires_on, status,"
            + " lines, issued_by, created_at, updated_at, version, card_charge";
    /**
     * Whether an ISSUED voucher {@code v} no longer holds all its obligations (each PENDING and held by it): a newer
     * voucher took them after it expired at one entity's cut-off. Evaluated inside the query that reads the voucher,
     * by primary key over its few lines, so it costs no extra round trip.
     */
    private static final String SUPERSEDED = "(v.status = 'ISSUED' AND EXISTS (SELECT 1"
            + " FROM jsonb_array_elements(v.lines) l LEFT JOIN obligation o ON o.id = (l.value ->> 'obligationId')::uuid"
            + " WHERE o.id IS NULL OR o.status <> 'PENDING' OR o.held_by IS DISTINCT FROM v.reference))";
    private static final TypeReference<List<LineJson>> LINES = new TypeReference<>() {
    };

    /** How a line is stored. */
    record LineJson(UUID obligationId, String type, LocalDate dueDate, String description, BigDecimal principal,
                    BigDecimal interest) {
    }

    private final Jdbc jdbc;
    private final ObjectMapper json;

    VoucherPersistenceAdapter(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean add(Voucher v) {
        String lines = toJson(v.lines().stream().map(l -> new LineJson(l.obligationId().value(), l.type().name(),
                l.dueDate(), l.description(), l.principal().amount(), l.interest().amount())).toList());
        return jdbc.update("INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on,"
                + " status, description, lines, issued_by, created_at, updated_at, version, card_charge)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (reference) DO NOTHING", ps -> {
                    ps.setString(1, v.reference().value());
                    ps.setString(2, v.debtorId().value());
                    ps.setString(3, v.debtorName());
                    ps.setBigDecimal(4, v.amount().amount());
                    ps.setObject(5, v.issuedOn());
                    ps.setObject(6, v.expiresOn());
                    ps.setString(7, v.storedStatus().name());
                    ps.setString(8, truncate(v.description(), 300));
                    ps.setString(9, lines);
                    ps.setString(10, v.issuedBy());
                    ps.setObject(11, Sql.timestamp(v.createdAt()));
                    ps.setObject(12, Sql.timestamp(v.updatedAt()));
                    ps.setLong(13, v.version());
                    ps.setBoolean(14, v.isCardCharge());
                }) == 1;
    }

    /** One statement for a chunk, its rows as a jsonb set; the vouchers stored are counted by what it returns. */
    @Override
    public int addAll(List<Voucher> vouchers) {
        if (vouchers.isEmpty()) {
            return 0;
        }
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Voucher v : vouchers) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("reference", v.reference().value());
            row.put("debtor_id", v.debtorId().value());
            row.put("debtor_name", v.debtorName());
            row.put("amount", v.amount().amount().toPlainString());
            row.put("issued_on", v.issuedOn().toString());
            row.put("expires_on", v.expiresOn().toString());
            row.put("status", v.storedStatus().name());
            row.put("description", truncate(v.description(), 300));
            row.put("lines", v.lines().stream().map(l -> new LineJson(l.obligationId().value(), l.type().name(),
                    l.dueDate(), l.description(), l.principal().amount(), l.interest().amount())).toList());
            row.put("issued_by", v.issuedBy());
            row.put("created_at", v.createdAt().toString());
            row.put("updated_at", v.updatedAt().toString());
            row.put("version", v.version());
            row.put("card_charge", v.isCardCharge());
            rows.add(row);
        }
        return jdbc.query("INSERT INTO voucher (reference, debtor_id, debtor_name, amount, issued_on, expires_on,"
                + " status, description, lines, issued_by, created_at, updated_at, version, card_charge)"
                + " SELECT reference, debtor_id, debtor_name, amount, issued_on, expires_on, status, description,"
                + " lines,"
                + " issued_by, created_at, updated_at, version, card_charge FROM jsonb_to_recordset(?::jsonb) AS r"
                + " (reference text, debtor_id text, debtor_name text, amount numeric, issued_on date, expires_on date,"
                + " status text, description text, lines jsonb, issued_by text, created_at timestamptz,"
                + " updated_at timestamptz, version bigint, card_charge boolean)"
                + " ON CONFLICT (reference) DO NOTHING RETURNING reference",
                ps -> ps.setString(1, toJson(rows)), rs -> rs.getString(1)).size();
    }

    @Override
    public List<Voucher> lockAll(java.util.Collection<VoucherReference> references) {
        if (references.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM voucher WHERE reference = ANY (?::text[]) ORDER BY reference"
                + " FOR UPDATE", ps -> ps.setArray(1, Jdbc.textArray(ps, references.stream()
                        .map(VoucherReference::value).toList())), rs -> fromRow(rs, false));
    }

    /** One statement for a chunk, its rows as a jsonb set. */
    @Override
    public void updateAll(List<Voucher> vouchers) {
        if (vouchers.isEmpty()) {
            return;
        }
        List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Voucher v : vouchers) {
            rows.add(java.util.Map.of("reference", v.reference().value(), "status", v.storedStatus().name(),
                    "updated_at", v.updatedAt().toString()));
        }
        jdbc.update("UPDATE voucher v SET status = r.status, updated_at = r.updated_at, version = v.version + 1"
                + " FROM jsonb_to_recordset(?::jsonb) AS r (reference text, status text, updated_at timestamptz)"
                + " WHERE v.reference = r.reference", ps -> ps.setString(1, toJson(rows)));
    }

    @Override
    public Optional<Voucher> find(VoucherReference reference) {
        return jdbc.one("SELECT " + COLUMNS + ", " + SUPERSEDED + " AS superseded FROM voucher v WHERE v.reference = ?",
                ps -> ps.setString(1, reference.value()), rs -> fromRow(rs, rs.getBoolean("superseded")));
    }

    @Override
    public Optional<Voucher> lock(VoucherReference reference) {
        return jdbc.one("SELECT " + COLUMNS + " FROM voucher WHERE reference = ? FOR UPDATE",
                ps -> ps.setString(1, reference.value()), rs -> fromRow(rs, false));
    }

    @Override
    public void update(Voucher v) {
        jdbc.update("UPDATE voucher SET status = ?, updated_at = ?, version = version + 1 WHERE reference = ?", ps -> {
            ps.setString(1, v.storedStatus().name());
            ps.setObject(2, Sql.timestamp(v.updatedAt()));
            ps.setString(3, v.reference().value());
        });
    }

    @Override
    public List<Voucher> unexpiredOf(DebtorId debtor, LocalDate today) {
        return jdbc.query("SELECT " + COLUMNS + " FROM voucher v WHERE v.debtor_id = ? AND v.status = 'ISSUED'"
                + " AND v.expires_on >= ? AND NOT v.card_charge AND NOT " + SUPERSEDED
                + " ORDER BY v.created_at, v.reference", ps -> {
                    ps.setString(1, debtor.value());
                    ps.setObject(2, today);
                }, rs -> fromRow(rs, false));
    }

    private Voucher fromRow(ResultSet rs, boolean superseded) throws SQLException {
        return fromRow(rs, "", superseded);
    }

    /** The {@link #COLUMNS}, each as {@code alias.column AS prefix_column}, for a query that joins other tables. */
    static String columns(String alias, String prefix) {
        return Arrays.stream(COLUMNS.split(",\\s*")).map(c -> alias + "." + c + " AS " + prefix + c)
                .collect(Collectors.joining(", "));
    }

    /** A voucher from a row of {@link #COLUMNS}, each named with {@code prefix} before it. */
    Voucher fromRow(ResultSet rs, String prefix, boolean superseded) throws SQLException {
        List<VoucherLine> lines = fromJson(rs.getString(prefix + "lines")).stream()
                .map(l -> new VoucherLine(new ObligationId(l.obligationId()), ObligationType.valueOf(l.type()),
                        l.dueDate(), l.description(), new Money(l.principal()), new Money(l.interest())))
                .toList();
        return Voucher.restore(new VoucherReference(rs.getString(prefix + "reference")),
                DebtorId.parsePayer(rs.getString(prefix + "debtor_id")), rs.getString(prefix + "debtor_name"),
                new Money(rs.getBigDecimal(prefix + "amount")), rs.getObject(prefix + "issued_on", LocalDate.class),
                rs.getObject(prefix + "expires_on", LocalDate.class), lines, rs.getString(prefix + "issued_by"),
                Sql.instant(rs, prefix + "created_at"), VoucherStatus.valueOf(rs.getString(prefix + "status")),
                Sql.instant(rs, prefix + "updated_at"), rs.getLong(prefix + "version"), superseded,
                rs.getBoolean(prefix + "card_charge"));
    }

    private String toJson(Object lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<LineJson> fromJson(String text) {
        try {
            return json.readValue(text, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable voucher lines", e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
