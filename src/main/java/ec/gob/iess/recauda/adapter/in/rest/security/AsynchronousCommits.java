package ec.gob.iess.recauda.adapter.in.rest.security;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The service's datasource as the rate-limit buckets see it: every transaction they open (bucket4j turns autocommit
 * off, locks the row, updates it, commits) starts with {@code SET LOCAL synchronous_commit TO OFF}, so its commit
 * does not wait for the WAL to reach the disk. A crash can then forget the last fraction of a second of bucket
 * updates (at most three times {@code wal_writer_delay}): a few requests get their tokens back, nothing else. The
 * setting ends with the transaction; every other transaction on the pooled connection stays synchronous.
 * Measured with bench/RateLimitCost.java (ADR 0012): a check's median went from 0.4–1.2 ms with a synchronous commit
 * to 0.2–0.3 ms without.
 */
final class AsynchronousCommits implements DataSource {

    static final String STATEMENT = "SET LOCAL synchronous_commit TO OFF";

    private final DataSource delegate;

    AsynchronousCommits(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private static Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if ("setAutoCommit".equals(method.getName()) && Boolean.FALSE.equals(args[0])) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(STATEMENT);
                }
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(AsynchronousCommits.class.getClassLoader(),
                new Class<?>[]{Connection.class}, handler);
    }

    private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
