package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Who is on call, with everything that decides it: the schedules' layers and the overrides and temporary schedules of
 * the config file and of the API. Escalation pages through it, so the person paged is the one the final shifts name.
 */
@Service
public class OnCallService {

  private final CatalogQueries catalog;
  private final OnCallRepository repository;

  OnCallService(CatalogQueries catalog, OnCallRepository repository) {
    this.catalog = catalog;
    this.repository = repository;
  }

  /** Whom an escalation step pages at an instant, and the schedules in it that had nobody on call. */
  public record StepTargets(List<String> users, List<String> schedulesWithNobody) {}

  /** A schedule with the API's overrides and temporary schedules that overlap {@code [from, to)}. */
  public Optional<FinalSchedule> schedule(String name, Instant from, Instant to) {
    return catalog.one(CatalogKind.SCHEDULE, name, Catalog.Schedule.class).map(m -> FinalSchedule.of(m.object(),
        repository.overrides(name, from, to).stream().map(OnCallRepository.StoredOverride::model).toList(),
        repository.temporary(name, from, to).stream().map(OnCallRepository.StoredTemporary::model).toList()));
  }

  /** Who is on call in a schedule at an instant; empty in a gap or when there is no such schedule. */
  public List<String> onCall(String schedule, Instant at) {
    return schedule(schedule, at, at.plusMillis(1)).map(s -> s.at(at)).orElse(List.of());
  }

  /**
   * Every schedule, with the API's overrides and temporary schedules overlapping {@code [from, to)}: three queries
   * whatever the number of schedules, for bulk questions.
   */
  public Map<String, FinalSchedule> schedules(Instant from, Instant to) {
    Map<String, List<ShiftOverride>> overrides = repository.overridesBySchedule(from, to);
    Map<String, List<TemporarySchedule>> temporary = repository.temporaryBySchedule(from, to);
    Map<String, FinalSchedule> result = new LinkedHashMap<>();
    for (var m : catalog.all(CatalogKind.SCHEDULE, Catalog.Schedule.class)) {
      String name = m.object().name();
      result.put(name, FinalSchedule.of(m.object(), overrides.getOrDefault(name, List.of()),
          temporary.getOrDefault(name, List.of())));
    }
    return result;
  }

  /** Whom an escalation step pages at an instant: its users, whoever its schedules have on call, its teams. */
  public StepTargets targets(Catalog.EscalationStep step, Instant at) {
    return targets(step.targets(), at);
  }

  /** Whom these targets (of a step, a responder request, a management step) page at an instant. */
  public StepTargets targets(List<Catalog.Target> targets, Instant at) {
    return targets(targets, schedule -> onCall(schedule, at), team -> catalog
        .one(CatalogKind.TEAM, team, Catalog.Team.class).map(t -> t.object().members()).orElse(List.of()));
  }

  /** The same, with schedules and teams looked up by the caller (the bulk on-call query has them all at hand). */
  static StepTargets targets(Catalog.EscalationStep step, Function<String, List<String>> onCall,
      Function<String, List<String>> teamMembers) {
    return targets(step.targets(), onCall, teamMembers);
  }

  private static StepTargets targets(List<Catalog.Target> targets, Function<String, List<String>> onCall,
      Function<String, List<String>> teamMembers) {
    Set<String> users = new LinkedHashSet<>();
    List<String> gaps = new ArrayList<>();
    for (Catalog.Target target : targets) {
      if (target.user() != null) {
        users.add(target.user());
      } else if (target.schedule() != null) {
        List<String> onCallNow = onCall.apply(target.schedule());
        if (onCallNow.isEmpty()) {
          gaps.add(target.schedule());
        }
        users.addAll(onCallNow);
      } else if (target.team() != null) {
        users.addAll(teamMembers.apply(target.team()));
      }
    }
    return new StepTargets(List.copyOf(users), List.copyOf(gaps));
  }

  /** A user's final shifts in every schedule over {@code [from, to)}, by schedule, in order. */
  public Map<String, List<Shift>> shiftsOf(String user, Instant from, Instant to) {
    Map<String, List<Shift>> result = new LinkedHashMap<>();
    schedules(from, to).forEach((name, schedule) -> {
      List<Shift> mine = schedule.shifts(from, to).stream().filter(s -> s.users().contains(user)).toList();
      if (!mine.isEmpty()) {
        result.put(name, mine);
      }
    });
    return result;
  }

  /**
   * The periods a user is on call in a schedule over {@code [from, to)}: consecutive final shifts that keep the user
   * on call are one period (a layer handing over to another with the same person is no new shift for them).
   */
  static List<Period> periods(List<Shift> shifts, String user) {
    List<Period> periods = new ArrayList<>();
    for (Shift s : shifts) {
      if (!s.users().contains(user)) {
        continue;
      }
      if (!periods.isEmpty() && periods.getLast().end().equals(s.start())) {
        periods.set(periods.size() - 1, new Period(periods.getLast().start(), s.end()));
      } else {
        periods.add(new Period(s.start(), s.end()));
      }
    }
    return periods;
  }

  /** A stretch of time a user is on call without a break. */
  record Period(Instant start, Instant end) {}

  /** The longest range one request may ask for, so that a query cannot compute shifts for centuries. */
  public static final Duration MAX_RANGE = Duration.ofDays(366);
}
