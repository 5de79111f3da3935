package dev.vigil.oncall;

import dev.vigil.catalog.Catalog;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A schedule ready to answer who is on call: its layers, temporary schedules and overrides, read once. The final
 * shifts over a range are computed as intervals: each layer's rotation shifts cut to its restriction windows, the
 * highest layer covering a moment wins, temporary schedules replace everything inside their period, and overrides
 * then add, remove or replace people in order. Who is on call at an instant is the same computation over one
 * millisecond, so it always agrees with the shift list.
 *
 * <p>Every handoff, restriction window and local time is read on the schedule zone's wall clock (see
 * {@link LocalClock} for the daylight-saving rule): a 12-hour rotation starting at 08:00 hands off at 08:00 and 20:00
 * all year, so its shifts are 11 or 13 hours long on the nights the clocks change.
 */
public final class FinalSchedule {

  /** Shorter shifts would make a year of shifts unreasonably long to compute; the catalog refuses them. */
  static final long MIN_SHIFT_MILLIS = Duration.ofMinutes(1).toMillis();

  private final String name;
  private final ZoneId zone;
  private final ZoneRules rules;
  private final List<LayerPlan> layers;
  private final List<TemporarySchedule> temporary;
  private final List<ShiftOverride> overrides;

  private FinalSchedule(String name, ZoneId zone, List<LayerPlan> layers, List<TemporarySchedule> temporary,
      List<ShiftOverride> overrides) {
    this.name = name;
    this.zone = zone;
    this.rules = zone.getRules();
    this.layers = layers;
    this.temporary = temporary;
    this.overrides = overrides;
  }

  /** A schedule with the overrides and temporary schedules its declaration holds. */
  public static FinalSchedule of(Catalog.Schedule schedule) {
    return of(schedule, List.of(), List.of());
  }

  /**
   * A schedule with the overrides and temporary schedules of its declaration followed by {@code moreOverrides} and
   * {@code moreTemporary} (those made through the API), which therefore apply after them.
   */
  public static FinalSchedule of(Catalog.Schedule schedule, List<ShiftOverride> moreOverrides,
      List<TemporarySchedule> moreTemporary) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<LayerPlan> layers = new ArrayList<>();
    for (int i = 0; i < schedule.layers().size(); i++) {
      layers.add(new LayerPlan(i, schedule.layers().get(i), zone));
    }
    List<ShiftOverride> overrides = new ArrayList<>(declaredOverrides(schedule));
    overrides.addAll(moreOverrides);
    List<TemporarySchedule> temporary = new ArrayList<>(declaredTemporary(schedule));
    temporary.addAll(moreTemporary);
    return new FinalSchedule(schedule.name(), zone, List.copyOf(layers), List.copyOf(temporary),
        List.copyOf(overrides));
  }

  /** The overrides a schedule's declaration holds, with ids {@code file-1}, {@code file-2}... */
  public static List<ShiftOverride> declaredOverrides(Catalog.Schedule schedule) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<ShiftOverride> result = new ArrayList<>();
    for (int i = 0; i < schedule.overrides().size(); i++) {
      Catalog.ScheduleOverride o = schedule.overrides().get(i);
      result.add(new ShiftOverride("file-" + (i + 1), local(o.start(), zone), local(o.end(), zone), o.add(),
          o.remove()));
    }
    return result;
  }

  /** The temporary schedules a schedule's declaration holds, with ids {@code file-1}, {@code file-2}... */
  public static List<TemporarySchedule> declaredTemporary(Catalog.Schedule schedule) {
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<TemporarySchedule> result = new ArrayList<>();
    for (int i = 0; i < schedule.temporary().size(); i++) {
      Catalog.TemporarySchedule t = schedule.temporary().get(i);
      result.add(new TemporarySchedule("file-" + (i + 1), t.name(), local(t.start(), zone), local(t.end(), zone),
          t.shifts().stream().map(s -> new TemporarySchedule.FixedShift(local(s.start(), zone), local(s.end(), zone),
              s.users())).toList()));
    }
    return result;
  }

  private static Instant local(String localDateTime, ZoneId zone) {
    return LocalClock.instant(LocalDateTime.parse(localDateTime), zone);
  }

  public String name() {
    return name;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The final shifts that overlap {@code [from, to)}, cut to that range, in order and never overlapping. */
  public List<Shift> shifts(Instant from, Instant to) {
    long start = from.toEpochMilli();
    long end = to.toEpochMilli();
    if (end <= start) {
      return List.of();
    }
    List<Piece> pieces = layered(start, end);
    for (TemporarySchedule t : temporary) {
      pieces = replace(pieces, t, start, end);
    }
    for (ShiftOverride o : overrides) {
      pieces = override(pieces, o, start, end);
    }
    List<Shift> shifts = new ArrayList<>(pieces.size());
    Piece last = null;
    for (Piece p : pieces) {
      if (last != null && last.end == p.start && last.sameAs(p)) {
        last.end = p.end;
      } else {
        if (last != null) {
          shifts.add(last.shift());
        }
        last = p;
      }
    }
    if (last != null) {
      shifts.add(last.shift());
    }
    return shifts;
  }

  /** Who is on call at the instant, in the order the shift lists them; empty in a gap. */
  public List<String> at(Instant instant) {
    List<Shift> shifts = shifts(instant, instant.plusMillis(1));
    return shifts.isEmpty() ? List.of() : shifts.getFirst().users();
  }

  /** The periods of {@code [from, to)} in which nobody is on call. */
  public List<Gap> gaps(Instant from, Instant to) {
    // Shifts are computed to the millisecond; finer instants would leave gaps of a fraction of one.
    from = Instant.ofEpochMilli(from.toEpochMilli());
    to = Instant.ofEpochMilli(to.toEpochMilli());
    List<Gap> gaps = new ArrayList<>();
    Instant cursor = from;
    for (Shift s : shifts(from, to)) {
      if (s.start().isAfter(cursor)) {
        gaps.add(new Gap(cursor, s.start()));
      }
      cursor = s.end();
    }
    if (cursor.isBefore(to)) {
      gaps.add(new Gap(cursor, to));
    }
    return gaps;
  }

  /** The layers alone: in each moment the highest layer that has someone on call decides. */
  private List<Piece> layered(long from, long to) {
    List<List<Piece>> perLayer = new ArrayList<>(layers.size());
    int boundaryCount = 0;
    for (LayerPlan layer : layers) {
      List<Piece> pieces = layer.pieces(from, to, rules);
      perLayer.add(pieces);
      boundaryCount += 2 * pieces.size();
    }
    if (perLayer.size() == 1) {
      return perLayer.getFirst();
    }
    long[] bounds = new long[boundaryCount];
    int n = 0;
    for (List<Piece> pieces : perLayer) {
      for (Piece p : pieces) {
        bounds[n++] = p.start;
        bounds[n++] = p.end;
      }
    }
    Arrays.sort(bounds);
    int[] next = new int[perLayer.size()];
    List<Piece> result = new ArrayList<>();
    Piece last = null;
    for (int i = 0; i + 1 < n; i++) {
      long a = bounds[i];
      long b = bounds[i + 1];
      if (a == b) {
        continue;
      }
      Piece top = null;
      for (int l = perLayer.size() - 1; l >= 0 && top == null; l--) {
        List<Piece> pieces = perLayer.get(l);
        while (next[l] < pieces.size() && pieces.get(next[l]).end <= a) {
          next[l]++;
        }
        if (next[l] < pieces.size() && pieces.get(next[l]).start <= a) {
          top = pieces.get(next[l]);
        }
      }
      if (top == null) {
        continue;
      }
      if (last != null && last.end == a && last.sameAs(top)) {
        last.end = b;
      } else {
        last = top.copy(a, b);
        result.add(last);
      }
    }
    return result;
  }

  /** Everything inside the temporary schedule's period gives way to its shifts. */
  private static List<Piece> replace(List<Piece> pieces, TemporarySchedule t, long from, long to) {
    long start = Math.max(t.start().toEpochMilli(), from);
    long end = Math.min(t.end().toEpochMilli(), to);
    if (start >= end) {
      return pieces;
    }
    List<Piece> before = new ArrayList<>();
    List<Piece> after = new ArrayList<>();
    for (Piece p : pieces) {
      if (p.start < start) {
        before.add(p.copy(p.start, Math.min(p.end, start)));
      }
      if (p.end > end) {
        after.add(p.copy(Math.max(p.start, end), p.end));
      }
    }
    List<Piece> inside = new ArrayList<>();
    List<TemporarySchedule.FixedShift> shifts = t.shifts().stream()
        .sorted(Comparator.comparing(TemporarySchedule.FixedShift::start)).toList();
    long covered = start;
    for (int i = 0; i < shifts.size(); i++) {
      TemporarySchedule.FixedShift s = shifts.get(i);
      long a = Math.max(Math.max(s.start().toEpochMilli(), start), covered);
      long b = Math.min(s.end().toEpochMilli(), end);
      if (a < b && !s.users().isEmpty()) {
        inside.add(new Piece(a, b, new ArrayList<>(s.users()), null, -1, t.id(), i, new ArrayList<>()));
        covered = b;
      }
    }
    List<Piece> result = new ArrayList<>(before.size() + inside.size() + after.size());
    result.addAll(before);
    result.addAll(inside);
    result.addAll(after);
    return result;
  }

  /** Applies one override to the pieces it overlaps, splitting those that cross its start or end. */
  private static List<Piece> override(List<Piece> pieces, ShiftOverride o, long from, long to) {
    long start = Math.max(o.start().toEpochMilli(), from);
    long end = Math.min(o.end().toEpochMilli(), to);
    if (start >= end) {
      return pieces;
    }
    List<Piece> result = new ArrayList<>(pieces.size() + 4);
    long covered = start; // inside the override, everything before this is accounted for
    for (Piece p : pieces) {
      if (p.end <= start || p.start >= end) {
        if (p.start >= end && covered < end) {
          fill(result, o, covered, end);
          covered = end;
        }
        result.add(p);
        continue;
      }
      if (p.start < start) {
        result.add(p.copy(p.start, start));
      }
      long a = Math.max(p.start, start);
      long b = Math.min(p.end, end);
      fill(result, o, covered, a);
      Piece inside = p.copy(a, b);
      if (apply(inside, o)) {
        result.add(inside);
      }
      covered = b;
      if (p.end > end) {
        result.add(p.copy(end, p.end));
      }
    }
    if (covered < end) {
      fill(result, o, covered, end);
    }
    return result;
  }

  /** A gap inside an override: someone added alone is on call there; removing someone from nobody changes nothing. */
  private static void fill(List<Piece> result, ShiftOverride o, long from, long to) {
    if (from < to && o.add() != null && o.remove() == null) {
      result.add(new Piece(from, to, new ArrayList<>(List.of(o.add())), null, -1, null, -1,
          new ArrayList<>(List.of(o.id()))));
    }
  }

  /** Changes the piece's users; false when nobody is left on call. */
  private static boolean apply(Piece p, ShiftOverride o) {
    boolean changed = false;
    if (o.remove() != null) {
      int i = p.users.indexOf(o.remove());
      if (i >= 0) {
        if (o.add() != null && !p.users.contains(o.add())) {
          p.users.set(i, o.add());
        } else {
          p.users.remove(i);
        }
        changed = true;
      }
    } else if (!p.users.contains(o.add())) {
      p.users.add(o.add());
      changed = true;
    }
    if (changed) {
      p.overrides.add(o.id());
    }
    return !p.users.isEmpty();
  }

  /** A piece of the final shifts while they are being built. */
  static final class Piece {
    long start;
    long end;
    final List<String> users;
    final String layer;
    final long layerShift;
    final String temporary;
    final int temporaryShift;
    final List<String> overrides;

    Piece(long start, long end, List<String> users, String layer, long layerShift, String temporary,
        int temporaryShift, List<String> overrides) {
      this.start = start;
      this.end = end;
      this.users = users;
      this.layer = layer;
      this.layerShift = layerShift;
      this.temporary = temporary;
      this.temporaryShift = temporaryShift;
      this.overrides = overrides;
    }

    Piece copy(long from, long to) {
      return new Piece(from, to, new ArrayList<>(users), layer, layerShift, temporary, temporaryShift,
          new ArrayList<>(overrides));
    }

    /** The same shift of the same origin with the same people: adjacent such pieces are one shift. */
    boolean sameAs(Piece o) {
      return layerShift == o.layerShift && temporaryShift == o.temporaryShift && Objects.equals(layer, o.layer)
          && Objects.equals(temporary, o.temporary) && users.equals(o.users) && overrides.equals(o.overrides);
    }

    Shift shift() {
      return new Shift(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), users, layer, temporary, overrides);
    }
  }

  /** One layer, read once: its rotation's handoffs on the local clock and its restriction windows. */
  static final class LayerPlan {
    final String label;
    final LocalDateTime start;
    final ZoneId zone;
    final long startMillis;
    final int stepDays;
    final long stepMillis;
    final List<String> participants;
    final List<Window> windows;

    LayerPlan(int index, Catalog.Layer layer, ZoneId zone) {
      this.label = layer.name() == null || layer.name().isBlank() ? "layer " + (index + 1) : layer.name();
      this.start = LocalDateTime.parse(layer.start());
      this.zone = zone;
      this.startMillis = LocalClock.millis(start, zone.getRules());
      this.stepDays = switch (layer.rotation()) {
        case DAILY -> 1;
        case WEEKLY -> 7;
        case HOURLY, CUSTOM -> 0;
      };
      this.stepMillis = switch (layer.rotation()) {
        case HOURLY -> Duration.ofHours(1).toMillis();
        case CUSTOM -> Math.max(MIN_SHIFT_MILLIS, layer.shiftLength().toMillis());
        case DAILY, WEEKLY -> 0;
      };
      this.participants = layer.participants();
      this.windows = layer.restrictions().stream().map(Window::of).toList();
    }

    /** When shift {@code k} starts. */
    long boundary(long k, ZoneRules rules) {
      LocalDateTime local = stepDays > 0 ? start.plusDays(k * stepDays) : start.plus(k * stepMillis, ChronoUnit.MILLIS);
      return LocalClock.millis(local, rules);
    }

    /** The shift under way at {@code t}, which is at or after the layer's start. */
    long shiftAt(long t, ZoneRules rules) {
      LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), zone);
      long k = stepDays > 0
          ? Math.floorDiv(ChronoUnit.DAYS.between(start.toLocalDate(), local.toLocalDate()), stepDays)
          : Math.floorDiv(ChronoUnit.MILLIS.between(start, local), stepMillis);
      // The estimate from local time is off by at most a shift or two around a clock change.
      k = Math.max(0, k);
      while (k > 0 && boundary(k, rules) > t) {
        k--;
      }
      while (boundary(k + 1, rules) <= t) {
        k++;
      }
      return k;
    }

    /** The layer's on-call pieces within {@code [from, to)}: rotation shifts cut to the restriction windows. */
    List<Piece> pieces(long from, long to, ZoneRules rules) {
      List<Piece> result = new ArrayList<>();
      if (to <= startMillis || participants.isEmpty()) {
        return result;
      }
      long[] open = windows.isEmpty() ? new long[] {from, to} : windows(from, to, rules);
      if (open.length == 0) {
        return result;
      }
      long first = Math.max(from, Math.max(startMillis, open[0]));
      long k = shiftAt(first, rules);
      long shiftStart = boundary(k, rules);
      int w = 0;
      while (shiftStart < to) {
        long shiftEnd = boundary(k + 1, rules);
        long a = Math.max(shiftStart, from);
        long b = Math.min(shiftEnd, to);
        if (a < b) {
          String user = participants.get((int) Math.floorMod(k, (long) participants.size()));
          while (w < open.length && open[w + 1] <= a) {
            w += 2;
          }
          for (int i = w; i < open.length && open[i] < b; i += 2) {
            long s = Math.max(a, open[i]);
            long e = Math.min(b, open[i + 1]);
            if (s < e) {
              result.add(new Piece(s, e, new ArrayList<>(List.of(user)), label, k, null, -1, new ArrayList<>()));
            }
          }
          if (w >= open.length) {
            break;
          }
        }
        k++;
        shiftStart = shiftEnd;
      }
      return result;
    }

    /** The union of the restriction windows within {@code [from, to)}, as sorted start/end pairs. */
    long[] windows(long from, long to, ZoneRules rules) {
      LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(from), zone).minusDays(2);
      LocalDate last = LocalDate.ofInstant(Instant.ofEpochMilli(to), zone);
      List<long[]> found = new ArrayList<>();
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
        for (Window window : windows) {
          if (!window.days[day.getDayOfWeek().getValue() - 1]) {
            continue;
          }
          long s = LocalClock.millis(day.atTime(window.from), rules);
          LocalDate endDay = window.to.isAfter(window.from) ? day : day.plusDays(1);
          long e = LocalClock.millis(endDay.atTime(window.to), rules);
          s = Math.max(s, from);
          e = Math.min(e, to);
          if (s < e) {
            found.add(new long[] {s, e});
          }
        }
      }
      found.sort(Comparator.comparingLong(x -> x[0]));
      long[] merged = new long[found.size() * 2];
      int n = 0;
      for (long[] x : found) {
        if (n > 0 && x[0] <= merged[n - 1]) {
          merged[n - 1] = Math.max(merged[n - 1], x[1]);
        } else {
          merged[n++] = x[0];
          merged[n++] = x[1];
        }
      }
      return Arrays.copyOf(merged, n);
    }
  }

  /** A restriction: a time-of-day window on some weekdays, belonging to the day it starts on. */
  record Window(boolean[] days, LocalTime from, LocalTime to) {
    static Window of(Catalog.Restriction r) {
      boolean[] days = new boolean[7];
      for (DayOfWeek d : DayOfWeek.values()) {
        days[d.getValue() - 1] = r.days().isEmpty()
            || r.days().contains(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
      }
      return new Window(days, LocalTime.parse(r.from()), LocalTime.parse(r.to()));
    }
  }
}
