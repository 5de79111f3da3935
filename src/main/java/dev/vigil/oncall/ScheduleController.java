package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.security.ApiPrincipal;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.PublicUrl;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Schedules over the API: who is on call now or at any instant (for every schedule and escalation policy), the final
 * shifts and gaps over a range, a user's shifts, and overrides and temporary schedules made ad hoc.
 */
@RestController
@RequestMapping("/api/v1")
class ScheduleController {

  static final Duration DEFAULT_RANGE = Duration.ofDays(7);
  /** "No end" for listing overrides: far beyond any shift, and within what the database stores. */
  static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final ScheduleChanges changes;
  private final OnCallRepository repository;
  private final Clock clock;
  private final String baseUrl;

  ScheduleController(CatalogQueries catalog, OnCallService onCall, ScheduleChanges changes,
      OnCallRepository repository, PublicUrl publicUrl, Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.changes = changes;
    this.repository = repository;
    this.clock = clock;
    this.baseUrl = publicUrl.base();
  }

  /**
   * A schedule as declared, with its feed's address: add {@code ?token=} with a calendar token (POST
   * {@code calendar-tokens}) to subscribe to it from a calendar app.
   */
  record ScheduleView(String name, String description, String timeZone, List<Catalog.Layer> layers,
      List<Catalog.ScheduleOverride> overrides, List<Catalog.TemporarySchedule> temporary, String calendarUrl,
      String managedBy) {}

  /** The final shifts of a schedule over a range, and the gaps between them. */
  record ShiftsView(String schedule, String timeZone, Instant from, Instant to, List<Shift> shifts, List<Gap> gaps) {}

  /** The gaps of a schedule over a range. */
  record GapsView(String schedule, String timeZone, Instant from, Instant to, List<Gap> gaps) {}

  /** An override, from the config file ({@code managedBy} names it) or made through the API. */
  record OverrideView(String id, String schedule, Instant start, Instant end, String add, String remove, String note,
      String createdBy, Instant createdAt, String managedBy) {}

  /** A temporary schedule, from the config file or made through the API. */
  record TemporaryView(String id, String schedule, String name, Instant start, Instant end,
      List<TemporarySchedule.FixedShift> shifts, String createdBy, Instant createdAt, String managedBy) {}

  /** Who is on call at an instant, per schedule and per escalation policy step. */
  record OnCallView(Instant at, List<ScheduleOnCall> schedules, List<PolicyOnCall> escalationPolicies) {}

  /** Who a schedule has on call, and what put them there. */
  record ScheduleOnCall(String schedule, List<String> users, String layer, String temporary, List<String> overrides) {}

  /** Whom each step of a policy would page. */
  record PolicyOnCall(String escalationPolicy, List<StepOnCall> steps) {}

  /** Whom one step would page, and its schedules that have nobody on call. */
  record StepOnCall(int step, List<String> users, List<String> schedulesWithNobody) {}

  /** A user's shifts, in every schedule. */
  record UserShiftsView(String user, Instant from, Instant to, List<UserShift> shifts) {}

  /** One final shift a user is part of. */
  record UserShift(String schedule, Instant start, Instant end, List<String> users, String layer, String temporary,
      List<String> overrides) {}

  /** Every schedule with its layers, the file's overrides and temporary schedules, and its calendar feed URL. */
  @GetMapping("/schedules")
  List<ScheduleView> schedules() {
    return catalog.all(CatalogKind.SCHEDULE, Catalog.Schedule.class).stream().map(this::view).toList();
  }

  /** One schedule with its layers, the file's overrides and temporary schedules, and its calendar feed URL. */
  @GetMapping("/schedules/{name}")
  ScheduleView schedule(@PathVariable String name) {
    return view(changes.schedule(name));
  }

  /**
   * The schedule's final shifts (layers, temporary schedules and overrides applied) and gaps over a range of up to
   * 366 days.
   *
   * @param from start of the range: ISO-8601 with an offset, or a local date-time in the schedule's time zone
   *     (now when absent)
   * @param to end of the range, in the same forms (a week after {@code from} when absent)
   */
  @GetMapping("/schedules/{name}/shifts")
  ShiftsView shifts(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ZoneId zone = zone(name);
    Instant[] range = Times.range(from, to, zone, clock.instant(), DEFAULT_RANGE);
    FinalSchedule schedule = onCall.schedule(name, range[0], range[1]).orElseThrow(() -> noSchedule(name));
    return new ShiftsView(name, zone.getId(), range[0], range[1], schedule.shifts(range[0], range[1]),
        schedule.gaps(range[0], range[1]));
  }

  /**
   * The times nobody is on call in the schedule, over a range of up to 366 days.
   *
   * @param from start of the range: ISO-8601 with an offset, or a local date-time in the schedule's time zone
   *     (now when absent)
   * @param to end of the range, in the same forms (28 days after {@code from} when absent)
   */
  @GetMapping("/schedules/{name}/gaps")
  GapsView gaps(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ZoneId zone = zone(name);
    Instant[] range = Times.range(from, to, zone, clock.instant(), Duration.ofDays(28));
    FinalSchedule schedule = onCall.schedule(name, range[0], range[1]).orElseThrow(() -> noSchedule(name));
    return new GapsView(name, zone.getId(), range[0], range[1], schedule.gaps(range[0], range[1]));
  }

  /**
   * The schedule's overrides that end after {@code from} and start before {@code to}: the file's and those made
   * through the API.
   *
   * @param from start of the range: ISO-8601 with an offset, or a local date-time in the schedule's time zone
   *     (now when absent)
   * @param to end of the range, in the same forms (no end when absent)
   */
  @GetMapping("/schedules/{name}/overrides")
  List<OverrideView> overrides(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    CatalogQueries.Managed<Catalog.Schedule> schedule = changes.schedule(name);
    ZoneId zone = ZoneId.of(schedule.object().timeZone());
    Instant start = from == null ? clock.instant() : Times.parse(from, "from", zone);
    Instant end = to == null ? FAR_FUTURE : Times.parse(to, "to", zone);
    List<OverrideView> result = new ArrayList<>();
    List<Catalog.ScheduleOverride> declared = schedule.object().overrides();
    List<ShiftOverride> models = FinalSchedule.declaredOverrides(schedule.object());
    for (int i = 0; i < models.size(); i++) {
      ShiftOverride o = models.get(i);
      if (o.end().isAfter(start) && o.start().isBefore(end)) {
        result.add(new OverrideView(o.id(), name, o.start(), o.end(), o.add(), o.remove(), declared.get(i).note(),
            null, null, schedule.managedBy()));
      }
    }
    repository.overrides(name, start, end).forEach(o -> result.add(new OverrideView(String.valueOf(o.id()), name,
        o.start(), o.end(), o.add(), o.remove(), o.note(), o.createdBy(), o.createdAt(), null)));
    return result;
  }

  /** Adds an override: someone on call in place of, or beside, the schedule's people for a while. */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping("/schedules/{name}/overrides")
  ResponseEntity<OverrideView> addOverride(@PathVariable String name,
      @RequestBody(required = false) ScheduleChanges.OverrideRequest body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    long id = changes.addOverride(name, body, caller == null ? null : caller.name());
    OverrideView created = overrides(name, Instant.EPOCH.toString(), null).stream()
        .filter(o -> o.id().equals(String.valueOf(id))).findFirst().orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  /** Deletes an override made through the API. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "409", description = "The override is the config file's own")
  @DeleteMapping("/schedules/{name}/overrides/{id}")
  ResponseEntity<Void> deleteOverride(@PathVariable String name, @PathVariable String id) {
    changes.deleteOverride(name, id);
    return ResponseEntity.noContent().build();
  }

  /**
   * The schedule's temporary schedules that end after {@code from} and start before {@code to}: the file's and
   * those made through the API.
   *
   * @param from start of the range: ISO-8601 with an offset, or a local date-time in the schedule's time zone
   *     (now when absent)
   * @param to end of the range, in the same forms (no end when absent)
   */
  @GetMapping("/schedules/{name}/temporary")
  List<TemporaryView> temporary(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    CatalogQueries.Managed<Catalog.Schedule> schedule = changes.schedule(name);
    ZoneId zone = ZoneId.of(schedule.object().timeZone());
    Instant start = from == null ? clock.instant() : Times.parse(from, "from", zone);
    Instant end = to == null ? FAR_FUTURE : Times.parse(to, "to", zone);
    List<TemporaryView> result = new ArrayList<>();
    for (TemporarySchedule t : FinalSchedule.declaredTemporary(schedule.object())) {
      if (t.end().isAfter(start) && t.start().isBefore(end)) {
        result.add(new TemporaryView(t.id(), name, t.name(), t.start(), t.end(), t.shifts(), null, null,
            schedule.managedBy()));
      }
    }
    repository.temporary(name, start, end).forEach(t -> result.add(new TemporaryView(String.valueOf(t.id()), name,
        t.name(), t.start(), t.end(), t.shifts(), t.createdBy(), t.createdAt(), null)));
    return result;
  }

  /** Adds a temporary schedule, whose shifts replace everything else in the schedule during its period. */
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "409", description = "It overlaps another temporary schedule")
  @PostMapping("/schedules/{name}/temporary")
  ResponseEntity<TemporaryView> addTemporary(@PathVariable String name,
      @RequestBody(required = false) ScheduleChanges.TemporaryRequest body,
      @AuthenticationPrincipal ApiPrincipal caller) {
    long id = changes.addTemporary(name, body, caller == null ? null : caller.name());
    TemporaryView created = temporary(name, Instant.EPOCH.toString(), null).stream()
        .filter(t -> t.id().equals(String.valueOf(id))).findFirst().orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  /** Deletes a temporary schedule made through the API. */
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "409", description = "The temporary schedule is the config file's own")
  @DeleteMapping("/schedules/{name}/temporary/{id}")
  ResponseEntity<Void> deleteTemporary(@PathVariable String name, @PathVariable String id) {
    changes.deleteTemporary(name, id);
    return ResponseEntity.noContent().build();
  }

  /**
   * Who is on call at {@code at} (now when absent) in every schedule and for every escalation policy; with
   * {@code schedule} or {@code policy} (repeatable), only those.
   *
   * @param at an ISO-8601 instant, or a local date-time in UTC
   * @param scheduleFilter schedule names
   * @param policyFilter escalation policy names
   */
  @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "404", description = "No schedule or escalation policy by a name asked for")
  @GetMapping("/oncall")
  OnCallView onCall(@RequestParam(required = false) String at,
      @RequestParam(name = "schedule", required = false) List<String> scheduleFilter,
      @RequestParam(name = "policy", required = false) List<String> policyFilter) {
    Instant instant = at == null ? clock.instant() : Times.parse(at, "at", ZoneOffset.UTC);
    boolean filtered = scheduleFilter != null || policyFilter != null;
    Map<String, FinalSchedule> all = onCall.schedules(instant, instant.plusMillis(1));
    Map<String, Shift> current = new HashMap<>();
    all.forEach((name, s) -> {
      List<Shift> shifts = s.shifts(instant, instant.plusMillis(1));
      if (!shifts.isEmpty()) {
        current.put(name, shifts.getFirst());
      }
    });
    List<ScheduleOnCall> schedules = new ArrayList<>();
    List<String> scheduleNames = !filtered ? List.copyOf(all.keySet())
        : scheduleFilter == null ? List.of() : scheduleFilter;
    for (String name : scheduleNames) {
      if (!all.containsKey(name)) {
        throw new NotFoundException("schedule: no schedule named '" + name + "'");
      }
      Shift shift = current.get(name);
      schedules.add(shift == null ? new ScheduleOnCall(name, List.of(), null, null, List.of())
          : new ScheduleOnCall(name, shift.users(), shift.layer(), shift.temporary(), shift.overrides()));
    }
    List<PolicyOnCall> policies = new ArrayList<>();
    if (!filtered || policyFilter != null) {
      Map<String, Catalog.EscalationPolicy> byName = new java.util.LinkedHashMap<>();
      catalog.all(CatalogKind.ESCALATION_POLICY, Catalog.EscalationPolicy.class)
          .forEach(m -> byName.put(m.object().name(), m.object()));
      Map<String, List<String>> teams = new HashMap<>();
      catalog.all(CatalogKind.TEAM, Catalog.Team.class).forEach(m -> teams.put(m.object().name(),
          m.object().members()));
      for (String name : policyFilter == null ? List.copyOf(byName.keySet()) : policyFilter) {
        Catalog.EscalationPolicy policy = byName.get(name);
        if (policy == null) {
          throw new NotFoundException("policy: no escalation policy named '" + name + "'");
        }
        List<StepOnCall> steps = new ArrayList<>();
        for (int i = 0; i < policy.steps().size(); i++) {
          OnCallService.StepTargets targets = OnCallService.targets(policy.steps().get(i),
              s -> current.containsKey(s) ? current.get(s).users() : List.of(),
              t -> teams.getOrDefault(t, List.of()));
          steps.add(new StepOnCall(i + 1, targets.users(), targets.schedulesWithNobody()));
        }
        policies.add(new PolicyOnCall(name, steps));
      }
    }
    return new OnCallView(instant, schedules, policies);
  }

  /**
   * The final shifts the user is part of, across every schedule, over a range of up to 366 days.
   *
   * @param from start of the range: ISO-8601 with an offset, or a local date-time in the user's time zone (now when
   *     absent)
   * @param to end of the range, in the same forms (28 days after {@code from} when absent)
   */
  @GetMapping("/users/{name}/shifts")
  UserShiftsView userShifts(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Catalog.User user = catalog.one(CatalogKind.USER, name, Catalog.User.class)
        .orElseThrow(() -> new NotFoundException("no user named '" + name + "'")).object();
    ZoneId zone = user.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(user.timeZone());
    Instant[] range = Times.range(from, to, zone, clock.instant(), Duration.ofDays(28));
    List<UserShift> shifts = new ArrayList<>();
    onCall.shiftsOf(name, range[0], range[1]).forEach((schedule, list) -> list.forEach(s -> shifts.add(
        new UserShift(schedule, s.start(), s.end(), s.users(), s.layer(), s.temporary(), s.overrides()))));
    shifts.sort(java.util.Comparator.comparing(UserShift::start).thenComparing(UserShift::schedule));
    return new UserShiftsView(name, range[0], range[1], shifts);
  }

  private ScheduleView view(CatalogQueries.Managed<Catalog.Schedule> m) {
    Catalog.Schedule s = m.object();
    return new ScheduleView(s.name(), s.description(), s.timeZone(), s.layers(), s.overrides(), s.temporary(),
        calendarUrl(baseUrl, "schedules", s.name()), m.managedBy());
  }

  /** The feed address, to which a calendar token is added as {@code ?token=}. */
  static String calendarUrl(String baseUrl, String kind, String name) {
    return baseUrl + "/api/v1/" + kind + "/" + name + "/calendar.ics";
  }

  private ZoneId zone(String name) {
    return ZoneId.of(changes.schedule(name).object().timeZone());
  }

  private static NotFoundException noSchedule(String name) {
    return new NotFoundException("no schedule named '" + name + "'");
  }
}
