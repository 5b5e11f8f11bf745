package ec.gob.iess.recauda.application.service;

import ec.gob.iess.recauda.application.port.in.Caller;
import ec.gob.iess.recauda.application.port.in.VoucherView;
import ec.gob.iess.recauda.application.port.out.AuditLog;
import ec.gob.iess.recauda.application.service.fakes.DirectTransactions;
import ec.gob.iess.recauda.application.service.fakes.InMemoryAgreements;
import ec.gob.iess.recauda.application.service.fakes.InMemoryFinancialEntities;
import ec.gob.iess.recauda.application.service.fakes.InMemoryInterestRates;
import ec.gob.iess.recauda.application.service.fakes.InMemoryObligations;
import ec.gob.iess.recauda.application.service.fakes.InMemoryPaymentPostings;
import ec.gob.iess.recauda.application.service.fakes.InMemoryPayments;
import ec.gob.iess.recauda.application.service.fakes.InMemoryReconciliations;
import ec.gob.iess.recauda.application.service.fakes.InMemoryVouchers;
import ec.gob.iess.recauda.application.service.fakes.RecordingAuditLog;
import ec.gob.iess.recauda.application.service.fakes.RecordingVoucherDocuments;
import ec.gob.iess.recauda.application.service.fakes.SettableClock;
import ec.gob.iess.recauda.domain.access.Role;
import ec.gob.iess.recauda.domain.agreement.AgreementTerms;
import ec.gob.iess.recauda.domain.channel.FinancialEntity;
import ec.gob.iess.recauda.domain.channel.FinancialEntityType;
import ec.gob.iess.recauda.domain.obligation.InterestRate;
import ec.gob.iess.recauda.domain.obligation.NewObligation;
import ec.gob.iess.recauda.domain.obligation.Obligation;
import ec.gob.iess.recauda.domain.obligation.ObligationId;
import ec.gob.iess.recauda.domain.obligation.ObligationType;
import ec.gob.iess.recauda.domain.shared.DebtorId;
import ec.gob.iess.recauda.domain.shared.Money;
import ec.gob.iess.recauda.domain.voucher.VoucherRules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/**
 * The voucher and channel services over in-memory fakes of every outgoing port, wired as the application wires them
 * (one obligation store shared by all, one audit trail), at Monday 2024-06-10, 10:00 in Guayaquil, with the arrears
 * rate 0.1095 a year since 2020: 0.1095 / 365 = 0.0003 a day exactly, so 1000.00 accrues 0.30 a day.
 */
final class ChannelWiring {

    /** Monday 2024-06-10, 10:00 in Guayaquil (UTC−5). */
    static final Instant MONDAY_10AM = Instant.parse("2024-06-10T15:00:00Z");
    static final LocalDate MONDAY = LocalDate.of(2024, 6, 10);
    /** The entity of {@link Fixtures#BANK}'s scope; its cut-off is 17:00. */
    static final String ENTITY = Fixtures.BANK.scope();
    static final String DEBTOR_NAME = "Comercial Andina S.A.";

    final SettableClock clock = new SettableClock(MONDAY_10AM, Fixtures.GUAYAQUIL);
    final InMemoryObligations obligations = new InMemoryObligations();
    final InMemoryVouchers vouchers = new InMemoryVouchers(obligations);
    final InMemoryPayments payments = new InMemoryPayments(vouchers);
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryPaymentPostings postings = new InMemoryPaymentPostings(payments, vouchers, obligations, audit);
    final InMemoryReconciliations reconciliations = new InMemoryReconciliations();
    final RecordingVoucherDocuments documents = new RecordingVoucherDocuments();
    final InMemoryAgreements agreements = new InMemoryAgreements(obligations);
    final InMemoryFinancialEntities entities = new InMemoryFinancialEntities();
    final InMemoryInterestRates rates = new InMemoryInterestRates()
            .with(InterestRate.parse(LocalDate.of(2020, 1, 1), "0.1095"));
    final DirectTransactions transactions = new DirectTransactions();

    final VoucherRules rules = VoucherRules.defaults();
    final ChannelAccess access = new ChannelAccess(entities);
    final VoucherIssuer issuer = new VoucherIssuer(vouchers, obligations, rates, audit, rules, agreements,
            AgreementTerms.defaults());
    final AgreementLedger ledger = new AgreementLedger(agreements, obligations, audit, rules);
    final ChannelService channel = new ChannelService(access, vouchers, obligations, payments, postings,
            reconciliations, issuer, audit, ledger, transactions, clock);
    final VoucherService voucherService = new VoucherService(vouchers, obligations, issuer, access, documents, audit,
            VoucherRules.defaults(), clock);

    ChannelWiring() {
        registerEntity(ENTITY, "17:00");
    }

    /** An instant written as local time in Guayaquil, e.g. {@code "2024-06-10T09:30"}. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Fixtures.GUAYAQUIL).toInstant();
    }

    static Money money(String amount) {
        return Money.of(amount);
    }

    /** Registers an active entity with a cut-off "HH:mm" and answers a BANK caller of it. */
    Caller registerEntity(String code, String cutoff) {
        entities.add(FinancialEntity.register(code, "Banco " + code, FinancialEntityType.BANK,
                LocalTime.parse(cutoff), MONDAY_10AM.minusSeconds(86_400 * 30L)));
        return new Caller("client-" + code, Role.BANK, code, "corr-" + code);
    }

    /** Switches an entity off (staff's PATCH), as stored. */
    void deactivate(String code) {
        FinancialEntity entity = entities.find(code).orElseThrow();
        entities.update(FinancialEntity.restore(entity.code(), entity.name(), entity.type(), entity.cutoffTime(),
                false, entity.createdAt(), clock.instant()));
    }

    /** A stored PENDING obligation of {@code debtor}. */
    Obligation obligation(DebtorId debtor, ObligationType type, String principal, String dueDate) {
        return obligation(ObligationId.random(), debtor, type, principal, dueDate);
    }

    Obligation obligation(ObligationId id, DebtorId debtor, ObligationType type, String principal, String dueDate) {
        return obligations.seed(Obligation.create(id, new NewObligation(debtor, DEBTOR_NAME, type, null,
                money(principal), LocalDate.parse(dueDate), null, type + " " + dueDate, null),
                MONDAY_10AM.minusSeconds(86_400)));
    }

    /** A FINE of {@link Fixtures#COMPANY}. */
    Obligation fine(String principal, String dueDate) {
        return obligation(Fixtures.COMPANY, ObligationType.FINE, principal, dueDate);
    }

    /** A voucher staff issues now over these obligations of their debtor. */
    VoucherView voucherFor(Obligation... held) {
        return voucherService.issue(Fixtures.STAFF, held[0].debtorId(),
                Arrays.stream(held).map(Obligation::id).toList());
    }

    /** The obligation as stored now. */
    Obligation stored(Obligation o) {
        return obligations.find(o.id()).orElseThrow();
    }

    /** The audit entries of one action, in the order they were written. */
    List<AuditLog.Entry> audited(String action) {
        return audit.entries().stream().filter(e -> e.action().equals(action)).toList();
    }
}
