package dev.vigil.report;

import dev.vigil.system.InvalidException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * MTTA, MTTM, MTTR, count and MTBF of incidents per service, team or severity, exactly as docs/reports.md defines
 * them; pure, so crafted histories test it exactly.
 */
final class ReliabilityReport {

  private ReliabilityReport() {}

  /** What to group incidents by. */
  enum GroupBy {
    SERVICE(IncidentTimes::service), TEAM(IncidentTimes::team), SEVERITY(IncidentTimes::severity);

    final Function<IncidentTimes, String> key;

    GroupBy(Function<IncidentTimes, String> key) {
      this.key = key;
    }

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The grouping named {@code value}; a 400 naming the {@code groupBy} parameter otherwise. */
    static GroupBy parse(String value) {
      for (GroupBy g : values()) {
        if (g.value().equals(value)) {
          return g;
        }
      }
      throw new InvalidException("groupBy: expected service, team or severity, got '" + value + "'");
    }
  }

  /**
   * One group's numbers; means are null when no incident of the group had what they measure.
   *
   * @param count incidents created in the range
   * @param acknowledged how many of them were ever acknowledged (MTTA's sample)
   * @param mitigated how many were mitigated or resolved (MTTM's sample)
   * @param resolved how many are resolved (MTTR's sample)
   * @param open how many are not resolved
   * @param rtoBreaches how many went past their service's RTO
   */
  record Row(String group, int count, int acknowledged, int mitigated, int resolved, int open, Duration mtta,
      Duration mttm, Duration mttr, Duration mtbf, int rtoBreaches) {}

  /** The rows, one per group in name order, for incidents created in [from, to). */
  static List<Row> compute(List<IncidentTimes> incidents, GroupBy groupBy, Instant from, Instant to, Instant now) {
    Map<String, List<IncidentTimes>> groups = new TreeMap<>();
    for (IncidentTimes i : incidents) {
      if (!i.createdAt().isBefore(from) && i.createdAt().isBefore(to)) {
        String key = groupBy.key.apply(i);
        groups.computeIfAbsent(key == null ? "(none)" : key, k -> new ArrayList<>()).add(i);
      }
    }
    List<Row> rows = new ArrayList<>();
    groups.forEach((group, list) -> rows.add(row(group, list, now)));
    return rows;
  }

  static Row row(String group, List<IncidentTimes> list, Instant now) {
    List<Duration> tta = list.stream().map(IncidentTimes::timeToAcknowledge).filter(d -> d != null).toList();
    List<Duration> ttm = list.stream().map(IncidentTimes::timeToMitigate).filter(d -> d != null).toList();
    List<Duration> ttr = list.stream().map(IncidentTimes::timeToResolve).filter(d -> d != null).toList();
    List<Instant> starts = list.stream().map(IncidentTimes::createdAt).sorted(Comparator.naturalOrder()).toList();
    Duration mtbf = starts.size() < 2 ? null
        : Duration.between(starts.getFirst(), starts.getLast()).dividedBy(starts.size() - 1);
    int breaches = (int) list.stream().filter(i -> i.rtoBreached(now)).count();
    return new Row(group, list.size(), tta.size(), ttm.size(), ttr.size(), list.size() - ttr.size(), mean(tta),
        mean(ttm), mean(ttr), mtbf, breaches);
  }

  /** The arithmetic mean, to the millisecond (rounded down), or null for no values. */
  static Duration mean(List<Duration> values) {
    if (values.isEmpty()) {
      return null;
    }
    long total = 0;
    for (Duration d : values) {
      total += d.toMillis();
    }
    return Duration.ofMillis(Math.floorDiv(total, values.size()));
  }
}
