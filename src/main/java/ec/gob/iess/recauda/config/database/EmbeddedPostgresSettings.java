package ec.gob.iess.recauda.config.database;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * The settings of the embedded server, read from system properties, environment variables and
 * {@code application.properties} (with profiles) without going through the application's own configuration,
 * which is still being built when the embedded server has to start.
 *
 * @param dataDirectory where the cluster lives
 * @param throwaway     whether the directory is deleted at exit (tests)
 * @param port          the port, 0 for any free one
 * @param server        the server settings ({@link EmbeddedPostgresTuning}, with
 *                      {@value EmbeddedPostgresTuning#OVERRIDES})
 */
record EmbeddedPostgresSettings(Path dataDirectory, boolean throwaway, int port, Map<String, String> server) {

    static final String DATA_DIR = "recauda.embedded-db.data-dir";
    static final String PORT = "recauda.embedded-db.port";
    static final String DEFAULT_DATA_DIR = "data/pg";

    static EmbeddedPostgresSettings read() {
        SmallRyeConfig config = bootstrapConfig();
        String configured = config.getOptionalValue(DATA_DIR, String.class).filter(s -> !s.isBlank()).orElse(null);
        int port = config.getOptionalValue(PORT, Integer.class).orElse(0);
        Map<String, String> server = EmbeddedPostgresTuning.forThisMachine(
                config.getOptionalValue(EmbeddedPostgresTuning.OVERRIDES, String.class).orElse(null));
        if (configured != null) {
            return new EmbeddedPostgresSettings(Path.of(configured), false, port, server);
        }
        if (LaunchMode.current() == LaunchMode.TEST) {
            try {
                Path temp = Files.createTempDirectory("recauda-test-pg-");
                return new EmbeddedPostgresSettings(temp.resolve("pg"), true, port, server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EmbeddedPostgresSettings(Path.of(DEFAULT_DATA_DIR), false, port, server);
    }

    private static SmallRyeConfig bootstrapConfig() {
        String profile = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        if (profile == null || profile.isBlank()) {
            profile = LaunchMode.current().getDefaultProfile();
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addSystemSources();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = EmbeddedPostgresSettings.class.getClassLoader();
        }
        try {
            for (URL url : Collections.list(loader.getResources("application.properties"))) {
                builder.withSources(new PropertiesConfigSource(url, 250));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.build();
    }
}
