package ec.gob.iess.recauda.domain.report;

import ec.gob.iess.recauda.domain.obligation.ObligationStage;
import ec.gob.iess.recauda.domain.obligation.ObligationType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The unpaid portfolio as of a day, by how long it is overdue: PENDING obligations due before the day, each in the
 * bucket of its days overdue, with its principal still unpaid and the arrears interest owed to the day (ADR 0003:
 * accrued day by day on its principal history, less interest paid). The same figures by obligation type and by
 * stage (each with its buckets). Obligations in a payment agreement (IN_AGREEMENT) are apart: their arrears do not
 * run while the agreement is kept, so they are counted with their principal only. Debt not yet due, paid or cancelled
 * is in none of it.
 */
public record PortfolioAging(LocalDate asOf, Figures total, List<Bucket> buckets, List<Group> byType,
                             List<Group> byStage, InAgreement inAgreement) {

    /** How many obligations, their unpaid principal and the interest they owe. */
    public record Figures(long count, Amount principal, Amount interest) {

        public static final Figures NONE = new Figures(0, Amount.ZERO, Amount.ZERO);

        public Figures plus(long moreCount, Amount morePrincipal, Amount moreInterest) {
            return new Figures(count + moreCount, principal.plus(morePrincipal), interest.plus(moreInterest));
        }

        public Figures plus(Figures other) {
            return plus(other.count, other.principal, other.interest);
        }
    }

    /** A bucket and its figures. */
    public record Bucket(AgingBucket bucket, Figures figures) {
    }

    /** A type's or a stage's figures, in total and by bucket. */
    public record Group(String key, Figures total, List<Bucket> buckets) {
    }

    /** The obligations in a payment agreement: how many, their principal unpaid, by type and by stage. */
    public record InAgreement(long count, Amount principal, Map<String, Long> countByType,
                              Map<String, Amount> principalByType, Map<String, Long> countByStage,
                              Map<String, Amount> principalByStage) {
    }

    public PortfolioAging {
        Objects.requireNonNull(asOf, "asOf");
        buckets = List.copyOf(buckets);
        byType = List.copyOf(byType);
        byStage = List.copyOf(byStage);
    }

    /** Gathers the portfolio's figures, a group of obligations at a time. */
    public static final class Builder {
        private final LocalDate asOf;
        private final Figures[][] byTypeBucket =
                new Figures[ObligationType.values().length][AgingBucket.values().length];
        private final Figures[][] byStageBucket =
                new Figures[ObligationStage.values().length][AgingBucket.values().length];
        private final Map<ObligationType, Figures> inAgreementByType = new EnumMap<>(ObligationType.class);
        private final Map<ObligationStage, Figures> inAgreementByStage = new EnumMap<>(ObligationStage.class);

        public Builder(LocalDate asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
            for (Figures[] row : byTypeBucket) {
                Arrays.fill(row, Figures.NONE);
            }
            for (Figures[] row : byStageBucket) {
                Arrays.fill(row, Figures.NONE);
            }
        }

        /**
         * Adds {@code count} obligations of one type and stage due on {@code dueDate} (before the as-of day), with
         * their unpaid principal and the interest they owe on the as-of day.
         */
        public Builder add(ObligationType type, ObligationStage stage, LocalDate dueDate, long count, Amount principal,
                           Amount interest) {
            if (!dueDate.isBefore(asOf)) {
                throw new IllegalArgumentException("not overdue on " + asOf + ": due " + dueDate);
            }
            return add(type, stage, AgingBucket.of(asOf.toEpochDay() - dueDate.toEpochDay()), count, principal,
                    interest);
        }

        /**
         * Adds {@code count} obligations of one type and stage in one bucket as of the as-of day (grouped by bucket
         * where they were read: {@link AgingBucket#firstDueDates}), with their unpaid principal and interest owed.
         */
        public Builder add(ObligationType type, ObligationStage stage, AgingBucket bucket, long count,
                           Amount principal, Amount interest) {
            int b = bucket.ordinal();
            byTypeBucket[type.ordinal()][b] = byTypeBucket[type.ordinal()][b].plus(count, principal, interest);
            byStageBucket[stage.ordinal()][b] = byStageBucket[stage.ordinal()][b].plus(count, principal, interest);
            return this;
        }

        /** Adds everything another builder of the same day gathered (a part of the portfolio read apart). */
        public Builder addAll(Builder part) {
            if (!part.asOf.equals(asOf)) {
                throw new IllegalArgumentException("a part as of " + part.asOf + " added to an aging as of " + asOf);
            }
            for (int t = 0; t < byTypeBucket.length; t++) {
                for (int b = 0; b < byTypeBucket[t].length; b++) {
                    byTypeBucket[t][b] = byTypeBucket[t][b].plus(part.byTypeBucket[t][b]);
                }
            }
            for (int s = 0; s < byStageBucket.length; s++) {
                for (int b = 0; b < byStageBucket[s].length; b++) {
                    byStageBucket[s][b] = byStageBucket[s][b].plus(part.byStageBucket[s][b]);
                }
            }
            part.inAgreementByType.forEach((k, v) -> inAgreementByType.merge(k, v, Figures::plus));
            part.inAgreementByStage.forEach((k, v) -> inAgreementByStage.merge(k, v, Figures::plus));
            return this;
        }

        /** Adds {@code count} obligations in an agreement of one type and stage, with their unpaid principal. */
        public Builder addInAgreement(ObligationType type, ObligationStage stage, long count, Amount principal) {
            inAgreementByType.merge(type, new Figures(count, principal, Amount.ZERO), Figures::plus);
            inAgreementByStage.merge(stage, new Figures(count, principal, Amount.ZERO), Figures::plus);
            return this;
        }

        public PortfolioAging build() {
            Figures[] bucketTotals = new Figures[AgingBucket.values().length];
            Arrays.fill(bucketTotals, Figures.NONE);
            List<Group> types = groups(byTypeBucket, bucketTotals, Arrays.stream(ObligationType.values())
                    .map(Enum::name).toList());
            List<Group> stages = groups(byStageBucket, null, Arrays.stream(ObligationStage.values())
                    .map(Enum::name).toList());
            Figures total = Figures.NONE;
            List<Bucket> buckets = new ArrayList<>();
            for (AgingBucket b : AgingBucket.values()) {
                buckets.add(new Bucket(b, bucketTotals[b.ordinal()]));
                total = total.plus(bucketTotals[b.ordinal()]);
            }
            Map<String, Long> countByType = new LinkedHashMap<>();
            Map<String, Amount> principalByType = new LinkedHashMap<>();
            long count = 0;
            Amount principal = Amount.ZERO;
            for (var e : inAgreementByType.entrySet()) {
                countByType.put(e.getKey().name(), e.getValue().count());
                principalByType.put(e.getKey().name(), e.getValue().principal());
                count += e.getValue().count();
                principal = principal.plus(e.getValue().principal());
            }
            Map<String, Long> countByStage = new LinkedHashMap<>();
            Map<String, Amount> principalByStage = new LinkedHashMap<>();
            for (var e : inAgreementByStage.entrySet()) {
                countByStage.put(e.getKey().name(), e.getValue().count());
                principalByStage.put(e.getKey().name(), e.getValue().principal());
            }
            return new PortfolioAging(asOf, total, buckets, types, stages, new InAgreement(count, principal,
                    countByType, principalByType, countByStage, principalByStage));
        }

        /** The groups that hold any obligation, each with all its buckets; adds them up into {@code totals}. */
        private static List<Group> groups(Figures[][] table, Figures[] totals, List<String> keys) {
            List<Group> groups = new ArrayList<>();
            for (int g = 0; g < table.length; g++) {
                Figures groupTotal = Figures.NONE;
                List<Bucket> buckets = new ArrayList<>();
                for (AgingBucket b : AgingBucket.values()) {
                    Figures f = table[g][b.ordinal()];
                    buckets.add(new Bucket(b, f));
                    groupTotal = groupTotal.plus(f);
                    if (totals != null) {
                        totals[b.ordinal()] = totals[b.ordinal()].plus(f);
                    }
                }
                if (groupTotal.count() > 0) {
                    groups.add(new Group(keys.get(g), groupTotal, buckets));
                }
            }
            return groups;
        }
    }
}
