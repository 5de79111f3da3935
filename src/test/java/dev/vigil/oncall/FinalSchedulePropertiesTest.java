package dev.vigil.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.Layer;
import dev.vigil.catalog.Catalog.Restriction;
import dev.vigil.catalog.Catalog.RotationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random rotations, layers, restrictions, temporary schedules and overrides over random ranges: the final shifts
 * are ordered and never overlap, they cover exactly the moments somebody is on call (no covered minute lost, no gap
 * filled), and who-is-on-call at sampled instants agrees with the shift list and with a point-by-point evaluation
 * of the rules written independently of the interval algorithm.
 */
class FinalSchedulePropertiesTest {

  static final List<String> ZONES = List.of("UTC", "Europe/London", "America/New_York", "Australia/Sydney",
      "Asia/Kolkata", "Europe/Berlin");
  static final List<String> PEOPLE = List.of("ana", "ben", "cy", "dee", "eli");
  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  static final LocalDateTime EPOCH = LocalDateTime.of(2026, 1, 1, 0, 0);

  /** A random case: the schedule, the API-made changes on top, and the range asked for. */
  record Case(Catalog.Schedule schedule, List<ShiftOverride> overrides, List<TemporarySchedule> temporary,
      Instant from, Instant to, List<Instant> samples) {}

  @Property(tries = 300)
  void shiftsNeverOverlapLoseNoCoveredMinuteAndAgreeWithWhoIsOnCall(@ForAll("cases") Case c) {
    FinalSchedule schedule = FinalSchedule.of(c.schedule(), c.overrides(), c.temporary());
    List<Shift> shifts = schedule.shifts(c.from(), c.to());

    Instant previousEnd = c.from();
    for (Shift s : shifts) {
      assertThat(s.start()).as("ordered, not overlapping: %s", shifts).isAfterOrEqualTo(previousEnd);
      assertThat(s.end()).as("not empty").isAfter(s.start());
      assertThat(s.users()).as("a shift has someone on call").isNotEmpty().doesNotHaveDuplicates();
      previousEnd = s.end();
    }
    assertThat(previousEnd).isBeforeOrEqualTo(c.to());

    Oracle oracle = new Oracle(c);
    for (Instant t : c.samples()) {
      List<String> expected = oracle.at(t);
      List<String> listed = shifts.stream().filter(s -> s.covers(t)).findFirst().map(Shift::users).orElse(List.of());
      assertThat(listed).as("shift list at %s (%s)", t, c.schedule().timeZone()).isEqualTo(expected);
      assertThat(schedule.at(t)).as("who is on call at %s", t).isEqualTo(expected);
    }
  }

  @Property(tries = 100)
  void aRangeSplitInTwoGivesTheSameCoverage(@ForAll("cases") Case c) {
    FinalSchedule schedule = FinalSchedule.of(c.schedule(), c.overrides(), c.temporary());
    Instant middle = c.from().plus(Duration.between(c.from(), c.to()).dividedBy(3));
    List<Shift> whole = schedule.shifts(c.from(), c.to());
    List<Shift> parts = new ArrayList<>(schedule.shifts(c.from(), middle));
    parts.addAll(schedule.shifts(middle, c.to()));
    assertThat(coverage(parts)).isEqualTo(coverage(whole));
  }

  /** The shifts as maximal runs of the same people, so that where a range was cut does not matter. */
  static List<String> coverage(List<Shift> shifts) {
    List<String> runs = new ArrayList<>();
    Instant start = null;
    Instant end = null;
    List<String> users = null;
    for (Shift s : shifts) {
      if (users != null && s.start().equals(end) && s.users().equals(users)) {
        end = s.end();
        continue;
      }
      if (users != null) {
        runs.add(start + "/" + end + " " + users);
      }
      start = s.start();
      end = s.end();
      users = s.users();
    }
    if (users != null) {
      runs.add(start + "/" + end + " " + users);
    }
    return runs;
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String> zone = Arbitraries.of(ZONES);
    Arbitrary<List<Layer>> layers = layer().list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Integer> fromMinute = Arbitraries.integers().between(0, 330 * 24 * 60);
    Arbitrary<Integer> lengthMinutes = Arbitraries.oneOf(Arbitraries.integers().between(1, 48 * 60),
        Arbitraries.integers().between(1, 40 * 24 * 60));
    Arbitrary<List<int[]>> overrides = Combinators.combine(Arbitraries.integers().between(-2 * 24 * 60, 45 * 24 * 60),
        Arbitraries.integers().between(1, 4 * 24 * 60), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, PEOPLE.size() - 1), Arbitraries.integers().between(0, PEOPLE.size() - 1))
        .as((start, length, kind, a, b) -> new int[] {start, length, kind, a, b}).list().ofMaxSize(6);
    Arbitrary<List<int[]>> temporary = Combinators.combine(Arbitraries.integers().between(-24 * 60, 40 * 24 * 60),
        Arbitraries.integers().between(60, 5 * 24 * 60), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(0, 1000)).as((start, length, shifts, seed) -> new int[] {start, length, shifts,
        seed}).list().ofMaxSize(2);
    Arbitrary<Boolean> fileOrApi = Arbitraries.of(true, false);
    return Combinators.combine(zone, layers, fromMinute, lengthMinutes, overrides, temporary, fileOrApi,
        Arbitraries.randoms()).as((z, ls, fm, len, os, ts, inFile, random) -> {
          ZoneId zoneId = ZoneId.of(z);
          LocalDateTime fromLocal = EPOCH.plusMinutes(fm);
          Instant from = LocalClock.instant(fromLocal, zoneId);
          Instant to = from.plus(Duration.ofMinutes(len));
          List<Catalog.ScheduleOverride> fileOverrides = new ArrayList<>();
          List<ShiftOverride> apiOverrides = new ArrayList<>();
          for (int i = 0; i < os.size(); i++) {
            int[] o = os.get(i);
            LocalDateTime start = fromLocal.plusMinutes(o[0]);
            LocalDateTime end = start.plusMinutes(o[1]);
            String add = o[2] == 1 ? null : PEOPLE.get(o[3]);
            String remove = o[2] == 0 ? null : PEOPLE.get(o[4]);
            if (add != null && add.equals(remove)) {
              remove = null;
            }
            Instant s = LocalClock.instant(start, zoneId);
            Instant e = LocalClock.instant(end, zoneId);
            if (!e.isAfter(s)) {
              continue;
            }
            if (inFile) {
              fileOverrides.add(new Catalog.ScheduleOverride(start.toString(), end.toString(), add, remove, null));
            } else {
              apiOverrides.add(new ShiftOverride(String.valueOf(i + 1), s, e, add, remove));
            }
          }
          List<TemporarySchedule> temps = new ArrayList<>();
          for (int i = 0; i < ts.size(); i++) {
            int[] t = ts.get(i);
            Instant start = from.plus(Duration.ofMinutes(t[0]));
            Instant end = start.plus(Duration.ofMinutes(t[1]));
            List<TemporarySchedule.FixedShift> fixed = new ArrayList<>();
            java.util.Random r = new java.util.Random(t[3]);
            Instant cursor = start.minus(Duration.ofMinutes(30));
            for (int k = 0; k < t[2]; k++) {
              Instant s = cursor.plus(Duration.ofMinutes(r.nextInt(0, 600)));
              Instant e = s.plus(Duration.ofMinutes(r.nextInt(1, 2000)));
              fixed.add(new TemporarySchedule.FixedShift(s, e, List.of(PEOPLE.get(r.nextInt(PEOPLE.size())))));
              cursor = e;
            }
            temps.add(new TemporarySchedule("t" + i, null, start, end, fixed));
          }
          Catalog.Schedule schedule = new Catalog.Schedule("s", null, z, ls, fileOverrides, List.of());
          List<Instant> samples = new ArrayList<>();
          long span = Duration.between(from, to).toMillis();
          for (int i = 0; i < 150; i++) {
            samples.add(from.plusMillis(random.nextLong(span)));
          }
          // Whole minutes too, and the edges of every shift-change candidate: the first and last millisecond.
          for (long m = 0; m < Math.min(span / 60_000, 200); m++) {
            samples.add(from.plus(Duration.ofMinutes(m * Math.max(1, span / 60_000 / 200))));
          }
          samples.add(from);
          samples.add(to.minusMillis(1));
          return new Case(schedule, apiOverrides, temps, from, to, samples);
        });
  }

  Arbitrary<Layer> layer() {
    Arbitrary<RotationType> rotation = Arbitraries.of(RotationType.class);
    Arbitrary<Integer> shiftMinutes = Arbitraries.integers().between(4, 4 * 24 * 4).map(q -> q * 15);
    Arbitrary<Integer> startMinute = Arbitraries.integers().between(-60 * 24 * 60, 320 * 24 * 60);
    Arbitrary<List<String>> participants = Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<Restriction>> restrictions = restriction().list().ofMaxSize(2);
    return Combinators.combine(rotation, shiftMinutes, startMinute, participants, restrictions)
        .as((rot, len, start, people, rs) -> new Layer(null, rot,
            rot == RotationType.CUSTOM ? Duration.ofMinutes(len) : null, EPOCH.plusMinutes(start).toString(),
            people, rs));
  }

  Arbitrary<Restriction> restriction() {
    Arbitrary<List<String>> days = Arbitraries.of(DAYS).set().ofMaxSize(7).map(s -> DAYS.stream()
        .filter(s::contains).toList());
    Arbitrary<Integer> quarter = Arbitraries.integers().between(0, 95);
    return Combinators.combine(days, quarter, quarter).filter((d, a, b) -> !a.equals(b))
        .as((d, a, b) -> new Restriction(d, time(a), time(b)));
  }

  static String time(int quarter) {
    return LocalTime.of(quarter / 4, (quarter % 4) * 15).toString();
  }

  /**
   * Who is on call at one instant, evaluated by the rules one at a time: the latest handoff at or before the instant
   * found by bisection, restriction windows of the days around it, then temporary schedules and overrides in order.
   */
  static final class Oracle {
    final Case c;
    final ZoneId zone;
    final ZoneRules rules;

    Oracle(Case c) {
      this.c = c;
      this.zone = ZoneId.of(c.schedule().timeZone());
      this.rules = zone.getRules();
    }

    List<String> at(Instant t) {
      List<String> users = new ArrayList<>();
      List<Layer> layers = c.schedule().layers();
      for (int i = layers.size() - 1; i >= 0; i--) {
        String user = layer(layers.get(i), t.toEpochMilli());
        if (user != null) {
          users.add(user);
          break;
        }
      }
      List<TemporarySchedule> temporary = new ArrayList<>(FinalSchedule.declaredTemporary(c.schedule()));
      temporary.addAll(c.temporary());
      for (TemporarySchedule temp : temporary) {
        if (!t.isBefore(temp.start()) && t.isBefore(temp.end())) {
          users = new ArrayList<>();
          Instant covered = temp.start();
          for (TemporarySchedule.FixedShift s : temp.shifts().stream()
              .sorted(java.util.Comparator.comparing(TemporarySchedule.FixedShift::start)).toList()) {
            Instant start = s.start().isAfter(covered) ? s.start() : covered;
            if (!t.isBefore(start) && t.isBefore(s.end())) {
              users = new ArrayList<>(s.users());
              break;
            }
            if (s.end().isAfter(covered)) {
              covered = s.end();
            }
          }
        }
      }
      List<ShiftOverride> overrides = new ArrayList<>(FinalSchedule.declaredOverrides(c.schedule()));
      overrides.addAll(c.overrides());
      for (ShiftOverride o : overrides) {
        if (t.isBefore(o.start()) || !t.isBefore(o.end())) {
          continue;
        }
        if (o.remove() != null) {
          int i = users.indexOf(o.remove());
          if (i >= 0) {
            if (o.add() != null && !users.contains(o.add())) {
              users.set(i, o.add());
            } else {
              users.remove(i);
            }
          }
        } else if (!users.contains(o.add())) {
          users.add(o.add());
        }
      }
      return users;
    }

    String layer(Layer layer, long t) {
      LocalDateTime start = LocalDateTime.parse(layer.start());
      if (t < handoff(layer, start, 0)) {
        return null;
      }
      if (!layer.restrictions().isEmpty() && layer.restrictions().stream().noneMatch(r -> inWindow(r, t))) {
        return null;
      }
      long low = 0;
      long high = 1;
      while (handoff(layer, start, high) <= t) {
        high *= 2;
      }
      while (high - low > 1) { // handoff(low) <= t < handoff(high)
        long mid = (low + high) / 2;
        if (handoff(layer, start, mid) <= t) {
          low = mid;
        } else {
          high = mid;
        }
      }
      return layer.participants().get((int) (low % layer.participants().size()));
    }

    long handoff(Layer layer, LocalDateTime start, long k) {
      LocalDateTime local = switch (layer.rotation()) {
        case HOURLY -> start.plusHours(k);
        case DAILY -> start.plusDays(k);
        case WEEKLY -> start.plusWeeks(k);
        case CUSTOM -> start.plusMinutes(k * layer.shiftLength().toMinutes());
      };
      return LocalClock.millis(local, rules);
    }

    boolean inWindow(Restriction r, long t) {
      LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(t), zone);
      LocalTime from = LocalTime.parse(r.from());
      LocalTime to = LocalTime.parse(r.to());
      for (LocalDate day = today.minusDays(2); !day.isAfter(today.plusDays(1)); day = day.plusDays(1)) {
        String name = day.getDayOfWeek().name().substring(0, 3).toLowerCase(Locale.ROOT);
        if (!r.days().isEmpty() && !r.days().contains(name)) {
          continue;
        }
        long s = LocalClock.millis(day.atTime(from), rules);
        long e = LocalClock.millis((to.isAfter(from) ? day : day.plusDays(1)).atTime(to), rules);
        if (s <= t && t < e) {
          return true;
        }
      }
      return false;
    }
  }
}
