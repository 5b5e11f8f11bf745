package ec.gob.iess.recauda.adapter.in.rest.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The buckets on the test database: counting, refusing, expiry, asynchronous commits only for them, failing open. */
@QuarkusTest
class RateLimitBucketsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void a_bucket_gives_its_quota_then_refuses_until_the_window_ends() {
        RateLimitBuckets buckets = new RateLimitBuckets(dataSource);
        RateLimitPolicy policy = new RateLimitPolicy("test", 2, Duration.ofSeconds(30));
        String subject = UUID.randomUUID().toString();

        RateLimitDecision first = buckets.consume(policy, subject).orElseThrow();
        RateLimitDecision second = buckets.consume(policy, subject).orElseThrow();
        RateLimitDecision third = buckets.consume(policy, subject).orElseThrow();

        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(first.resetSeconds()).isBetween(1L, 30L);
        assertThat(first.retryAfterSeconds()).isZero();
        assertThat(second.allowed()).isTrue();
        assertThat(second.remaining()).isZero();
        assertThat(third.allowed()).isFalse();
        assertThat(third.remaining()).isZero();
        assertThat(third.retryAfterSeconds()).isBetween(1L, 30L).isGreaterThanOrEqualTo(third.resetSeconds());
        assertThat(buckets.consume(policy, UUID.randomUUID().toString()).orElseThrow().allowed())
                .as("another subject has its own bucket").isTrue();
    }

    @Test
    void concurrent_checks_on_a_new_bucket_from_two_instances_take_exactly_its_quota() throws Exception {
        // Two instances' proxy managers, each batching its own threads' concurrent checks into one transaction.
        RateLimitBuckets one = new RateLimitBuckets(dataSource);
        RateLimitBuckets other = new RateLimitBuckets(dataSource);
        RateLimitPolicy policy = new RateLimitPolicy("test", 150, Duration.ofSeconds(60));
        String subject = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        // Another instance's first check of the bucket under way: its row inserted empty, not yet committed. The
        // checks queue behind it and then meet a row without state, all at once.
        Connection first = dataSource.getConnection();
        try {
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.execute("INSERT INTO rate_limit_bucket (id, state) VALUES ("
                        + RateLimitBuckets.bucketId(policy, subject) + ", NULL)");
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> allowed = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RateLimitBuckets instance = t % 2 == 0 ? one : other;
                allowed.add(pool.submit(() -> {
                    go.await();
                    int mine = 0;
                    for (int i = 0; i < 25; i++) {
                        if (instance.consume(policy, subject).orElseThrow().allowed()) {
                            mine++;
                        }
                    }
                    return mine;
                }));
            }
            go.countDown();
            Thread.sleep(300);
            first.commit();
            int total = 0;
            for (Future<Integer> f : allowed) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).as("200 checks on a quota of 150").isEqualTo(150);
        } finally {
            pool.shutdownNow();
            first.close();
        }
    }

    @Test
    void expired_buckets_are_removed_and_live_ones_kept() throws SQLException {
        RateLimitBuckets buckets = new RateLimitBuckets(dataSource);
        RateLimitPolicy policy = new RateLimitPolicy("test", 5, Duration.ofSeconds(30));
        String live = UUID.randomUUID().toString();
        String expired = UUID.randomUUID().toString();
        buckets.consume(policy, live).orElseThrow();
        buckets.consume(policy, expired).orElseThrow();
        long liveId = RateLimitBuckets.bucketId(policy, live);
        long expiredId = RateLimitBuckets.bucketId(policy, expired);
        assertThat(expiresAt(liveId)).as("a bucket expires once full again, plus a margin")
                .isBetween(System.currentTimeMillis(), System.currentTimeMillis() + 45_000);
        execute("UPDATE rate_limit_bucket SET expires_at = 1 WHERE id = " + expiredId);

        assertThat(buckets.removeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(count(expiredId)).isZero();
        assertThat(count(liveId)).isEqualTo(1);
    }

    @Test
    void only_the_bucket_transactions_commit_asynchronously() throws SQLException {
        DataSource asynchronous = new AsynchronousCommits(dataSource);
        try (Connection c = asynchronous.getConnection()) {
            c.setAutoCommit(false);
            assertThat(setting(c)).isEqualTo("off");
            c.commit();
            assertThat(setting(c)).as("SET LOCAL ends with its transaction").isEqualTo("on");
            c.setAutoCommit(true);
        }
        try (Connection c = dataSource.getConnection()) {
            assertThat(setting(c)).as("the pool's connections stay synchronous").isEqualTo("on");
        }
    }

    @Test
    void an_unreachable_store_lets_requests_through() {
        RateLimitBuckets buckets = new RateLimitBuckets(new Unreachable());
        assertThat(buckets.consume(new RateLimitPolicy("test", 1, Duration.ofSeconds(30)), "x")).isEmpty();
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long expiresAt(long id) throws SQLException {
        return query("SELECT expires_at FROM rate_limit_bucket WHERE id = ?", id);
    }

    private long count(long id) throws SQLException {
        return query("SELECT count(*) FROM rate_limit_bucket WHERE id = ?", id);
    }

    private long query(String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A datasource whose database cannot be reached. */
    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("connection refused");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
