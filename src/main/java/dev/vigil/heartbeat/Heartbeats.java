package dev.vigil.heartbeat;

import dev.vigil.heartbeat.HeartbeatRepository.Ping;
import dev.vigil.heartbeat.HeartbeatRepository.Row;
import dev.vigil.heartbeat.HeartbeatRepository.State;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.SecretBox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What heartbeats do: take pings (success, start, failure) and find the heartbeats whose ping is overdue by their
 * grace time. A heartbeat that never pinged is new and awaits nothing, so declaring one never pages. Every change of
 * state commits with its ping, or with the check that found it overdue, and with the alert it raises or resolves.
 */
@Service
class Heartbeats {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,200}");
  private static final Pattern EXIT_STATUS = Pattern.compile("[0-9]{1,3}");
  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
  /** One try and two retries of a ping that lost a deadlock. */
  private static final int ATTEMPTS = 3;
  /** How many overdue heartbeats one transaction of the check takes on. */
  private static final int BATCH = 100;

  /** What a ping says. */
  enum Kind {
    SUCCESS, START, FAIL;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A ping's kind and, when the URL ends in one, the job's exit status. */
  record Signal(Kind kind, Integer exitStatus) {

    /**
     * The signal of a ping URL's last part: nothing is a success; {@code start}, {@code fail}; an exit status 0 to
     * 255, where 0 is a success and anything else a failure, as healthchecks.io reads them.
     */
    static Signal of(String suffix) {
      if (suffix == null) {
        return new Signal(Kind.SUCCESS, null);
      }
      if (suffix.equals("start")) {
        return new Signal(Kind.START, null);
      }
      if (suffix.equals("fail")) {
        return new Signal(Kind.FAIL, null);
      }
      if (EXIT_STATUS.matcher(suffix).matches() && Integer.parseInt(suffix) <= 255) {
        int status = Integer.parseInt(suffix);
        return new Signal(status == 0 ? Kind.SUCCESS : Kind.FAIL, status);
      }
      throw new InvalidException("unknown heartbeat signal '" + (suffix.length() > 40 ? suffix.substring(0, 40)
          + "…" : suffix) + "': end the ping URL with nothing (success), /start, /fail, or an exit status 0 to 255");
    }
  }

  /** Who sent a ping and what it carried; the body is cut to the configured message size. */
  record Received(String method, String remoteAddress, String userAgent, String body, boolean bodyTruncated) {}

  private final HeartbeatRepository heartbeats;
  private final HeartbeatAlerts alerts;
  private final HeartbeatMaintenance maintenance;
  private final HeartbeatRateLimits rateLimits;
  private final HeartbeatProperties properties;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final Clock clock;

  Heartbeats(HeartbeatRepository heartbeats, HeartbeatAlerts alerts, HeartbeatMaintenance maintenance,
      HeartbeatRateLimits rateLimits, HeartbeatProperties properties, TransactionTemplate transactions,
      MeterRegistry meters, Clock clock) {
    this.heartbeats = heartbeats;
    this.alerts = alerts;
    this.maintenance = maintenance;
    this.rateLimits = rateLimits;
    this.properties = properties;
    this.transactions = transactions;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Stores a ping and what it changes, in one transaction: when this returns, the ping is durable. An unknown token
   * is a 404 that says nothing more; a heartbeat pinging faster than the rate limit gets 429.
   */
  void ping(String token, Signal signal, Received received) {
    Row known = (TOKEN.matcher(token).matches() ? heartbeats.findByTokenHash(SecretBox.hash(token))
        : java.util.Optional.<Row>empty()).orElseThrow(() -> {
          meters.counter("vigil.heartbeat.pings.rejected", "reason", "unknown_token").increment();
          return new NotFoundException("unknown heartbeat token");
        });
    try {
      rateLimits.take(known.id(), known.path());
    } catch (RuntimeException e) {
      meters.counter("vigil.heartbeat.pings.rejected", "reason", "rate_limited").increment();
      throw e;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        store(known, signal, received);
        break;
      } catch (ConcurrencyFailureException e) {
        // A deadlock with an escalation step of the incident this ping resolves or raises, broken by PostgreSQL:
        // the whole transaction rolled back, ping included, and the retry finds the step done.
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
    meters.counter("vigil.heartbeat.pings", "kind", signal.kind().value()).increment();
  }

  private void store(Row known, Signal signal, Received received) {
    transactions.executeWithoutResult(tx -> {
      Row row = heartbeats.lock(known.id()).orElseThrow(() -> new NotFoundException("unknown heartbeat token"));
      Instant now = clock.instant();
      Long duration = signal.kind() != Kind.START && row.startedAt() != null
          ? Duration.between(row.startedAt(), now).toMillis() : null;
      heartbeats.insertPing(row.id(), new Ping(0, now, signal.kind().value(), signal.exitStatus(), duration,
          received.method(), received.remoteAddress(), received.userAgent(), received.body(),
          received.bodyTruncated()), properties.pingsKept());
      HeartbeatSchedule schedule = HeartbeatSchedule.of(row.spec());
      boolean down = row.state().equals("down");
      State next = switch (signal.kind()) {
        case START -> new State(row.state(), now, "start", row.lastSuccessAt(), row.lastDurationMs(), now,
            row.dueAt(), down ? null : HeartbeatCatalog.earliest(row.deadlineAt(), now.plus(schedule.grace())),
            row.downSince());
        case SUCCESS -> {
          Instant due = schedule.dueAfter(now);
          yield new State("up", now, "success", now, duration != null ? duration : row.lastDurationMs(), null, due,
              schedule.deadline(due), null);
        }
        case FAIL -> new State("down", now, "fail", row.lastSuccessAt(),
            duration != null ? duration : row.lastDurationMs(), null, schedule.dueAfter(now), null,
            down ? row.downSince() : now);
      };
      heartbeats.update(row.id(), next, now);
      if (signal.kind() == Kind.SUCCESS && down) {
        alerts.resolve(row, "a successful ping arrived at " + show(now));
      } else if (signal.kind() == Kind.FAIL) {
        // Also when already down: a person may have resolved the incident while the job still fails.
        String summary = "Heartbeat " + row.path() + " reported a failure"
            + (signal.exitStatus() == null ? "" : " (exit status " + signal.exitStatus() + ")");
        if (maintenance.at(now).covers(row)) {
          heartbeats.holdAlert(row.id(), summary);
        } else {
          alerts.trigger(row, summary, received.body(), now);
        }
      }
    });
  }

  /**
   * Marks every heartbeat whose deadline has passed as down and raises its alert, a batch per transaction. Each
   * overdue heartbeat is taken by exactly one check: its row is locked (others skip it) and it is no longer overdue
   * once the check commits. Returns how many went down.
   */
  int checkOverdue() {
    int total = 0;
    while (true) {
      int done;
      try {
        done = Objects.requireNonNull(transactions.execute(tx -> checkBatch()));
      } catch (DataAccessException e) {
        if (!gaveWay(e)) {
          throw e;
        }
        log.info("Heartbeat check gave way to a concurrent change and will run again: {}",
            e.getMostSpecificCause().getMessage());
        return total;
      }
      total += done;
      if (done < BATCH) {
        return total;
      }
    }
  }

  /** A deadlock PostgreSQL broke, or a lock not granted within the check's lock timeout (SQL state 55P03). */
  private static boolean gaveWay(DataAccessException e) {
    return e instanceof ConcurrencyFailureException
        || e.getMostSpecificCause() instanceof java.sql.SQLException s && "55P03".equals(s.getSQLState());
  }

  private int checkBatch() {
    // Waits briefly for table locks and then gives up until the next check, so that a migration or a TRUNCATE
    // never deadlocks with this background work; rows another check holds are skipped, not waited for.
    heartbeats.limitLockWaits();
    Instant now = clock.instant();
    HeartbeatMaintenance.At maintenanceNow = maintenance.at(now);
    List<Row> overdue = heartbeats.lockOverdue(now, BATCH);
    for (Row row : overdue) {
      down(row, now, maintenanceNow);
    }
    // Alerts held while a maintenance window was on: raised once it has ended, if the heartbeat is still down.
    // Every held row is looked at, so that a long window of one service cannot keep others' alerts waiting.
    List<Row> held;
    long after = 0;
    do {
      held = heartbeats.lockHeld(after, BATCH);
      for (Row row : held) {
        after = row.id();
        if (!maintenanceNow.covers(row)) {
          heartbeats.holdAlert(row.id(), null);
          alerts.trigger(row, row.heldAlert() + " (held until its maintenance window ended)", null, now);
        }
      }
    } while (held.size() == BATCH);
    return overdue.size();
  }


  private void down(Row row, Instant now, HeartbeatMaintenance.At maintenanceNow) {
    HeartbeatSchedule schedule = HeartbeatSchedule.of(row.spec());
    String summary;
    if (row.startedAt() != null && !row.startedAt().plus(schedule.grace()).isAfter(now)) {
      summary = "Heartbeat " + row.path() + " is down: started at " + show(row.startedAt())
          + " and did not finish within " + show(schedule.grace());
    } else {
      summary = "Heartbeat " + row.path() + " is down: no ping since " + show(row.lastPingAt()) + ", due at "
          + show(row.dueAt()) + " (grace " + show(schedule.grace()) + ")";
    }
    State s = State.of(row);
    heartbeats.update(row.id(), new State("down", s.lastPingAt(), s.lastPingKind(), s.lastSuccessAt(),
        s.lastDurationMs(), s.startedAt(), s.dueAt(), null, now), now);
    if (maintenanceNow.covers(row)) {
      heartbeats.holdAlert(row.id(), summary);
    } else {
      alerts.trigger(row, summary, null, row.deadlineAt());
    }
    meters.counter("vigil.heartbeat.down").increment();
  }

  static String show(Instant instant) {
    return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String show(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
