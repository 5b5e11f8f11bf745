package ec.gob.iess.recauda.adapter.in.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The document-level parts of the OpenAPI contract: its info, its tags and the two security schemes. */
@OpenAPIDefinition(
        info = @Info(title = "Recauda API", version = "1.0.0",
                description = "Collections and portfolio management of the IESS (Dirección Nacional de Recaudación"
                        + " y Gestión de Cartera). Amounts are JSON strings with two decimals (\"1250.00\"); dates"
                        + " are ISO (YYYY-MM-DD) and business dates are in America/Guayaquil. Every error is an RFC"
                        + " 9457 application/problem+json body whose `type` is stable per kind of problem. Send"
                        + " `X-Request-Id` to correlate a request with the audit trail; it is echoed back.",
                contact = @Contact(name = "Dirección Nacional de Recaudación y Gestión de Cartera")),
        servers = {
                @Server(url = "https://recauda.iess.gob.ec", description = "Production"),
                @Server(url = "http://localhost:8080", description = "A local instance (./mvnw quarkus:dev)")},
        tags = {
                @Tag(name = "API clients", description = "Registering callers and their keys (staff)"),
                @Tag(name = "Interest rates", description = "The arrears-interest rate table (staff)"),
                @Tag(name = "Obligations", description = "What debtors owe"),
                @Tag(name = "Debtors", description = "A debtor's obligations and statement")})
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "rk_<base64url>",
        description = "An API key issued by staff, for a machine (a bank, an employer's software, the Ministry, a"
                + " staff system), sent as `Authorization: Bearer <apiKey>`. No key, or an unknown or revoked one:"
                + " 401. A key whose role may not call the operation: 403. A STAFF key acts at OPERATOR level: it"
                + " reads and changes, but never decides an agreement's approval.")
@SecurityScheme(securitySchemeName = "staffToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT",
        description = "A staff person's access token from the institution's OpenID Connect provider (Keycloak), sent"
                + " as `Authorization: Bearer <token>`: a value with the shape of a JWT is verified as a token (its"
                + " signature against the provider's keys, issuer, audience, expiry), anything else as an API key."
                + " The provider's roles claim grants READER (reads), OPERATOR (changes) or DIRECTOR (also decides"
                + " agreements that need approval). An invalid, expired or foreign token: 401; a role that may not"
                + " call the operation: 403. Tokens are verified as RFC8725 (JSON Web Token Best Current"
                + " Practices) asks: asymmetric algorithms only (`alg: none` and HMAC are refused), issuer, audience"
                + " and expiry always checked. Only when the service is configured with a provider.")
public class OpenApiDefinition extends Application {
}
