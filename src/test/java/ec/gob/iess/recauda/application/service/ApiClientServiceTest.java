package ec.gob.iess.recauda.application.service;

import static ec.gob.iess.recauda.application.service.Fixtures.BANK;
import static ec.gob.iess.recauda.application.service.Fixtures.CLOCK;
import static ec.gob.iess.recauda.application.service.Fixtures.EMPLOYER;
import static ec.gob.iess.recauda.application.service.Fixtures.MINISTRY;
import static ec.gob.iess.recauda.application.service.Fixtures.NOW;
import static ec.gob.iess.recauda.application.service.Fixtures.STAFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ec.gob.iess.recauda.application.port.Page;
import ec.gob.iess.recauda.application.port.PageRequest;
import ec.gob.iess.recauda.application.port.in.AuthenticateCallerUseCase.AuthenticatedClient;
import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageApiClientsUseCase.IssuedClient;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.InMemoryApiClients;
import ec.gob.iess.recauda.application.service.fakes.RecordingAuditLog;
import ec.gob.iess.recauda.application.service.fakes.SettableClock;
import ec.gob.iess.recauda.domain.access.ApiClient;
import ec.gob.iess.recauda.domain.access.ApiKey;
import ec.gob.iess.recauda.domain.access.BootstrapCredential;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.shared.BusinessRuleException;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import ec.gob.iess.recauda.application.service.fakes.InMemoryFinancialEntities;
import java.time.LocalTime;
import ec.gob.iess.recauda.domain.shared.ForbiddenException;
import ec.gob.iess.recauda.domain.shared.InvalidValueException;
import ec.gob.iess.recauda.domain.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiClientServiceTest {

    /** 40 characters: long enough for a bootstrap key. */
    private static final String BOOTSTRAP_KEY = "bootstrap-key-0123456789-abcdefghijklmno";

    private final InMemoryApiClients clients = new InMemoryApiClients();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final InMemoryFinancialEntities entities = registered("BP-0010");
    private final ApiClientService service = withBootstrap(Optional.of(BOOTSTRAP_KEY));

    private ApiClientService withBootstrap(Optional<String> key) {
        return new ApiClientService(clients, entities, audit, CLOCK, BootstrapCredential.of(key));
    }

    @Test
    void a_bank_client_needs_its_financial_entity_registered_first() {
        assertThatThrownBy(() -> service.register(STAFF, "Banco", Role.BANK, "NO-SUCH-BANK"))
                .isInstanceOfSatisfying(BusinessRuleException.class,
                        e -> assertThat(e.kind()).isEqualTo("unknown-financial-entity"));
        assertThat(clients.all()).isEmpty();
        assertThat(audit.entries()).isEmpty();
    }

    private static InMemoryFinancialEntities registered(String code) {
        InMemoryFinancialEntities entities = new InMemoryFinancialEntities();
        entities.add(FinancialEntity.register(code, "Banco de prueba", FinancialEntityType.BANK, LocalTime.of(17, 0),
                CLOCK.instant()));
        return entities;
    }

    @Nested
    class Registering {

        @Test
        void only_staff_may_register_a_client() {
            for (Caller caller : new Caller[] {BANK, EMPLOYER, MINISTRY}) {
                assertThatThrownBy(() -> service.register(caller, "Banco", Role.BANK, "BP-0010"))
                        .as(caller.role().name())
                        .isInstanceOf(ForbiddenException.class);
            }
            assertThat(clients.size()).isZero();
            assertThat(audit.entries()).isEmpty();
        }

        @Test
        void a_new_client_gets_an_rk_key_of_at_least_43_characters_shown_once() {
            IssuedClient issued = service.register(STAFF, "Banco Pichincha", Role.BANK, "BP-0010");

            assertThat(issued.apiKey()).startsWith("rk_").hasSizeGreaterThanOrEqualTo(43);
            assertThat(issued.client().role()).isEqualTo(Role.BANK);
            assertThat(issued.client().scope()).isEqualTo("BP-0010");
            assertThat(issued.client().createdAt()).isEqualTo(NOW);
            assertThat(issued.client().createdBy()).isEqualTo(STAFF.clientId());
            assertThat(issued.client().isActive()).isTrue();
        }

        @Test
        void two_registrations_get_different_keys() {
            String first = service.register(STAFF, "Uno", Role.STAFF, null).apiKey();
            String second = service.register(STAFF, "Dos", Role.STAFF, null).apiKey();

            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void the_stored_client_holds_only_the_hash_of_the_key_and_never_the_key_itself() {
            IssuedClient issued = service.register(STAFF, "Banco Pichincha", Role.BANK, "BP-0010");
            String key = issued.apiKey();

            ApiClient stored = clients.find(issued.client().id()).orElseThrow();

            assertThat(stored.keyHash()).isEqualTo(ApiKey.hash(key)).isNotEqualTo(key);
            assertThat(Stream.of(stored.id().toString(), stored.name(), stored.role().name(), stored.scope(),
                    stored.keyHash(), stored.keyPrefix(), stored.createdBy(), String.valueOf(stored.createdAt())))
                    .allSatisfy(field -> assertThat(field).doesNotContain(key));
            // the display prefix is "rk_" and 8 characters: 48 of the 256 random bits, not the key
            assertThat(stored.keyPrefix()).hasSize(11).isEqualTo(key.substring(0, 11));
        }

        @Test
        void registering_writes_one_audit_entry_with_the_caller_and_correlation_id_and_without_the_key() {
            IssuedClient issued = service.register(STAFF, "Banco Pichincha", Role.BANK, "BP-0010");

            AuditLog.Entry entry = audit.single();
            assertThat(entry.action()).isEqualTo("API_CLIENT_REGISTERED");
            assertThat(entry.entityType()).isEqualTo("API_CLIENT");
            assertThat(entry.entityId()).isEqualTo(issued.client().id().toString());
            assertThat(entry.actor()).isEqualTo(STAFF.clientId());
            assertThat(entry.correlationId()).isEqualTo(STAFF.correlationId());
            assertThat(entry.at()).isEqualTo(NOW);
            assertThat(entry.details()).containsEntry("role", "BANK").containsEntry("scope", "BP-0010");
            assertThat(entry.details().values()).allSatisfy(v -> assertThat(String.valueOf(v))
                    .doesNotContain(issued.apiKey()));
        }

        @Test
        void a_staff_client_has_no_scope() {
            assertThat(service.register(STAFF, "Mesa de ayuda", Role.STAFF, null).client().scope()).isNull();
            assertThat(service.register(STAFF, "Cartera", Role.STAFF, "").client().scope()).isNull();
        }

        @Test
        void a_staff_client_with_a_scope_is_refused() {
            assertRefusedScope(Role.STAFF, "BP-0010");
        }

        @Test
        void a_bank_scope_is_a_financial_entity_code() {
            assertThat(service.register(STAFF, "Banco", Role.BANK, "BP-0010").client().scope()).isEqualTo("BP-0010");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"bp-0010", "B", "BANCO PICHINCHA", "ABCDEFGHIJKLMNOPQRSTU", "BP_0010"})
        void a_bank_scope_that_is_not_an_entity_code_is_refused(String scope) {
            assertRefusedScope(Role.BANK, scope);
        }

        @Test
        void an_employer_scope_is_a_valid_debtor_id() {
            assertThat(service.register(STAFF, "Andina", Role.EMPLOYER, "1792468132001").client().scope())
                    .isEqualTo("1792468132001");
            assertThat(service.register(STAFF, "Persona", Role.EMPLOYER, "0104020300").client().scope())
                    .isEqualTo("0104020300");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"1792468132000", "1772468132001", "12345", "AB12345", " 1792468132001", "BP-0010"})
        void an_employer_scope_that_is_not_a_valid_debtor_id_is_refused(String scope) {
            assertRefusedScope(Role.EMPLOYER, scope);
        }

        @Test
        void a_ministry_scope_is_a_valid_payer_id() {
            assertThat(service.register(STAFF, "MEF", Role.MINISTRY, "1760001200001").client().scope())
                    .isEqualTo("1760001200001");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"1760001200000", "9912345678", "MEF", "AB12345"})
        void a_ministry_scope_that_is_not_a_valid_id_is_refused(String scope) {
            assertRefusedScope(Role.MINISTRY, scope);
        }

        private void assertRefusedScope(Role role, String scope) {
            assertThatThrownBy(() -> service.register(STAFF, "Cliente", role, scope))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.violations())
                            .extracting(InvalidValueException.Violation::field).containsOnly("scope"));
            assertThat(clients.size()).isZero();
            assertThat(audit.entries()).isEmpty();
        }
    }

    @Nested
    class Authenticating {

        @Test
        void an_active_key_authenticates_as_its_client_with_role_and_scope() {
            IssuedClient issued = service.register(STAFF, "Andina", Role.EMPLOYER, "1792468132001");

            assertThat(service.authenticate(issued.apiKey())).contains(new AuthenticatedClient(
                    issued.client().id().toString(), Role.EMPLOYER, "1792468132001"));
        }

        @Test
        void a_revoked_key_is_refused() {
            IssuedClient issued = service.register(STAFF, "Banco", Role.BANK, "BP-0010");
            service.revoke(STAFF, issued.client().id());

            assertThat(service.authenticate(issued.apiKey())).isEmpty();
        }

        @Test
        void an_unknown_key_is_refused() {
            service.register(STAFF, "Banco", Role.BANK, "BP-0010");

            assertThat(service.authenticate(ApiKey.generate())).isEmpty();
        }

        @Test
        void a_key_that_differs_in_one_character_is_refused() {
            String key = service.register(STAFF, "Banco", Role.BANK, "BP-0010").apiKey();
            char last = key.charAt(key.length() - 1);
            String altered = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

            assertThat(service.authenticate(altered)).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        void no_key_is_refused(String key) {
            assertThat(service.authenticate(key)).isEmpty();
        }

        @Test
        void a_key_longer_than_256_characters_is_refused_without_a_lookup() {
            assertThat(service.authenticate("rk_" + "a".repeat(254))).isEmpty();
        }

        @Test
        void the_bootstrap_key_authenticates_as_staff_under_the_client_id_bootstrap() {
            assertThat(service.authenticate(BOOTSTRAP_KEY))
                    .contains(new AuthenticatedClient("bootstrap", Role.STAFF, null));
            assertThat(ApiClientService.BOOTSTRAP_CLIENT_ID).isEqualTo("bootstrap");
        }

        @Test
        void a_bootstrap_key_shorter_than_32_characters_stops_the_service_from_starting() {
            String tooShort = "x".repeat(31);

            assertThatThrownBy(() -> withBootstrap(Optional.of(tooShort)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("32");
        }

        @Test
        void a_bootstrap_key_of_exactly_32_characters_is_accepted() {
            String key = "k".repeat(32);
            ApiClientService withKey = withBootstrap(Optional.of(key));

            assertThat(withKey.authenticate(key)).map(AuthenticatedClient::role).contains(Role.STAFF);
        }

        /**
         * Keys over 256 characters are refused by authentication before any comparison, and presented keys are
         * trimmed; a bootstrap key that could never authenticate therefore stops the service from starting.
         */
        @Test
        void a_bootstrap_key_that_could_never_authenticate_stops_the_service_from_starting() {
            assertThatThrownBy(() -> withBootstrap(Optional.of("k".repeat(257))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 to 256");
            assertThatThrownBy(() -> new ApiClientService(clients, entities, audit, CLOCK,
                    BootstrapCredential.of(Optional.of(" " + "k".repeat(40)))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("spaces");
            String longest = "k".repeat(256);
            assertThat(withBootstrap(Optional.of(longest)).authenticate(longest))
                    .isPresent();
        }

        @Test
        void a_blank_bootstrap_key_stops_the_service_from_starting() {
            assertThatThrownBy(() -> withBootstrap(Optional.of(" ".repeat(40))))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void without_a_bootstrap_key_nothing_authenticates_as_bootstrap() {
            ApiClientService noBootstrap = withBootstrap(Optional.empty());

            assertThat(noBootstrap.authenticate(BOOTSTRAP_KEY)).isEmpty();
            assertThat(noBootstrap.authenticate("")).isEmpty();
        }

        @Test
        void an_empty_bootstrap_key_means_none() {
            ApiClientService noBootstrap = withBootstrap(Optional.of(""));

            assertThat(noBootstrap.authenticate("")).isEmpty();
            assertThat(noBootstrap.authenticate(BOOTSTRAP_KEY)).isEmpty();
        }
    }

    @Nested
    class Revoking {

        @Test
        void revoking_marks_the_client_revoked_and_writes_one_audit_entry() {
            IssuedClient issued = service.register(STAFF, "Banco", Role.BANK, "BP-0010");
            Caller revoker = new Caller("staff-2", Role.STAFF, null, "corr-revoke");

            ApiClient revoked = service.revoke(revoker, issued.client().id());

            assertThat(revoked.isActive()).isFalse();
            assertThat(revoked.revokedAt()).isEqualTo(NOW);
            assertThat(clients.find(issued.client().id()).orElseThrow().revokedAt()).isEqualTo(NOW);
            assertThat(audit.entries()).hasSize(2);
            AuditLog.Entry entry = audit.entries().get(1);
            assertThat(entry.action()).isEqualTo("API_CLIENT_REVOKED");
            assertThat(entry.entityType()).isEqualTo("API_CLIENT");
            assertThat(entry.entityId()).isEqualTo(issued.client().id().toString());
            assertThat(entry.actor()).isEqualTo("staff-2");
            assertThat(entry.correlationId()).isEqualTo("corr-revoke");
            assertThat(entry.at()).isEqualTo(NOW);
        }

        @Test
        void revoking_twice_writes_no_second_audit_entry_and_keeps_the_first_instant() {
            IssuedClient issued = service.register(STAFF, "Banco", Role.BANK, "BP-0010");
            service.revoke(STAFF, issued.client().id());
            ApiClientService later = new ApiClientService(clients, entities, audit,
                    Clock.offset(CLOCK, Duration.ofHours(1)), BootstrapCredential.of(Optional.empty()));

            ApiClient again = later.revoke(STAFF, issued.client().id());

            assertThat(again.revokedAt()).isEqualTo(NOW);
            assertThat(audit.entries()).extracting(AuditLog.Entry::action)
                    .containsExactly("API_CLIENT_REGISTERED", "API_CLIENT_REVOKED");
        }

        @Test
        void revoking_an_unknown_client_is_not_found() {
            assertThatThrownBy(() -> service.revoke(STAFF, UUID.randomUUID()))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.kind()).isEqualTo("api-client-not-found"));
            assertThat(audit.entries()).isEmpty();
        }

        @Test
        void only_staff_may_revoke_or_list() {
            IssuedClient issued = service.register(STAFF, "Banco", Role.BANK, "BP-0010");

            assertThatThrownBy(() -> service.revoke(BANK, issued.client().id()))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> service.list(EMPLOYER, new PageRequest(0, 50)))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(clients.find(issued.client().id()).orElseThrow().isActive()).isTrue();
            assertThat(audit.entries()).hasSize(1);
        }

        @Test
        void staff_list_every_client_a_page_at_a_time_oldest_first() {
            SettableClock clock = new SettableClock(NOW, CLOCK.getZone());
            ApiClientService service = new ApiClientService(clients, entities, audit, clock,
                    BootstrapCredential.of(Optional.empty()));
            service.register(STAFF, "Uno", Role.BANK, "BP-0010");
            clock.set(NOW.plusSeconds(1));
            service.register(STAFF, "Dos", Role.EMPLOYER, "1792468132001");
            clock.set(NOW.plusSeconds(2));
            service.register(STAFF, "Tres", Role.STAFF, null);

            Page<ApiClient> first = service.list(STAFF, new PageRequest(0, 2));
            Page<ApiClient> second = service.list(STAFF, new PageRequest(1, 2));

            assertThat(first.items()).extracting(ApiClient::name).containsExactly("Uno", "Dos");
            assertThat(second.items()).extracting(ApiClient::name).containsExactly("Tres");
            assertThat(first.totalItems()).isEqualTo(3);
            assertThat(service.list(STAFF, new PageRequest(2, 2)).items()).isEmpty();
        }
    }

    @Test
    void every_state_change_is_audited_under_the_callers_client_id_and_correlation_id() {
        Caller first = new Caller("staff-a", Role.STAFF, null, "corr-a");
        Caller second = new Caller("staff-b", Role.STAFF, null, "corr-b");

        IssuedClient issued = service.register(first, "Banco", Role.BANK, "BP-0010");
        service.revoke(second, issued.client().id());

        assertThat(audit.entries())
                .extracting(AuditLog.Entry::action, AuditLog.Entry::actor, AuditLog.Entry::correlationId)
                .containsExactly(
                        tuple("API_CLIENT_REGISTERED", "staff-a", "corr-a"),
                        tuple("API_CLIENT_REVOKED", "staff-b", "corr-b"));
    }

    @Test
    void the_bootstrap_callers_actions_are_audited_under_bootstrap() {
        AuthenticatedClient bootstrap = service.authenticate(BOOTSTRAP_KEY).orElseThrow();
        Caller caller = new Caller(bootstrap.clientId(), bootstrap.role(), bootstrap.scope(), "corr-boot");

        IssuedClient issued = service.register(caller, "Primer operador", Role.STAFF, null);

        assertThat(issued.client().createdBy()).isEqualTo("bootstrap");
        assertThat(audit.single().actor()).isEqualTo("bootstrap");
    }
}
