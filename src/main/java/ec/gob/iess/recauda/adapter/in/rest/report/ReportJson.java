package ec.gob.iess.recauda.adapter.in.rest.report;

import ec.gob.iess.recauda.adapter.in.rest.json.Amounts;
import ec.gob.iess.recauda.domain.report.AgreementsReport;
import ec.gob.iess.recauda.domain.report.Amount;
import ec.gob.iess.recauda.domain.report.CardDebitReport;
import ec.gob.iess.recauda.domain.report.ChannelsReport;
import ec.gob.iess.recauda.domain.report.CollectionGrouping;
import ec.gob.iess.recauda.domain.report.CollectionRow;
import ec.gob.iess.recauda.domain.report.CountAmount;
import ec.gob.iess.recauda.domain.report.PortfolioAging;
import ec.gob.iess.recauda.domain.report.PublicSectorReport;
import ec.gob.iess.recauda.domain.report.Recovery;
import ec.gob.iess.recauda.domain.report.ReportPeriod;
import ec.gob.iess.recauda.domain.report.YearOverYear;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The reports' JSON answers. Amounts are strings with two decimals; percentages too, with no % sign. */
final class ReportJson {

    /**
     * A report's amounts are sums over any number of rows (a decade of the whole portfolio): more integer digits than
     * an amount a row holds ({@link Amounts#PATTERN}), negative for a difference.
     */
    static final String TOTAL = "^-?[0-9]{1,24}\\.[0-9]{2}$";
    static final int TOTAL_LENGTH = 28;
    static final String PERCENT_PATTERN = "^-?[0-9]{1,24}\\.[0-9]{2}$";

    private ReportJson() {
    }

    static String text(Amount m) {
        return m.toString();
    }

    static String percent(BigDecimal p) {
        return p == null ? null : p.toPlainString();
    }

    @Schema(name = "ReportCountAmount", description = "How many, and what they came to")
    record CountAmountJson(long count,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
            String amount) {
        static CountAmountJson of(CountAmount c) {
            return new CountAmountJson(c.count(), text(c.amount()));
        }
    }

    @Schema(name = "CollectionsRow")
    record CollectionRowJson(
            @Schema(maxLength = 40, description = "The group: a date (2026-03-05), month (2026-03) or year (2026), a"
                    + " channel, an entity code (channel:<CHANNEL> for payments through no entity), an obligation"
                    + " type, or a concept code (type:<TYPE> for obligations of no concept)") String key,
            @Schema(description = "Payments; grouped by obligationType or concept, obligations paid") long count,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String amount) {
        static CollectionRowJson of(CollectionRow r) {
            return new CollectionRowJson(r.key(), r.count(), text(r.amount()));
        }
    }

    @Schema(name = "CollectionsReport")
    record CollectionsJson(LocalDate from, LocalDate to,
                           @Schema(enumeration = {"day", "month", "year", "channel", "entity", "obligationType",
                                   "concept"}) String groupBy,
                           List<CollectionRowJson> rows,
                           @Schema(description = "The rows' counts added up") long count,
                           @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH,
                                   description = "The APPLIED payments of the period: the rows' amounts added up")
                           String total) {
        static CollectionsJson of(ReportPeriod period, CollectionGrouping by, List<CollectionRow> rows) {
            Amount total = Amount.ZERO;
            long count = 0;
            for (CollectionRow r : rows) {
                total = total.plus(r.amount());
                count += r.count();
            }
            return new CollectionsJson(period.from(), period.to(), by.parameter(),
                    rows.stream().map(CollectionRowJson::of).toList(), count, text(total));
        }
    }

    @Schema(name = "YearOverYearMonth")
    record MonthJson(@Schema(minimum = "1", maximum = "12") int month,
                     @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String total,
                     @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                     String previousYearTotal) {
    }

    @Schema(name = "YearOverYearReport")
    record YearOverYearJson(int year,
                            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String total,
                            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                            String previousYearTotal,
                            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH,
                                    description = "total - previousYearTotal") String difference,
                            @Schema(type = SchemaType.STRING, pattern = PERCENT_PATTERN, maxLength = TOTAL_LENGTH,
                                    description = "difference as"
                                    + " a percentage of previousYearTotal, two decimals; absent when the previous"
                                    + " year collected nothing") String growthPercent,
                            List<MonthJson> months) {
        static YearOverYearJson of(YearOverYear y) {
            return new YearOverYearJson(y.year(), text(y.total()), text(y.previousYearTotal()),
                    text(y.difference()), percent(y.growthPercent()), y.months().stream()
                    .map(m -> new MonthJson(m.month(), text(m.total()), text(m.previousYearTotal()))).toList());
        }
    }

    @Schema(name = "RecoveryLine")
    record RecoveryLineJson(@Schema(description = "Obligations paid") long count,
                            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                            String principal,
                            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                            String interest,
                            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                            String amount) {
        static RecoveryLineJson of(Recovery.Line l) {
            return new RecoveryLineJson(l.count(), text(l.principal()), text(l.interest()), text(l.amount()));
        }
    }

    @Schema(name = "RecoveryStage")
    record RecoveryStageJson(@Schema(enumeration = {"REGULAR", "GLOSA", "CREDIT_TITLE", "ENFORCEMENT"}) String stage,
                             long count,
                             @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                             String principal,
                             @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                             String interest,
                             @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                             String amount) {
    }

    @Schema(name = "RecoveryReport")
    record RecoveryJson(LocalDate from, LocalDate to, RecoveryLineJson total, List<RecoveryStageJson> byStage,
                        RecoveryLineJson agreementInstallments) {
        static RecoveryJson of(Recovery r) {
            return new RecoveryJson(r.period().from(), r.period().to(), RecoveryLineJson.of(r.total()),
                    r.byStage().stream().map(s -> new RecoveryStageJson(s.stage().name(), s.line().count(),
                            text(s.line().principal()), text(s.line().interest()), text(s.line().amount())))
                            .toList(), RecoveryLineJson.of(r.agreementInstallments()));
        }
    }

    @Schema(name = "AgingBucket")
    record BucketJson(@Schema(enumeration = {"1-30", "31-90", "91-180", "181-365", "366-1825", "over-1825"},
                              description = "Days overdue") String bucket,
                      long count,
                      @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH,
                              description = "Unpaid principal")
                      String principal,
                      @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH,
                              description = "Arrears interest owed on asOf") String interest) {
        static BucketJson of(PortfolioAging.Bucket b) {
            return new BucketJson(b.bucket().label(), b.figures().count(), text(b.figures().principal()),
                    text(b.figures().interest()));
        }
    }

    @Schema(name = "AgingFigures")
    record FiguresJson(long count,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
            String principal,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String interest) {
        static FiguresJson of(PortfolioAging.Figures f) {
            return new FiguresJson(f.count(), text(f.principal()), text(f.interest()));
        }
    }

    @Schema(name = "AgingGroup")
    record GroupJson(@Schema(maxLength = 24, description = "The obligation type or the stage") String key,
                     long count,
                     @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String principal,
                     @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String interest,
                     List<BucketJson> buckets) {
        static GroupJson of(PortfolioAging.Group g) {
            return new GroupJson(g.key(), g.total().count(), text(g.total().principal()),
                    text(g.total().interest()), g.buckets().stream().map(BucketJson::of).toList());
        }
    }

    @Schema(name = "AgingInAgreementGroup")
    record InAgreementGroupJson(@Schema(maxLength = 24) String key, long count,
                                @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                                String principal) {
    }

    @Schema(name = "AgingInAgreement", description = "Obligations IN_AGREEMENT: their arrears do not run while the"
            + " agreement is kept; unpaid principal only")
    record InAgreementJson(long count,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
            String principal,
            List<InAgreementGroupJson> byType, List<InAgreementGroupJson> byStage) {
        static InAgreementJson of(PortfolioAging.InAgreement a) {
            return new InAgreementJson(a.count(), text(a.principal()),
                    a.countByType().keySet().stream().map(k -> new InAgreementGroupJson(k, a.countByType().get(k),
                            text(a.principalByType().get(k)))).toList(),
                    a.countByStage().keySet().stream().map(k -> new InAgreementGroupJson(k, a.countByStage().get(k),
                            text(a.principalByStage().get(k)))).toList());
        }
    }

    @Schema(name = "PortfolioAgingReport")
    record AgingJson(LocalDate asOf, FiguresJson total, List<BucketJson> buckets, List<GroupJson> byType,
                     List<GroupJson> byStage, InAgreementJson inAgreement) {
        static AgingJson of(PortfolioAging a) {
            return new AgingJson(a.asOf(), FiguresJson.of(a.total()),
                    a.buckets().stream().map(BucketJson::of).toList(),
                    a.byType().stream().map(GroupJson::of).toList(), a.byStage().stream().map(GroupJson::of).toList(),
                    InAgreementJson.of(a.inAgreement()));
        }
    }

    @Schema(name = "AgreementsReportStatus")
    record AgreementStatusJson(
            @Schema(enumeration = {"PENDING_APPROVAL", "AWAITING_DOWN_PAYMENT", "ACTIVE", "COMPLETED", "DEFAULTED",
                    "REJECTED", "LAPSED", "CANCELLED"}) String status,
            long count,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String debt,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String downPayment,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String financedAmount) {
    }

    @Schema(name = "AgreementsReport")
    record AgreementsJson(LocalDate asOf, long count, List<AgreementStatusJson> byStatus,
                          @Schema(type = SchemaType.STRING, pattern = PERCENT_PATTERN, maxLength = TOTAL_LENGTH,
                                  description = "DEFAULTED as a"
                                  + " percentage of the agreements that became active (ACTIVE, COMPLETED, DEFAULTED);"
                                  + " absent when none did") String defaultRate) {
        static AgreementsJson of(AgreementsReport r) {
            return new AgreementsJson(r.asOf(), r.count(), r.byStatus().stream().map(s -> new AgreementStatusJson(
                    s.status().name(), s.count(), text(s.debt()), text(s.downPayment()),
                    text(s.financedAmount()))).toList(), percent(r.defaultRate()));
        }
    }

    @Schema(name = "CardDebitReportStatus")
    record CardStatusJson(@Schema(enumeration = {"PENDING_CONFIRMATION", "APPROVED", "SOFT_DECLINED", "HARD_DECLINED",
            "NOT_CHARGED", "SKIPPED"}) String status, long count,
                          @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String amount) {
    }

    @Schema(name = "CardDebitReport")
    record CardDebitJson(LocalDate from, LocalDate to, long charges, List<CardStatusJson> byStatus,
                         @Schema(type = SchemaType.STRING, pattern = PERCENT_PATTERN, maxLength = TOTAL_LENGTH,
                                 description = "APPROVED as a"
                                 + " percentage of the charges the processor answered (APPROVED, SOFT_DECLINED,"
                                 + " HARD_DECLINED); absent when none was") String approvalRate,
                         @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                         String amountCharged) {
        static CardDebitJson of(CardDebitReport r) {
            return new CardDebitJson(r.period().from(), r.period().to(), r.charges(), r.byStatus().stream()
                    .map(s -> new CardStatusJson(s.status().name(), s.count(), text(s.amount()))).toList(),
                    percent(r.approvalRate()), text(r.amountCharged()));
        }
    }

    @Schema(name = "PublicSectorBatches")
    record BatchesJson(long count, CountAmountJson lines, CountAmountJson applied, CountAmountJson partial,
                       CountAmountJson rejected, CountAmountJson pending,
                       @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                       String appliedAmount,
                       @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
                       String unappliedAmount) {
    }

    @Schema(name = "PublicSectorSettlements")
    record SettlementsJson(long count,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
            String amount,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
            String appliedAmount,
            @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH)
            String unappliedAmount) {
    }

    @Schema(name = "PublicSectorFunds")
    record FundsJson(CountAmountJson received, CountAmountJson open, CountAmountJson refunded,
                     @Schema(type = SchemaType.STRING, pattern = TOTAL, maxLength = TOTAL_LENGTH) String applied) {
    }

    @Schema(name = "PublicSectorReport")
    record PublicSectorJson(LocalDate from, LocalDate to, BatchesJson batches, SettlementsJson settlements,
                            FundsJson unappliedFunds) {
        static PublicSectorJson of(PublicSectorReport r) {
            var b = r.batches();
            var s = r.settlements();
            var f = r.unappliedFunds();
            return new PublicSectorJson(r.period().from(), r.period().to(),
                    new BatchesJson(b.count(), CountAmountJson.of(b.lines()), CountAmountJson.of(b.applied()),
                            CountAmountJson.of(b.partial()), CountAmountJson.of(b.rejected()),
                            CountAmountJson.of(b.pending()), text(b.appliedAmount()), text(b.unappliedAmount())),
                    new SettlementsJson(s.count(), text(s.amount()), text(s.appliedAmount()),
                            text(s.unappliedAmount())),
                    new FundsJson(CountAmountJson.of(f.received()), CountAmountJson.of(f.open()),
                            CountAmountJson.of(f.refunded()), text(f.applied())));
        }
    }

    @Schema(name = "ChannelsReportReconciliations")
    record ReconciliationsJson(@Schema(description = "Every submission of the period's dates") long submissions,
                               @Schema(description = "Business dates reconciled") long dates,
                               @Schema(description = "Dates whose latest submission was not balanced")
                               long unbalancedDates,
                               @Schema(description = "What the latest submissions listed that the institution did"
                                       + " not have") CountAmountJson missingHere,
                               @Schema(description = "What the institution had that the latest submissions did not"
                                       + " list") CountAmountJson missingAtBank,
                               long amountMismatches) {
    }

    @Schema(name = "ChannelsReportEntity")
    record EntityJson(@Schema(maxLength = 20) String entityCode, CountAmountJson payments, CountAmountJson reversals,
                      ReconciliationsJson reconciliations) {
    }

    @Schema(name = "ChannelsReport")
    record ChannelsJson(LocalDate from, LocalDate to, List<EntityJson> entities) {
        static ChannelsJson of(ChannelsReport r) {
            return new ChannelsJson(r.period().from(), r.period().to(), r.entities().stream().map(e -> {
                var c = e.reconciliations();
                return new EntityJson(e.entityCode(), CountAmountJson.of(e.payments()),
                        CountAmountJson.of(e.reversals()), new ReconciliationsJson(c.submissions(), c.dates(),
                        c.unbalancedDates(), CountAmountJson.of(c.missingHere()), CountAmountJson.of(c.missingAtBank()),
                        c.amountMismatches()));
            }).toList());
        }
    }
}
