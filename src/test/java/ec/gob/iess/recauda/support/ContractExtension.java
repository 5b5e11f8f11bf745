package ec.gob.iess.recauda.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Installs {@link ContractFilter} before every Quarkus test (registered in {@code META-INF/services}, so it runs in
 * the test's own class loader, where its RestAssured lives), so that no HTTP test can forget it.
 */
public final class ContractExtension implements QuarkusTestBeforeEachCallback {

    private static final ContractFilter FILTER = new ContractFilter();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (ContractExtension.class) {
            if (RestAssured.filters().stream().noneMatch(f -> f instanceof ContractFilter)) {
                RestAssured.filters(FILTER);
            }
        }
    }
}
