package dev.vigil.slo;

import dev.vigil.availability.Availability;
import dev.vigil.availability.Interval;
import dev.vigil.availability.TimeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link SliSource} said about one SLO over an interval: events counted step by step, time down and time
 * that does not count, or why it could not say. Every figure of the evaluation (the window, each burn rate's
 * lookback, the day's tally) is read from one reading over the span they all lie in.
 */
sealed interface SliReading {

  /**
   * Events counted in steps, oldest first; a step without data is absent, so that time nothing was heard from is
   * told apart from time with no events.
   */
  record Counted(List<Step> steps) implements SliReading {

    public Counted {
      steps = List.copyOf(steps);
    }

    /** The events of the steps that start within {@code over}; empty when none does: nothing was heard of it. */
    Optional<Events> events(Interval over) {
      long good = 0;
      long total = 0;
      boolean heard = false;
      for (Step step : steps) {
        if (over.contains(step.start())) {
          heard = true;
          good += step.events().good();
          total += step.events().total();
        }
      }
      return heard ? Optional.of(new Events(good, total)) : Optional.empty();
    }

    /**
     * {@code over} cut into slices of {@code length} from its start (one slice, the whole of it, when shorter), each
     * with its events or, without any step in it, empty.
     */
    List<Optional<Events>> slices(Interval over, Duration length) {
      List<Optional<Events>> slices = new ArrayList<>();
      Instant start = over.start();
      while (start.isBefore(over.end())) {
        Instant end = start.plus(length).isAfter(over.end()) ? over.end() : start.plus(length);
        slices.add(events(new Interval(start, end)));
        start = end;
      }
      return slices;
    }
  }

  /** One step's events: the checks of five minutes of a probe, a counter's increase over a step. */
  record Step(Instant start, Events events) {

    public Step {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(events, "events");
    }
  }

  /** Time down and time that does not count (no data, maintenance), for an SLI that judges time itself. */
  record Timed(TimeSet down, TimeSet excluded) implements SliReading {

    /** The availability over {@code over}. */
    Availability availability(Interval over) {
      return Availability.over(over, down, excluded);
    }
  }

  /**
   * Events summed by the source itself over intervals that all end at {@code at}: the window so far, each lookback,
   * the history's step and day so far, as a query API answers one request holding them all.
   *
   * @param events by length, empty for an interval without data, zero events for zero traffic
   */
  record Summed(Instant at, Map<Duration, Optional<Events>> events) implements SliReading {

    public Summed {
      Objects.requireNonNull(at, "at");
      events = Map.copyOf(events);
    }

    /** The events over {@code over}, which ends at {@link #at}; empty when nothing was heard of it. */
    Optional<Events> events(Interval over) {
      return over.isEmpty() ? Optional.empty() : events.get(length(at, over, events));
    }
  }

  /** Time slices judged by the source itself over intervals that all end at {@code at}, as {@link Summed} is read. */
  record Judged(Instant at, Map<Duration, Timeslices> slices) implements SliReading {

    public Judged {
      Objects.requireNonNull(at, "at");
      slices = Map.copyOf(slices);
    }

    /** The slices of {@code over}, which ends at {@link #at}. */
    Timeslices slices(Interval over) {
      if (over.isEmpty()) {
        Timeslices any = slices.values().iterator().next();
        return new Timeslices(any.length(), any.sliceObjective(), 0, 0, 0, 0);
      }
      return slices.get(length(at, over, slices));
    }
  }

  /**
   * The length of {@code over} among those a source summed up to {@code at}; a caller asking for another is a mistake
   * in the evaluation, not something to answer with "no data".
   */
  private static Duration length(Instant at, Interval over, Map<Duration, ?> read) {
    if (!over.end().equals(at) || !read.containsKey(over.duration())) {
      throw new IllegalArgumentException("the source summed " + read.keySet() + " up to " + at + ", not " + over);
    }
    return over.duration();
  }

  /** The source could not answer: unreachable, refused, or asked something it cannot read. */
  record Failed(String cause) implements SliReading {

    public Failed {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
