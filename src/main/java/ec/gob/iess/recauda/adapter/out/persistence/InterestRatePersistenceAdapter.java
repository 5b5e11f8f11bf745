package ec.gob.iess.recauda.adapter.out.persistence;

import ec.gob.iess.recauda.application.port.out.InterestRates;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.InterestRateTable;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rate table in PostgreSQL. A rate is set with one upsert, so two staff setting one date cannot collide. */
@ApplicationScoped
class InterestRatePersistenceAdapter implements InterestRates {

    private final Jdbc jdbc;

    InterestRatePersistenceAdapter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public InterestRateTable table() {
        return jdbc.work(connection -> {
            List<InterestRate> rates = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT effective_from, annual_rate FROM interest_rate ORDER BY effective_from");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rates.add(new InterestRate(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2)));
                }
            }
            return new InterestRateTable(rates);
        });
    }

    @Override
    public boolean put(InterestRate rate, String changedBy, Instant now) {
        return jdbc.work(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO interest_rate (effective_from, annual_rate, updated_at, updated_by)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (effective_from) DO UPDATE
                       SET annual_rate = EXCLUDED.annual_rate, updated_at = EXCLUDED.updated_at,
                           updated_by = EXCLUDED.updated_by
                    RETURNING (xmax = 0) AS inserted""")) {
                ps.setDate(1, Date.valueOf(rate.effectiveFrom()));
                ps.setBigDecimal(2, rate.annualRate());
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, changedBy);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }
}
