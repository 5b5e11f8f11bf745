package ec.gob.iess.recauda.config;

import ec.gob.iess.recauda.domain.access.BootstrapCredential;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The bootstrap STAFF key from configuration ({@code recauda.bootstrap-admin-key}), checked at start-up: a key that
 * could never authenticate stops the service with a message saying why.
 */
@ApplicationScoped
public class BootstrapCredentialProducer {

    @Produces
    @Singleton
    @Startup
    BootstrapCredential bootstrap(@ConfigProperty(name = "recauda.bootstrap-admin-key") Optional<String> key) {
        return BootstrapCredential.of(key);
    }
}
