package dev.vigil.availability;

import static dev.vigil.availability.RandomTime.gridSet;
import static dev.vigil.availability.RandomTime.gridWindow;
import static dev.vigil.availability.RandomTime.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For random time sets on a minute grid: union, intersection and subtraction obey the laws of sets and agree with a
 * bit per minute, durations count overlap once, and clipping is intersection with the window; each property also
 * rejects a deliberately broken implementation of the operation it is about.
 */
class TimeSetPropertiesTest {

  /** The operations under test, overridden one at a time by the broken variants. */
  static class Operations {
    TimeSet union(TimeSet a, TimeSet b) {
      return a.union(b);
    }

    TimeSet intersection(TimeSet a, TimeSet b) {
      return a.intersection(b);
    }

    TimeSet minus(TimeSet a, TimeSet b) {
      return a.minus(b);
    }

    TimeSet clippedTo(TimeSet a, Interval window) {
      return a.clippedTo(window);
    }

    Duration durationWithin(TimeSet a, Interval window) {
      return a.durationWithin(window);
    }
  }

  static final Operations REAL = new Operations();

  static final Seeds.Property<Operations> UNION_LAWS = (ops, random) -> {
    TimeSet a = gridSet(random);
    TimeSet b = gridSet(random);
    TimeSet c = gridSet(random);
    assertThat(ops.union(a, a)).as("idempotent: %s", a).isEqualTo(a);
    assertThat(ops.union(a, TimeSet.EMPTY)).as("empty is neutral: %s", a).isEqualTo(a);
    assertThat(ops.union(a, b)).as("commutative: %s, %s", a, b).isEqualTo(ops.union(b, a));
    assertThat(ops.union(ops.union(a, b), c)).as("associative: %s, %s, %s", a, b, c)
        .isEqualTo(ops.union(a, ops.union(b, c)));
  };

  static final Seeds.Property<Operations> AGREES_WITH_THE_MODEL = (ops, random) -> {
    TimeSet a = gridSet(random);
    TimeSet b = gridSet(random);
    BitSet union = model(a);
    union.or(model(b));
    BitSet both = model(a);
    both.and(model(b));
    BitSet difference = model(a);
    difference.andNot(model(b));
    assertThat(model(ops.union(a, b))).as("%s or %s", a, b).isEqualTo(union);
    assertThat(model(ops.intersection(a, b))).as("%s and %s", a, b).isEqualTo(both);
    assertThat(model(ops.minus(a, b))).as("%s less %s", a, b).isEqualTo(difference);
    for (TimeSet result : List.of(ops.union(a, b), ops.intersection(a, b), ops.minus(a, b))) {
      assertNormal(result);
      assertThat(result.duration()).as("duration of %s", result).isEqualTo(Duration.ofMinutes(model(result)
          .cardinality()));
    }
  };

  static final Seeds.Property<Operations> SUBTRACT_THEN_ADD_BACK = (ops, random) -> {
    TimeSet a = gridSet(random);
    TimeSet b = gridSet(random);
    TimeSet difference = ops.minus(a, b);
    assertThat(ops.intersection(difference, b)).as("(%s - %s) shares nothing with it", a, b).isEqualTo(TimeSet.EMPTY);
    assertThat(ops.union(difference, ops.intersection(a, b))).as("%s less %s, plus what they share", a, b)
        .isEqualTo(a);
    assertThat(ops.union(difference, b)).as("%s less %s, plus it", a, b).isEqualTo(ops.union(a, b));
    assertThat(difference.duration().plus(ops.intersection(a, b).duration())).isEqualTo(a.duration());
  };

  static final Seeds.Property<Operations> OVERLAP_COUNTS_ONCE = (ops, random) -> {
    TimeSet a = gridSet(random);
    TimeSet b = gridSet(random);
    Duration shared = ops.intersection(a, b).duration();
    assertThat(ops.union(a, b).duration()).as("|%s u %s|", a, b)
        .isEqualTo(a.duration().plus(b.duration()).minus(shared));
    assertThat(shared).isLessThanOrEqualTo(a.duration()).isLessThanOrEqualTo(b.duration());
    assertThat(ops.intersection(a, b)).as("commutative").isEqualTo(ops.intersection(b, a));
  };

  static final Seeds.Property<Operations> CLIPPING = (ops, random) -> {
    TimeSet a = gridSet(random);
    Interval w = gridWindow(random);
    Interval v = gridWindow(random);
    TimeSet clipped = ops.clippedTo(a, w);
    assertThat(clipped).as("%s clipped to %s", a, w).isEqualTo(ops.intersection(a, TimeSet.of(w)));
    assertThat(clipped.intervals()).allSatisfy(i -> assertThat(!i.start().isBefore(w.start())
        && !i.end().isAfter(w.end())).as("%s inside %s", i, w).isTrue());
    assertThat(ops.durationWithin(a, w)).as("time of %s within %s", a, w).isEqualTo(clipped.duration());
    Instant start = w.start().isAfter(v.start()) ? w.start() : v.start();
    Instant end = w.end().isBefore(v.end()) ? w.end() : v.end();
    assertThat(ops.clippedTo(clipped, v)).as("clipped to %s then %s", w, v)
        .isEqualTo(ops.clippedTo(a, Interval.between(start, end)));
    Instant middle = w.start().plus(w.duration().dividedBy(2));
    assertThat(ops.durationWithin(a, new Interval(w.start(), middle))
        .plus(ops.durationWithin(a, new Interval(middle, w.end())))).as("%s split at %s", w, middle)
        .isEqualTo(ops.durationWithin(a, w));
  };

  @Test
  void unionIsIdempotentCommutativeAndAssociative() {
    Seeds.holds(REAL, UNION_LAWS);
  }

  @Test
  void unionLawsRejectAUnionThatDropsWhatOverlapsTheFirstSet() {
    Seeds.rejects(new Operations() {
      @Override
      TimeSet union(TimeSet a, TimeSet b) {
        List<Interval> kept = new ArrayList<>(a.intervals());
        b.intervals().stream().filter(i -> a.clippedTo(i).isEmpty()).forEach(kept::add);
        return TimeSet.of(kept);
      }
    }, UNION_LAWS);
  }

  @Test
  void unionIntersectionAndSubtractionAgreeWithAMinuteByMinuteModel() {
    Seeds.holds(REAL, AGREES_WITH_THE_MODEL);
  }

  @Test
  void theModelRejectsASubtractionThatUsesACutOnlyOnce() {
    Seeds.rejects(new Operations() {
      @Override
      TimeSet minus(TimeSet a, TimeSet b) {
        // Moves past each cut once used, although a cut may reach into the next interval too.
        List<Interval> result = new ArrayList<>();
        List<Interval> cuts = b.intervals();
        int next = 0;
        for (Interval kept : a.intervals()) {
          Instant cursor = kept.start();
          while (next < cuts.size() && cuts.get(next).start().isBefore(kept.end())) {
            Interval cut = cuts.get(next++);
            if (cut.start().isAfter(cursor)) {
              result.add(new Interval(cursor, cut.start()));
            }
            cursor = cut.end().isAfter(cursor) ? cut.end() : cursor;
          }
          result.add(Interval.between(cursor, kept.end()));
        }
        return TimeSet.of(result);
      }
    }, AGREES_WITH_THE_MODEL);
  }

  @Test
  void subtractingThenAddingBackGivesTheSameTime() {
    Seeds.holds(REAL, SUBTRACT_THEN_ADD_BACK);
  }

  @Test
  void subtractingThenAddingBackRejectsASubtractionThatIgnoresPartialOverlaps() {
    Seeds.rejects(new Operations() {
      @Override
      TimeSet minus(TimeSet a, TimeSet b) {
        return a.minus(TimeSet.of(b.intervals().stream()
            .filter(cut -> a.intervals().stream().anyMatch(i -> TimeSet.of(i).clippedTo(cut).equals(TimeSet.of(cut))))
            .toList()));
      }
    }, SUBTRACT_THEN_ADD_BACK);
  }

  @Test
  void aUnionsDurationCountsTheOverlapOnce() {
    Seeds.holds(REAL, OVERLAP_COUNTS_ONCE);
  }

  @Test
  void countingTheOverlapOnceRejectsAnIntersectionThatStopsAtTheFirstOverlap() {
    Seeds.rejects(new Operations() {
      @Override
      TimeSet intersection(TimeSet a, TimeSet b) {
        List<Interval> result = new ArrayList<>();
        for (Interval i : a.intervals()) {
          b.intervals().stream().map(TimeSet::of).map(s -> s.clippedTo(i)).filter(s -> !s.isEmpty()).findFirst()
              .ifPresent(s -> result.addAll(s.intervals()));
        }
        return TimeSet.of(result);
      }
    }, OVERLAP_COUNTS_ONCE);
  }

  @Test
  void clippingKeepsWhatLiesInsideTheWindow() {
    Seeds.holds(REAL, CLIPPING);
  }

  @Test
  void clippingRejectsAClipThatKeepsOverlappingIntervalsWhole() {
    Seeds.rejects(new Operations() {
      @Override
      TimeSet clippedTo(TimeSet a, Interval window) {
        return TimeSet.of(a.intervals().stream().filter(i -> !TimeSet.of(i).clippedTo(window).isEmpty()).toList());
      }
    }, CLIPPING);
  }

  @Test
  void anIntervalCannotEndBeforeItStarts() {
    Instant t = RandomTime.ORIGIN;
    assertThatThrownBy(() -> new Interval(t, t.minusNanos(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before it starts");
    assertThat(Interval.between(t, t.minusSeconds(5))).isEqualTo(new Interval(t, t));
    assertThat(TimeSet.of(new Interval(t, t))).isEqualTo(TimeSet.EMPTY);
  }

  /** Sorted, not empty, and with a gap between neighbours: the one form that makes equal sets equal. */
  static void assertNormal(TimeSet set) {
    Instant previousEnd = null;
    for (Interval i : set.intervals()) {
      assertThat(i.isEmpty()).as("empty interval in %s", set).isFalse();
      if (previousEnd != null) {
        assertThat(i.start()).as("gap before %s in %s", i, set).isAfter(previousEnd);
      }
      previousEnd = i.end();
    }
  }
}
