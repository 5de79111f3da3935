package dev.vigil.heartbeat;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.catalog.ServicesChanged;
import dev.vigil.heartbeat.HeartbeatRepository.Row;
import dev.vigil.heartbeat.HeartbeatRepository.State;
import dev.vigil.system.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the heartbeat table in step with the heartbeats services declare, in the transaction that changed the
 * services: new heartbeats get a token (the declared one, else a generated one that is then kept), changed ones their
 * new schedule, removed ones go, and a removed heartbeat that was down resolves its alert first.
 */
@Component
class HeartbeatCatalog {

  private final HeartbeatRepository heartbeats;
  private final HeartbeatAlerts alerts;
  private final CatalogQueries catalog;
  private final SecretBox secrets;
  private final Clock clock;

  HeartbeatCatalog(HeartbeatRepository heartbeats, HeartbeatAlerts alerts, CatalogQueries catalog, SecretBox secrets,
      Clock clock) {
    this.heartbeats = heartbeats;
    this.alerts = alerts;
    this.catalog = catalog;
    this.secrets = secrets;
    this.clock = clock;
  }

  @EventListener
  void on(ServicesChanged change) {
    Instant now = clock.instant();
    for (Catalog.Service service : change.services()) {
      long serviceId = catalog.serviceId(service.name()).orElseThrow();
      Map<String, Row> existing = new HashMap<>();
      heartbeats.ofService(serviceId).forEach(r -> existing.put(r.name(), r));
      for (Catalog.Heartbeat declared : service.heartbeats()) {
        Row row = existing.remove(declared.name());
        if (row == null) {
          String token = declared.token() != null ? declared.token() : SecretBox.newSecret("");
          heartbeats.insert(serviceId, declared.name(), declared, SecretBox.hash(token), secrets.encrypt(token),
              declared.token() != null, now);
          continue;
        }
        lockAndUpdate(row.id(), declared, now);
      }
      for (Row removed : existing.values()) {
        heartbeats.lock(removed.id()).filter(r -> r.state().equals("down")).ifPresent(r -> alerts.resolve(r,
            "heartbeat removed from service " + r.service()));
        heartbeats.delete(removed.id());
      }
    }
  }

  private void lockAndUpdate(long id, Catalog.Heartbeat declared, Instant now) {
    Row row = heartbeats.lock(id).orElseThrow();
    if (declared.token() != null && !Arrays.equals(SecretBox.hash(declared.token()),
        SecretBox.hash(secrets.decrypt(row.tokenCiphertext())))) {
      heartbeats.updateToken(id, SecretBox.hash(declared.token()), secrets.encrypt(declared.token()), true);
    } else if (declared.token() == null && row.tokenDeclared()) {
      // The file stopped declaring the token: the old one came from the file's secrets, so a new one is made.
      String token = SecretBox.newSecret("");
      heartbeats.updateToken(id, SecretBox.hash(token), secrets.encrypt(token), false);
    }
    Catalog.Heartbeat stored = row.spec();
    if (Objects.equals(stored, HeartbeatRepository.withoutToken(declared))) {
      return;
    }
    heartbeats.updateSpec(id, declared, now);
    if (row.state().equals("up") && row.lastSuccessAt() != null) {
      // A new schedule applies from the last success: a job that was on time stays on time if it still is.
      HeartbeatSchedule schedule = HeartbeatSchedule.of(declared);
      Instant due = schedule.dueAfter(row.lastSuccessAt());
      Instant deadline = schedule.deadline(due);
      if (row.startedAt() != null) {
        deadline = earliest(deadline, row.startedAt().plus(schedule.grace()));
      }
      State s = State.of(row);
      heartbeats.update(id, new State(s.state(), s.lastPingAt(), s.lastPingKind(), s.lastSuccessAt(),
          s.lastDurationMs(), s.startedAt(), due, deadline, s.downSince()), now);
    }
  }

  static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
