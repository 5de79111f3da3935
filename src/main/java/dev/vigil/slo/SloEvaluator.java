package dev.vigil.slo;

import dev.vigil.availability.Interval;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every SLO of the catalog, as the recurring job {@code slo-evaluation} does each minute: reads its SLI
 * over its window and lookbacks, stores the budget, burn rates and history, raises and resolves burn-rate alerts and
 * tells the owning team of budget thresholds. Each SLO is judged in a transaction of its own, so that its state, its
 * alerts and its notices commit together, and one failing SLO does not hold up the others.
 */
@Service
class SloEvaluator {

  private static final Logger log = LoggerFactory.getLogger(SloEvaluator.class);

  static final String FIVE_MINUTES = "5m";
  static final String DAY = "1d";
  static final Duration STEP = Duration.ofMinutes(5);
  /** How far into a step the evaluation that closes the step before it must be: two scrapes at one a minute. */
  static final Duration CLOSE_AFTER = Duration.ofMinutes(2);

  private final SloDefinitions definitions;
  private final List<SliSource> sources;
  private final SloRepository repository;
  private final SloAlerts alerts;
  private final SloNotices notices;
  private final Clock clock;
  private final TransactionTemplate transactions;

  SloEvaluator(SloDefinitions definitions, List<SliSource> sources, SloRepository repository, SloAlerts alerts,
      SloNotices notices, Clock clock, PlatformTransactionManager transactions) {
    this.definitions = definitions;
    this.sources = List.copyOf(sources);
    this.repository = repository;
    this.alerts = alerts;
    this.notices = notices;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactions);
  }

  /**
   * Evaluates every SLO now; SLOs no longer declared lose their state and history. One evaluation at a time on a
   * node (the job and a caller never interleave), one node at a time across them (db-scheduler).
   */
  synchronized void evaluateAll() {
    // Microseconds, as the database keeps instants, so that what is stored is what was computed with.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<SloDefinition> all = definitions.all();
    Set<String> names = all.stream().map(SloDefinition::name).collect(Collectors.toSet());
    // Each SLO's last state from one read for the cycle rather than one per SLO: only this evaluation writes them.
    Map<String, SloBoard.Status> states = repository.all().stream()
        .collect(Collectors.toMap(SloBoard.Status::slo, s -> s));
    resolveRemoved(states.values(), names, now);
    transactions.executeWithoutResult(tx -> repository.retainOnly(names));
    for (SloDefinition slo : all) {
      try {
        // The source is read outside the transaction: a Prometheus query holds no database connection.
        Reading read = read(slo, now);
        transactions.executeWithoutResult(tx -> evaluate(slo, Optional.ofNullable(states.get(slo.name())), read,
            now));
      } catch (RuntimeException e) {
        log.warn("SLO {} of service {} could not be evaluated: {}", slo.name(), slo.service(), e.toString());
      }
    }
  }

  /**
   * Resolves the alerts an SLO no longer declared had raised, before its state (which remembers them) goes: an
   * incident must not stay open for an objective nobody measures. Each in its own transaction, so that one that
   * cannot be resolved (its service gone with its incidents) does not keep the others, or the clean-up, from
   * happening.
   */
  private void resolveRemoved(Collection<SloBoard.Status> states, Set<String> names, Instant now) {
    for (SloBoard.Status gone : states) {
      if (names.contains(gone.slo())) {
        continue;
      }
      for (String raised : gone.raised()) {
        BurnRatePolicy.Response response = BurnRatePolicy.Response.valueOf(raised.toUpperCase(Locale.ROOT));
        try {
          transactions.executeWithoutResult(tx -> alerts.resolveRemoved(gone.service(), gone.slo(), response, now));
        } catch (RuntimeException e) {
          log.warn("The {} alert of removed SLO {} of service {} could not be resolved: {}", raised, gone.slo(),
              gone.service(), e.toString());
        }
      }
    }
  }

  /** What one SLO's source said, and the instant and period it measured up to. */
  private record Reading(Instant at, SloPeriod period, SliReading reading) {}

  private Reading read(SloDefinition slo, Instant now) {
    Optional<SliSource> source = sources.stream().filter(s -> s.reads(slo.sli())).findFirst();
    Instant at = source.map(s -> s.measuredUntil(slo, now)).orElse(now);
    SloPeriod period = slo.window().containing(at);
    Interval span = span(slo, period);
    SliReading reading;
    try {
      reading = source.map(s -> s.read(slo, span))
          .orElseGet(() -> new SliReading.Failed("no source reads the SLI of SLO " + slo.name() + " yet"));
    } catch (RuntimeException e) {
      reading = new SliReading.Failed(e.toString());
    }
    return new Reading(at, period, reading);
  }

  private void evaluate(SloDefinition slo, Optional<SloBoard.Status> before, Reading read, Instant now) {
    Instant at = read.at();
    SloPeriod period = read.period();
    SliReading reading = read.reading();
    if (reading instanceof SliReading.Failed failed) {
      failed(slo, before, period, failed.cause(), now);
      return;
    }
    List<BurnRatePolicy.Rule> firedBefore = before.map(s -> slo.policy().rules().stream()
        .filter(rule -> s.firing().contains(key(rule))).toList()).orElse(List.of());
    SloEvaluation evaluation = SloEvaluation.of(slo, period, reading, firedBefore);
    Set<BurnRatePolicy.Response> raised = raise(slo, evaluation, before, at);
    SloNotices.Told told = notices.check(slo, evaluation, told(before, period), now);
    ErrorBudget budget = evaluation.budget();
    repository.save(new SloBoard.Status(slo.name(), slo.service(), now, at, budget.state().name().toLowerCase(
        Locale.ROOT), budget.indicator().orElse(null), budget.total(), budget.consumed(),
        budget.unit() == null ? null : Exact.seconds(budget.unit()), budget.consumedShare().orElse(null),
        evaluation.burnRates().entrySet().stream().collect(Collectors.toMap(e -> e.getKey(),
            e -> e.getValue().rate())), evaluation.exhaustion().orElse(null), period.whole().start(),
        period.whole().end(), evaluation.firing().stream().map(SloEvaluator::key).toList(),
        raised.stream().map(SloAlerts::value).toList(), told.threshold(), told.at(), now, null, null));
    history(slo, evaluation, reading, at, before.map(SloBoard.Status::measuredAt).orElse(null));
  }

  /**
   * Raises the response the firing rules ask for when it was not raised yet, and resolves one no longer asked for. A
   * page takes precedence over a ticket, so that one burn opens one incident; an SLO whose alerting is
   * {@code ticket} raises a ticket for any firing rule, and {@code none} raises nothing.
   */
  private Set<BurnRatePolicy.Response> raise(SloDefinition slo, SloEvaluation evaluation,
      Optional<SloBoard.Status> before, Instant at) {
    Set<BurnRatePolicy.Response> wanted = EnumSet.noneOf(BurnRatePolicy.Response.class);
    BurnRatePolicy.response(evaluation.firing()).ifPresent(response -> {
      switch (slo.alerting()) {
        case PAGE -> wanted.add(response);
        case TICKET -> wanted.add(BurnRatePolicy.Response.TICKET);
        case NONE -> { }
      }
    });
    Set<String> was = before.map(s -> Set.copyOf(s.raised())).orElse(Set.of());
    for (BurnRatePolicy.Response response : BurnRatePolicy.Response.values()) {
      boolean raisedBefore = was.contains(SloAlerts.value(response));
      if (wanted.contains(response) && !raisedBefore) {
        alerts.raise(slo, response, evaluation.firing(), detail(evaluation), at);
      } else if (!wanted.contains(response) && raisedBefore) {
        alerts.resolve(slo, response, at);
      }
    }
    return wanted;
  }

  private static String detail(SloEvaluation evaluation) {
    StringBuilder text = new StringBuilder("Burn rates:");
    evaluation.burnRates().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> text
        .append(' ').append(SloMetrics.label(e.getKey())).append(' ')
        .append(e.getValue().rate().round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()));
    evaluation.budget().remainingShare().ifPresent(left -> text.append(". Budget left: ")
        .append(left.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString()).append(" %"));
    evaluation.exhaustion().ifPresent(out -> text.append(", runs out at ").append(out));
    return text.append('.').toString();
  }

  /** The threshold told of this period: forgotten when a calendar window has moved on to its next period. */
  private static SloNotices.Told told(Optional<SloBoard.Status> before, SloPeriod period) {
    return before.filter(s -> !period.resets() || period.whole().start().equals(s.periodStart()))
        .map(s -> new SloNotices.Told(s.notifiedThreshold(), s.notifiedAt())).orElse(new SloNotices.Told(null, null));
  }

  /** Keeps the last figures with the source's error beside them: no data since the last answer is not a number. */
  private void failed(SloDefinition slo, Optional<SloBoard.Status> before, SloPeriod period, String cause,
      Instant now) {
    SloBoard.Status s = before.orElse(new SloBoard.Status(slo.name(), slo.service(), now, null, "no_data", null,
        BigDecimal.ZERO, BigDecimal.ZERO, null, null, java.util.Map.of(), null, period.whole().start(),
        period.whole().end(), List.of(), List.of(), null, null, null, null, null));
    repository.save(new SloBoard.Status(s.slo(), s.service(), now, s.measuredAt(), s.state(), s.sli(),
        s.budgetTotal(), s.budgetConsumed(), s.budgetUnitSeconds(), s.consumedShare(), s.burnRates(),
        s.exhaustedAt(), s.periodStart(), s.periodEnd(), s.firing(), s.raised(), s.notifiedThreshold(),
        s.notifiedAt(), s.lastDataAt(), cause, now));
    log.warn("SLO {} of service {}: no data, {}", slo.name(), slo.service(), cause);
  }

  /**
   * Writes the five-minute point and the day's point that hold {@code at}, each with its own step's tally so far;
   * for a source that sums by itself, closes the step and the day before them when this is the evaluation that does
   * (the last one was at {@code last}); and, in the first evaluation of a new step or day, deletes five-minute points
   * older than the window and daily points older than 13 months.
   */
  private void history(SloDefinition slo, SloEvaluation evaluation, SliReading reading, Instant at, Instant last) {
    Interval slot = stepSoFar(at);
    Interval day = daySoFar(slo, at);
    BigDecimal sli = evaluation.budget().indicator().orElse(null);
    BigDecimal left = evaluation.budget().remainingShare().orElse(null);
    BigDecimal rate = Optional.ofNullable(evaluation.burnRates().get(SloEvaluation.CURRENT)).map(BurnRate::rate)
        .orElse(null);
    // A source that sums by itself is read up to the evaluation's instant: the last evaluation within a step wrote
    // it up to a minute short of its end. One evaluation a little into the next step closes it (and the day), once.
    if (closes(slot.start(), last, at)) {
      Interval before = stepBefore(at);
      whole(slo, before, reading, at).ifPresent(tally -> repository.closePoint(slo.name(), FIVE_MINUTES,
          before.start(), tally));
    }
    if (closes(day.start(), last, at)) {
      Interval before = dayBefore(slo, at);
      whole(slo, before, reading, at).ifPresent(tally -> repository.closePoint(slo.name(), DAY, before.start(),
          tally));
    }
    repository.point(slo.name(), FIVE_MINUTES, slot.start(), SloEvaluation.tally(slo, slot, reading), sli, left,
        rate);
    repository.point(slo.name(), DAY, day.start(), SloEvaluation.tally(slo, day, reading), sli, left, rate);
    // Points past their retention go once per step and per day, when the first evaluation of a new one comes: the
    // history is read within the window whatever is still stored, so a point kept a few minutes longer shows nowhere.
    if (last == null || !last.isAfter(slot.start())) {
      repository.deletePoints(slo.name(), FIVE_MINUTES, at.minus(evaluation.period().length()));
    }
    if (last == null || !last.isAfter(day.start())) {
      repository.deletePoints(slo.name(), DAY, dailyRetention(slo, at));
    }
  }

  /**
   * Whether the evaluation measured up to {@code at} is the one that closes the step or day before the one starting
   * at {@code start}: the first at least {@link #CLOSE_AFTER} into it, so that what came after the step's end has
   * samples to be summed from. One evaluation per step, so a cycle writes one extra row per SLO at most.
   */
  private static boolean closes(Instant start, Instant last, Instant at) {
    Instant closing = start.plus(CLOSE_AFTER);
    return last != null && last.isBefore(closing) && !at.isBefore(closing);
  }

  /**
   * The whole tally of {@code past}, a step that ended before {@code at}, for a source that sums by itself and so
   * sums only up to {@code at}: what it summed since the step's start less what it summed since its end, never below
   * zero (each sum extrapolates on its own) and never more good than total. Empty when either sum has no data: the
   * point keeps what it had rather than take a wrong number. Other sources read each step whole when it ends, and
   * have nothing to close.
   */
  static Optional<SloEvaluation.Tally> whole(SloDefinition slo, Interval past, SliReading reading, Instant at) {
    Interval since = new Interval(past.start(), at);
    Interval after = new Interval(past.end(), at);
    SloEvaluation.Tally sum;
    SloEvaluation.Tally later;
    switch (reading) {
      case SliReading.Summed summed -> {
        if (summed.events(since).isEmpty() || summed.events(after).isEmpty()) {
          return Optional.empty();
        }
        sum = SloEvaluation.tally(slo, since, reading);
        later = SloEvaluation.tally(slo, after, reading);
      }
      case SliReading.Judged judged -> {
        sum = SloEvaluation.tally(slo, since, reading);
        later = SloEvaluation.tally(slo, after, reading);
      }
      default -> {
        return Optional.empty();
      }
    }
    BigDecimal total = sum.total().subtract(later.total()).max(BigDecimal.ZERO);
    BigDecimal good = sum.good().subtract(later.good()).max(BigDecimal.ZERO).min(total);
    return Optional.of(new SloEvaluation.Tally(good, total));
  }

  /** The first instant daily points are kept from: 13 months back, in the SLO's zone. */
  static Instant dailyRetention(SloDefinition slo, Instant now) {
    return ZonedDateTime.ofInstant(now, slo.zone()).minusMonths(13).toInstant();
  }

  /** The span one reading covers: the window, every lookback, and the day before the one under way. */
  private static Interval span(SloDefinition slo, SloPeriod period) {
    Interval span = SloEvaluation.span(slo, period);
    return new Interval(min(span.start(), dayBefore(slo, period.at()).start()), span.end());
  }

  /**
   * Every interval one evaluation at {@code period}'s instant reads, all ending there: the window so far, each
   * lookback, the five-minute step and the day under way, and since the start of the step and the day before them
   * (which close those); a source that sums by itself answers exactly these.
   */
  static SortedSet<Interval> intervals(SloDefinition slo, SloPeriod period) {
    SortedSet<Interval> all = new TreeSet<>(Comparator.comparing(Interval::start));
    all.add(period.elapsed());
    SloEvaluation.lookbacks(slo).forEach(lookback -> all.add(new Interval(period.at().minus(lookback), period.at())));
    all.add(stepSoFar(period.at()));
    all.add(daySoFar(slo, period.at()));
    all.add(new Interval(stepBefore(period.at()).start(), period.at()));
    all.add(new Interval(dayBefore(slo, period.at()).start(), period.at()));
    return all;
  }

  /** The five-minute step of the history that holds the instant before {@code at}, up to {@code at}. */
  private static Interval stepSoFar(Instant at) {
    long step = STEP.toMillis();
    Instant slot = Instant.ofEpochMilli(Math.floorDiv(at.minusMillis(1).toEpochMilli(), step) * step);
    return new Interval(slot, min(slot.plus(STEP), at));
  }

  /** The whole five-minute step before {@link #stepSoFar}. */
  private static Interval stepBefore(Instant at) {
    Instant start = stepSoFar(at).start();
    return new Interval(start.minus(STEP), start);
  }

  /** The whole day in the SLO's zone before {@link #daySoFar}: 23 or 25 hours across a DST change. */
  private static Interval dayBefore(SloDefinition slo, Instant at) {
    Instant start = daySoFar(slo, at).start();
    return new Interval(ZonedDateTime.ofInstant(start, slo.zone()).minusDays(1).toLocalDate().atStartOfDay(slo.zone())
        .toInstant(), start);
  }

  /** The day in the SLO's zone that holds the instant before {@code at}, up to {@code at}. */
  private static Interval daySoFar(SloDefinition slo, Instant at) {
    Instant day = ZonedDateTime.ofInstant(at.minusMillis(1), slo.zone()).toLocalDate().atStartOfDay(slo.zone())
        .toInstant();
    return new Interval(day, at);
  }

  /** A rule as stored among the firing ones. */
  static String key(BurnRatePolicy.Rule rule) {
    return SloAlerts.value(rule.response()) + " " + rule.factor().stripTrailingZeros().toPlainString() + " "
        + rule.longWindow() + "/" + rule.shortWindow();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
