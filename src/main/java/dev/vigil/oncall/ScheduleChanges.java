package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Overrides and temporary schedules made through the API: checked field by field (every problem in one 400), stored
 * apart from the catalog so that applying the config file keeps them, and deleted again. Those written in the file
 * belong to it: the API refuses to delete them and names the file.
 */
@Service
class ScheduleChanges {

  /** The body of a new override. */
  record OverrideRequest(String start, String end, String add, String remove, String note) {}

  /** The body of a new temporary schedule. */
  record TemporaryRequest(String name, String start, String end, List<ShiftRequest> shifts) {}

  /** One shift of a new temporary schedule. */
  record ShiftRequest(String start, String end, List<String> users) {}

  static final int MAX_NOTE = 500;
  static final int MAX_SHIFTS = 1000;

  private final CatalogQueries catalog;
  private final OnCallRepository repository;
  private final Clock clock;

  ScheduleChanges(CatalogQueries catalog, OnCallRepository repository, Clock clock) {
    this.catalog = catalog;
    this.repository = repository;
    this.clock = clock;
  }

  CatalogQueries.Managed<Catalog.Schedule> schedule(String name) {
    return catalog.one(CatalogKind.SCHEDULE, name, Catalog.Schedule.class)
        .orElseThrow(() -> new NotFoundException("no schedule named '" + name + "'"));
  }

  @Transactional
  long addOverride(String scheduleName, OverrideRequest body, String createdBy) {
    Catalog.Schedule schedule = schedule(scheduleName).object();
    if (body == null) {
      throw new InvalidException("the body must be an override: {\"start\", \"end\", \"add\" and/or \"remove\"}");
    }
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<String> problems = new ArrayList<>();
    Instant start = instant(body.start(), "start", zone, problems);
    Instant end = end(start, body.end(), zone, problems);
    if (blank(body.add()) && blank(body.remove())) {
      problems.add("add, remove: set 'add' (someone comes on call), 'remove' (someone goes off call) or both"
          + " (replace 'remove' by 'add')");
    }
    user(body.add(), "add", problems);
    user(body.remove(), "remove", problems);
    if (!blank(body.add()) && body.add().equals(body.remove())) {
      problems.add("remove: must differ from add");
    }
    if (body.note() != null && body.note().length() > MAX_NOTE) {
      problems.add("note: at most " + MAX_NOTE + " characters");
    }
    fail(problems);
    return repository.insertOverride(scheduleName, start, end, emptyToNull(body.add()), emptyToNull(body.remove()),
        body.note(), createdBy, clock.instant());
  }

  /**
   * Hands a shift to {@code taker}: overrides over exactly {@code [start, end)} that replace its first person by the
   * taker and take the others off call (or add the taker to a gap), checked like any other override, all or none.
   */
  @Transactional
  List<Long> takeShift(String scheduleName, Instant start, Instant end, List<String> people, String taker,
      String note) {
    if (people.contains(taker)) {
      throw new InvalidException("you are already on call in this shift");
    }
    List<Long> ids = new ArrayList<>();
    if (people.isEmpty()) {
      ids.add(addOverride(scheduleName, new OverrideRequest(start.toString(), end.toString(), taker, null, note),
          taker));
    }
    for (int i = 0; i < people.size(); i++) {
      ids.add(addOverride(scheduleName, new OverrideRequest(start.toString(), end.toString(), i == 0 ? taker : null,
          people.get(i), note), taker));
    }
    return ids;
  }

  @Transactional
  void deleteOverride(String scheduleName, String id) {
    CatalogQueries.Managed<Catalog.Schedule> schedule = schedule(scheduleName);
    if (id.startsWith("file-")) {
      throw new RefusedException("override " + id + " is declared in " + schedule.managedBy()
          + "; remove it there and apply the file");
    }
    if (!id.matches("[0-9]{1,18}") || !repository.deleteOverride(scheduleName, Long.parseLong(id))) {
      throw new NotFoundException("schedule '" + scheduleName + "' has no override " + id);
    }
  }

  @Transactional
  long addTemporary(String scheduleName, TemporaryRequest body, String createdBy) {
    Catalog.Schedule schedule = schedule(scheduleName).object();
    if (body == null) {
      throw new InvalidException("the body must be a temporary schedule: {\"start\", \"end\", \"shifts\"}");
    }
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<String> problems = new ArrayList<>();
    Instant start = instant(body.start(), "start", zone, problems);
    Instant end = end(start, body.end(), zone, problems);
    if (body.name() != null && body.name().length() > MAX_NOTE) {
      problems.add("name: at most " + MAX_NOTE + " characters");
    }
    List<ShiftRequest> requested = body.shifts() == null ? List.of() : body.shifts();
    if (requested.size() > MAX_SHIFTS) {
      problems.add("shifts: at most " + MAX_SHIFTS);
      requested = List.of();
    }
    List<TemporarySchedule.FixedShift> shifts = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      ShiftRequest s = requested.get(i);
      String at = "shifts[" + i + "].";
      if (s == null) {
        problems.add("shifts[" + i + "]: must be a shift {\"start\", \"end\", \"users\"}");
        continue;
      }
      Instant a = instant(s.start(), at + "start", zone, problems);
      Instant b = instant(s.end(), at + "end", zone, problems);
      if (s.users() == null || s.users().isEmpty()) {
        problems.add(at + "users: at least one user");
      } else {
        s.users().forEach(u -> user(u, at + "users", problems));
        if (s.users().stream().distinct().count() < s.users().size()) {
          problems.add(at + "users: a user is listed twice");
        }
      }
      if (a != null && b != null) {
        if (!b.isAfter(a)) {
          problems.add(at + "end: must be after start");
        } else if (start != null && end != null && (a.isBefore(start) || b.isAfter(end))) {
          problems.add(at + "start, end: the shift must lie between the temporary schedule's start and end");
        } else if (s.users() != null) {
          shifts.add(new TemporarySchedule.FixedShift(a, b, s.users()));
        }
      }
    }
    shifts.sort(Comparator.comparing(TemporarySchedule.FixedShift::start));
    for (int i = 1; i < shifts.size(); i++) {
      if (shifts.get(i).start().isBefore(shifts.get(i - 1).end())) {
        problems.add("shifts: the shifts starting " + shifts.get(i - 1).start() + " and " + shifts.get(i).start()
            + " overlap");
      }
    }
    fail(problems);
    List<TemporarySchedule> existing = new ArrayList<>(FinalSchedule.declaredTemporary(schedule));
    repository.temporary(scheduleName, start, end).forEach(t -> existing.add(t.model()));
    for (TemporarySchedule t : existing) {
      if (t.start().isBefore(end) && t.end().isAfter(start)) {
        throw new RefusedException("temporary schedule " + t.id() + (t.name() == null ? "" : " (" + t.name() + ")")
            + " already covers " + t.start() + " to " + t.end() + "; temporary schedules must not overlap");
      }
    }
    return repository.insertTemporary(scheduleName, emptyToNull(body.name()), start, end, shifts, createdBy,
        clock.instant());
  }

  @Transactional
  void deleteTemporary(String scheduleName, String id) {
    CatalogQueries.Managed<Catalog.Schedule> schedule = schedule(scheduleName);
    if (id.startsWith("file-")) {
      throw new RefusedException("temporary schedule " + id + " is declared in " + schedule.managedBy()
          + "; remove it there and apply the file");
    }
    if (!id.matches("[0-9]{1,18}") || !repository.deleteTemporary(scheduleName, Long.parseLong(id))) {
      throw new NotFoundException("schedule '" + scheduleName + "' has no temporary schedule " + id);
    }
  }

  /** The period's end, read like its start, with a problem when it is not after the start. */
  private static Instant end(Instant start, String text, ZoneId zone, List<String> problems) {
    Instant end = instant(text, "end", zone, problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add("end: must be after start");
    }
    return end;
  }

  private static Instant instant(String text, String field, ZoneId zone, List<String> problems) {
    try {
      return Times.parse(text, field, zone);
    } catch (InvalidException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private void user(String name, String field, List<String> problems) {
    if (!blank(name) && catalog.one(CatalogKind.USER, name, Catalog.User.class).isEmpty()) {
      problems.add(field + ": no user named '" + name + "'");
    }
  }

  private static void fail(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidException(problems);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String emptyToNull(String s) {
    return blank(s) ? null : s;
  }
}
