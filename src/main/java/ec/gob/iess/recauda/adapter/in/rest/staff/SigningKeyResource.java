package ec.gob.iess.recauda.adapter.in.rest.staff;

import ec.gob.iess.recauda.adapter.in.rest.CallContext;
import ec.gob.iess.recauda.adapter.in.rest.Params;
import ec.gob.iess.recauda.adapter.in.rest.json.ListJson;
import ec.gob.iess.recauda.adapter.in.rest.security.Allowed;
import ec.gob.iess.recauda.adapter.in.rest.strict.MultiLine;
import ec.gob.iess.recauda.application.port.in.ManageSigningKeysUseCase;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.access.SigningKey;
import ec.gob.iess.recauda.domain.access.StaffRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * The Ed25519 public keys with which a MINISTRY client signs its batches (RFC 9421; docs/ministry-integration.md).
 * The service keeps public keys only.
 */
@Path("/api/v1/admin/api-clients/{id}/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API clients")
@SecurityRequirement(name = "apiKey")
@SecurityRequirement(name = "staffToken")
public class SigningKeyResource {

    /** What staff send to register a key. */
    @Schema(name = "RegisterSigningKeyRequest")
    public record RegisterRequest(
            @NotNull @Schema(description = "The key's id, as the ministry will name it in Signature-Input's"
                    + " keyid: 1 to 64 letters, digits or . _ : -, never reused by the client",
                    maxLength = SigningKey.MAX_KEY_ID_LENGTH, pattern = SigningKey.KEY_ID_RULE,
                    example = "mef-2026-01") String keyId,
            @NotNull @MultiLine @Schema(description = "The Ed25519 public key as PEM (SubjectPublicKeyInfo, as"
                    + " `openssl pkey -pubout` writes it), lines ending with a line feed", maxLength = SigningKey.MAX_PEM_LENGTH,
                    example = "-----BEGIN PUBLIC KEY-----\n"
                            + "MCowBQYDK2VwAyEANnKXtv7kY+Wq5/NPRPkL0Zgh6p4thQSBW4vxUJGH3K8=\n"
                            + "-----END PUBLIC KEY-----\n") String publicKey) {
    }

    /** A registered key. */
    @Schema(name = "SigningKey")
    public record KeyJson(String keyId,
                          @Schema(description = "Always ed25519, the alg of Signature-Input") String algorithm,
                          @Schema(description = "The public key as PEM") String publicKey,
                          @Schema(description = "SHA256: and the unpadded base64 of the SHA-256 of the DER key",
                                  example = "SHA256:thF4hotArmOucBc/OkJ6t2eTs+WuqRrrec31wVjzSHM") String fingerprint,
                          Instant createdAt, String createdBy, Instant revokedAt, boolean active) {
        static KeyJson from(SigningKey k) {
            return new KeyJson(k.keyId(), "ed25519", k.pem(), k.fingerprint(), k.createdAt(), k.createdBy(),
                    k.revokedAt(), k.isActive());
        }
    }

    private final ManageSigningKeysUseCase keys;
    private final CallContext context;

    public SigningKeyResource(ManageSigningKeysUseCase keys, CallContext context) {
        this.keys = keys;
        this.context = context;
    }

    @POST
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "registerSigningKey",
            summary = "Register an Ed25519 public key of a MINISTRY client",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. The client signs its"
                    + " batches with the private key (RFC 9421, alg ed25519, keyid = this keyId). A client may hold"
                    + " up to " + SigningKey.MAX_ACTIVE_PER_CLIENT + " active keys, so that keys can be rotated; a"
                    + " key id is never reused by its client.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    schema = @Schema(implementation = KeyJson.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    @APIResponse(responseCode = "409", description = "The client already has a key of that id (signing-key-exists)")
    @APIResponse(responseCode = "422", description = "Not a MINISTRY client (signing-keys-for-ministry-only), a"
            + " revoked client (api-client-revoked), or already " + SigningKey.MAX_ACTIVE_PER_CLIENT
            + " active keys (too-many-signing-keys)")
    public Response register(@PathParam("id") String id, @Valid @NotNull RegisterRequest body) {
        UUID clientId = Params.uuid("id", id);
        KeyJson key = KeyJson.from(keys.register(context.caller(), clientId, body.keyId(), body.publicKey()));
        return Response.created(URI.create("/api/v1/admin/api-clients/" + clientId + "/signing-keys/"
                + key.keyId())).entity(key).build();
    }

    @GET
    @Allowed(value = Role.STAFF, staff = StaffRole.READER)
    @Operation(operationId = "listSigningKeys",
            summary = "List a client's signing keys",
            description = "**Who may call:** staff from READER up (people) and STAFF keys. Active and revoked,"
                    + " oldest first; at most a few per client, so always one page.")
    @APIResponse(responseCode = "200", description = "The client's keys")
    @APIResponse(responseCode = "404", description = "No such client")
    public ListJson<KeyJson> list(@PathParam("id") String id) {
        return ListJson.all(keys.list(context.caller(), Params.uuid("id", id)).stream().map(KeyJson::from)
                .toList());
    }

    @DELETE
    @Path("/{keyId}")
    @Allowed(value = Role.STAFF, staff = StaffRole.OPERATOR)
    @Operation(operationId = "revokeSigningKey",
            summary = "Revoke a signing key at once",
            description = "**Who may call:** staff from OPERATOR up (people) and STAFF keys. A batch signed with a"
                    + " revoked key is refused from then on. Idempotent: revoking a revoked key answers the same.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such client, or no such key of it")
    public Response revoke(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        keys.revoke(context.caller(), Params.uuid("id", id), keyId);
        return Response.noContent().build();
    }
}
