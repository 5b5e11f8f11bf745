package ec.gob.iess.recauda.domain.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The collection section of the year's accountability report, from the same figures as the JSON reports: the year's
 * collections against the year before (month by month), by channel (the channels new in the year named: they
 * collected in it and not in the year before) and by financial entity, the recovered debt by stage and through
 * agreements, and the portfolio's aging at the year's end: as the daily close recorded it for a past year, as of
 * today for the current one; none when no close recorded it.
 */
public record AnnualReport(int year, YearOverYear collections, List<CollectionRow> byChannel,
                           List<String> newChannels, List<CollectionRow> byEntity, Recovery recovery,
                           LocalDate agingAsOf, PortfolioAging aging) {

    public AnnualReport {
        Objects.requireNonNull(collections, "collections");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(agingAsOf, "agingAsOf");
        byChannel = List.copyOf(byChannel);
        newChannels = List.copyOf(newChannels);
        byEntity = List.copyOf(byEntity);
    }

    /** The channels that collected in the year and not in the one before, in the order of their names. */
    public static List<String> newChannels(List<CollectionRow> thisYear, List<CollectionRow> previousYear) {
        Set<String> before = new TreeSet<>();
        previousYear.stream().filter(r -> r.amount().compareTo(Amount.ZERO) != 0).forEach(r -> before.add(r.key()));
        Set<String> added = new TreeSet<>();
        thisYear.stream().filter(r -> r.amount().compareTo(Amount.ZERO) != 0 && !before.contains(r.key()))
                .forEach(r -> added.add(r.key()));
        return List.copyOf(added);
    }
}
