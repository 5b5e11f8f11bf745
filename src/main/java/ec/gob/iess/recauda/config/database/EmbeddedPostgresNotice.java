package ec.gob.iess.recauda.config.database;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Logs one WARN line when a packaged service runs on the embedded database, saying how to use a real server. */
@ApplicationScoped
class EmbeddedPostgresNotice {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresNotice.class);

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current().isDevOrTest()) {
            return;
        }
        EmbeddedPostgresServer.runningDataDirectory().ifPresent(dir -> LOG.warn("Running on the EMBEDDED"
                + " PostgreSQL (data in " + dir + "): fine for a demo, not for production. Set"
                + " QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD to use a"
                + " PostgreSQL server."));
    }
}
