package ec.gob.iess.recauda.config.database;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;

/**
 * Answers {@code quarkus.datasource.jdbc.url} with the URL of an embedded PostgreSQL when nothing else does.
 *
 * <p>Its ordinal (150) is below {@code application.properties} (250) and environment variables (300), so a URL
 * configured anywhere else wins and this source is never asked: then no embedded server starts. It is asked
 * lazily, when the datasource configuration is read at start-up, and starts the server on that first question
 * (see {@link EmbeddedPostgresServer}). It lists no property names, so iterating the configuration starts nothing.
 */
public final class EmbeddedPostgresConfigSource implements ConfigSource {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!JDBC_URL.equals(propertyName)) {
            return null;
        }
        return EmbeddedPostgresServer.jdbcUrl(EmbeddedPostgresSettings.read());
    }

    @Override
    public String getName() {
        return "recauda-embedded-postgresql";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
