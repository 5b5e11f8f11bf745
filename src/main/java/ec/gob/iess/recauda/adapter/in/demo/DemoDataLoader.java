package ec.gob.iess.recauda.adapter.in.demo;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.ManageConceptsUseCase;
import ec.gob.iess.recauda.application.port.in.ManageFinancialEntitiesUseCase;
import ec.gob.iess.recauda.application.port.in.ManageInterestRatesUseCase;
import ec.gob.iess.recauda.application.port.in.RegisterObligationsInBulkUseCase;
import ec.gob.iess.recauda.application.port.in.RegisterObligationsInBulkUseCase.Item;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import ec.gob.iess.recauda.domain.concept.Concept;
import ec.gob.iess.recauda.domain.obligation.ExternalReference;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.ConflictException;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.shared.Period;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads the demo data of the dev profile ({@code recauda.demo-data.enabled}) through the same use cases as the API:
 * a rate history, the partner entities, two concepts, and debtors with valid ids of every kind owing obligations of
 * every type and several ages.
 * Every demo obligation has an external reference of source system DEMO, entities and concepts are unique by code,
 * and a rate is set only when missing or different, so loading again on the next start stores nothing new. README
 * lists the debtors.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);
    private static final String SOURCE = "DEMO";

    /** Demo debtors: valid ids of each kind (computed from the algorithms), and one real-world failing RUC. */
    static final String COMPANY = "1790012344001";
    static final String COMPANY_WITH_CHECKSUM_WARNING = "1790012345001";
    static final String PUBLIC_ENTITY = "1760000150001";
    static final String NATURAL_PERSON_RUC = "1712345675001";
    static final String CEDULA = "1710034065";
    static final String PASSPORT = "P1234567";

    /** An illustrative rate history (not the official one), back to the oldest demo glosa. */
    static final String[][] RATES = {
            {"2000-01-01", "0.1200"}, {"2010-01-01", "0.0950"}, {"2019-01-01", "0.0921"},
            {"2023-01-01", "0.1061"}, {"2024-01-01", "0.1133"}, {"2025-07-01", "0.1098"}};

    /** The partner entities of the institution's 2021 report: banks, cooperatives, payment networks. */
    static final String[][] ENTITIES = {
            {"PICHINCHA", "Banco Pichincha", "BANK"}, {"GUAYAQUIL", "Banco Guayaquil", "BANK"},
            {"PACIFICO", "Banco del Pacífico", "BANK"}, {"BOLIVARIANO", "Banco Bolivariano", "BANK"},
            {"PRODUBANCO", "Produbanco", "BANK"}, {"INTERNACIONAL", "Banco Internacional", "BANK"},
            {"AUSTRO", "Banco del Austro", "BANK"}, {"JEP", "Cooperativa JEP", "COOPERATIVE"},
            {"EL-SAGRARIO", "Cooperativa El Sagrario", "COOPERATIVE"}, {"COOPMEGO", "Coopmego", "COOPERATIVE"},
            {"SAN-FRANCISCO", "Cooperativa San Francisco", "COOPERATIVE"},
            {"SERVIPAGOS", "Servipagos", "PAYMENT_NETWORK"}, {"FACILITO", "Facilito", "PAYMENT_NETWORK"},
            {"WESTERN-UNION", "Western Union", "PAYMENT_NETWORK"}};

    private final boolean enabled;
    private final ManageInterestRatesUseCase rates;
    private final RegisterObligationsInBulkUseCase obligations;
    private final ManageFinancialEntitiesUseCase entities;
    private final ManageConceptsUseCase concepts;
    private final Clock clock;

    public DemoDataLoader(@ConfigProperty(name = "recauda.demo-data.enabled") boolean enabled,
                          ManageInterestRatesUseCase rates, RegisterObligationsInBulkUseCase obligations,
                          ManageFinancialEntitiesUseCase entities, ManageConceptsUseCase concepts, Clock clock) {
        this.enabled = enabled;
        this.rates = rates;
        this.obligations = obligations;
        this.entities = entities;
        this.concepts = concepts;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Caller loader = new Caller("demo-data", Role.STAFF, null, "demo-data-" + UUID.randomUUID());
        Map<LocalDate, BigDecimal> known = new HashMap<>();
        rates.list(loader).forEach(r -> known.put(r.effectiveFrom(), r.annualRate()));
        int newRates = 0;
        for (String[] rate : RATES) {
            InterestRate demo = InterestRate.parse(LocalDate.parse(rate[0]), rate[1]);
            BigDecimal current = known.get(demo.effectiveFrom());
            if (current == null || current.compareTo(demo.annualRate()) != 0) {
                // Only a missing or different rate is set: loading again writes nothing (not even an audit row).
                rates.set(loader, demo);
                newRates++;
            }
        }
        int newEntities = 0;
        for (String[] e : ENTITIES) {
            try {
                entities.register(loader, e[0], e[1], FinancialEntityType.valueOf(e[2]), LocalTime.of(17, 0));
                newEntities++;
            } catch (ConflictException alreadyThere) {
                // loaded on an earlier start
            }
        }
        for (Concept concept : List.of(new Concept("RENT", "Arriendo de locales comerciales", null),
                new Concept("CERT-COPIES", "Copias certificadas de documentos", Money.of("5.00")))) {
            try {
                concepts.create(loader, concept);
            } catch (ConflictException alreadyThere) {
                // loaded on an earlier start
            }
        }
        LOG.infof("Demo data: %d financial entities registered (%d in all), concepts RENT and CERT-COPIES",
                newEntities, ENTITIES.length);
        List<NewObligation> data = demoObligations(LocalDate.now(clock));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            items.add(Item.valid(i, data.get(i)));
        }
        RegisterObligationsInBulkUseCase.Outcome outcome = obligations.registerAll(loader, items, false);
        long stored = outcome.results().size() - outcome.failures();
        LOG.infof("Demo data: %d of %d rates set, %d obligations stored (%d were already there)", newRates,
                RATES.length, stored, outcome.failures());
    }

    static List<NewObligation> demoObligations(LocalDate today) {
        List<NewObligation> list = new ArrayList<>();
        YearMonth current = YearMonth.from(today);
        // A company with monthly contributions and reserve funds of several ages, a fine, an employer liability.
        for (int monthsAgo = 1; monthsAgo <= 8; monthsAgo++) {
            YearMonth period = current.minusMonths(monthsAgo);
            list.add(periodic(COMPANY, "Comercial Andina S.A.", ObligationType.CONTRIBUTION, period,
                    new BigDecimal("2450.00").add(BigDecimal.valueOf(monthsAgo * 15L))));
            list.add(periodic(COMPANY, "Comercial Andina S.A.", ObligationType.RESERVE_FUND, period,
                    new BigDecimal("612.50")));
        }
        list.add(dated(COMPANY, "Comercial Andina S.A.", ObligationType.FINE, ObligationStage.REGULAR, "98.00",
                today.minusDays(40), "Multa por aviso de entrada tardío", "FINE-1"));
        list.add(dated(COMPANY, "Comercial Andina S.A.", ObligationType.EMPLOYER_LIABILITY, ObligationStage.REGULAR,
                "5830.25", today.minusDays(200), "Responsabilidad patronal - subsidio de enfermedad", "RP-1"));
        // A company whose real RUC fails the mod-11 check: accepted, with a warning.
        list.add(periodic(COMPANY_WITH_CHECKSUM_WARNING, "Textiles del Pacífico Cía. Ltda.",
                ObligationType.CONTRIBUTION, current.minusMonths(2), new BigDecimal("1320.40")));
        // Legacy portfolio: a glosa and a credit title more than 20 years old.
        list.add(dated(PUBLIC_ENTITY, "Municipio de San Demo", ObligationType.GLOSA, ObligationStage.GLOSA,
                "14250.00", LocalDate.of(2003, 5, 31), "Glosa por aportes de educadores comunitarios", "GL-2003-1"));
        list.add(dated(PUBLIC_ENTITY, "Municipio de San Demo", ObligationType.CREDIT_TITLE,
                ObligationStage.CREDIT_TITLE, "38900.75", LocalDate.of(2004, 11, 30),
                "Título de crédito emitido en el sistema host", "TC-2004-1"));
        list.add(periodic(PUBLIC_ENTITY, "Municipio de San Demo", ObligationType.CONTRIBUTION,
                current.minusMonths(1), new BigDecimal("120500.00")));
        // A small employer (natural-person RUC) with an agreement installment and a contribution in enforcement.
        list.add(dated(NATURAL_PERSON_RUC, "Juan Pérez - Ferretería El Clavo", ObligationType.AGREEMENT_INSTALLMENT,
                ObligationStage.REGULAR, "210.37", today.minusDays(10), "Cuota 3 de 12 del convenio demo", "AG-1-3"));
        list.add(new NewObligation(DebtorId.parse(NATURAL_PERSON_RUC), "Juan Pérez - Ferretería El Clavo",
                ObligationType.CONTRIBUTION, ObligationStage.ENFORCEMENT, Money.of("845.10"), null,
                new Period(current.minusMonths(30)), "Planilla en coactiva",
                new ExternalReference(SOURCE, NATURAL_PERSON_RUC + "-CONTRIBUTION-" + current.minusMonths(30))));
        // An affiliate (cédula) with a voluntary contribution; a foreign payer (passport) renting premises.
        list.add(periodic(CEDULA, "María Andrade", ObligationType.CONTRIBUTION, current.minusMonths(1),
                new BigDecimal("85.60")));
        list.add(new NewObligation(DebtorId.parsePayer(PASSPORT), "John Smith", ObligationType.MISC_CONCEPT,
                ObligationStage.REGULAR, Money.of("450.00"), today.plusDays(5), null,
                "Arriendo de local comercial - " + current, new ExternalReference(SOURCE, "RENT-" + current)));
        return list;
    }

    private static NewObligation periodic(String debtor, String name, ObligationType type, YearMonth period,
                                          BigDecimal amount) {
        return new NewObligation(DebtorId.parse(debtor), name, type, ObligationStage.REGULAR, Money.of(amount), null,
                new Period(period), null, new ExternalReference(SOURCE, debtor + "-" + type + "-" + period));
    }

    private static NewObligation dated(String debtor, String name, ObligationType type, ObligationStage stage,
                                       String amount, LocalDate due, String description, String reference) {
        return new NewObligation(DebtorId.parse(debtor), name, type, stage, Money.of(amount), due, null, description,
                new ExternalReference(SOURCE, debtor + "-" + reference));
    }
}
