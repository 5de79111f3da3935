import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.Layer;
import dev.vigil.catalog.Catalog.Restriction;
import dev.vigil.catalog.Catalog.RotationType;
import dev.vigil.oncall.FinalSchedule;
import dev.vigil.oncall.Shift;
import dev.vigil.oncall.ShiftOverride;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The two on-call figures of docs/benchmarks.md, measured in one JVM after warm-up (run by bench/schedules.sh):
 * final shifts of a 3-layer schedule over one year with 200 overrides, and who is on call in 1,000 schedules at one
 * instant (each schedule built from its declaration and its overrides, then asked, as GET /api/v1/oncall does once
 * the rows are read). Inputs come from a fixed seed, so runs compare.
 */
public class ScheduleBench {

  static final List<String> PEOPLE = List.of("ana", "ben", "cy", "dee", "eli", "fay", "gus", "hal");
  static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Random random = new Random(42);

    Catalog.Schedule threeLayers = threeLayers("Europe/Berlin");
    List<ShiftOverride> overrides = overrides(random, 200, YEAR, Duration.ofDays(365));
    Instant end = YEAR.plus(Duration.ofDays(365));
    int shiftCount = FinalSchedule.of(threeLayers, overrides, List.of()).shifts(YEAR, end).size();
    double[][] year = time(rounds, () -> FinalSchedule.of(threeLayers, overrides, List.of()).shifts(YEAR, end).size());
    report("final shifts, 3 layers, 1 year, 200 overrides (" + shiftCount + " shifts)", year, 20);

    List<Catalog.Schedule> schedules = new ArrayList<>();
    List<List<ShiftOverride>> scheduleOverrides = new ArrayList<>();
    String[] zones = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"};
    for (int i = 0; i < 1000; i++) {
      schedules.add(threeLayers(zones[i % zones.length]));
      scheduleOverrides.add(overrides(random, 5, Instant.parse("2026-06-01T00:00:00Z"), Duration.ofDays(30)));
    }
    Instant at = Instant.parse("2026-06-15T10:30:00Z");
    double[][] thousand = time(rounds, () -> {
      int onCall = 0;
      for (int i = 0; i < schedules.size(); i++) {
        onCall += FinalSchedule.of(schedules.get(i), scheduleOverrides.get(i), List.of()).at(at).size();
      }
      return onCall;
    });
    report("who is on call, 1,000 schedules of 3 layers and 5 overrides each, at one instant", thousand, 50);
  }

  /** A weekly 24/7 rotation, business hours on weekdays, and a 12-hour follow-the-sun pair on weekends. */
  static Catalog.Schedule threeLayers(String zone) {
    return new Catalog.Schedule("bench", null, zone, List.of(
        new Layer("weekly", RotationType.WEEKLY, null, "2025-12-29T09:00", PEOPLE.subList(0, 5), null),
        new Layer("office", RotationType.DAILY, null, "2025-12-29T09:00", PEOPLE.subList(5, 8),
            List.of(new Restriction(List.of("mon", "tue", "wed", "thu", "fri"), "09:00", "18:00"))),
        new Layer("weekend", RotationType.CUSTOM, Duration.ofHours(12), "2025-12-29T08:00", List.of("ana", "hal"),
            List.of(new Restriction(List.of("sat", "sun"), "08:00", "20:00"),
                new Restriction(List.of("fri", "sat"), "20:00", "08:00")))));
  }

  /** Overrides of one hour to three days, a third each adding, removing and replacing someone. */
  static List<ShiftOverride> overrides(Random random, int count, Instant from, Duration span) {
    List<ShiftOverride> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant start = from.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
      Instant end = start.plus(Duration.ofMinutes(60 + random.nextInt(3 * 24 * 60)));
      String add = PEOPLE.get(random.nextInt(PEOPLE.size()));
      String remove = PEOPLE.get(random.nextInt(PEOPLE.size()));
      switch (i % 3) {
        case 0 -> result.add(new ShiftOverride(String.valueOf(i), start, end, add, null));
        case 1 -> result.add(new ShiftOverride(String.valueOf(i), start, end, null, remove));
        default -> result.add(new ShiftOverride(String.valueOf(i), start, end, add, add.equals(remove) ? null : remove));
      }
    }
    return result;
  }

  interface Work {
    int run();
  }

  static int sink;

  static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * Milliseconds per run, wall clock and this thread's CPU time (which other work on a shared machine moves far
   * less), after as many warm-up runs as measured ones.
   */
  static double[][] time(int rounds, Work work) {
    for (int i = 0; i < rounds; i++) {
      sink += work.run();
    }
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      long c = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      sink += work.run();
      wall[i] = (System.nanoTime() - t) / 1e6;
      cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new double[][] {wall, cpu};
  }

  static void report(String what, double[][] runs, double target) {
    double[] wall = runs[0];
    double[] cpu = runs[1];
    System.out.printf("%s over %d runs:%n  wall: median %.2f ms, p99 %.2f ms, min %.2f ms, max %.2f ms%n"
        + "  cpu:  median %.2f ms, p99 %.2f ms, max %.2f ms (target < %.0f ms)%n", what, wall.length,
        wall[wall.length / 2], p99(wall), wall[0], wall[wall.length - 1], cpu[cpu.length / 2], p99(cpu),
        cpu[cpu.length - 1], target);
  }

  static double p99(double[] sorted) {
    return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
  }
}
