package dev.vigil.notify;

import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.IncidentService;
import dev.vigil.incident.Incidents;
import dev.vigil.notify.ActionLinks.ActionToken;
import dev.vigil.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on an incident through a signed action token (a link or a Slack button): checks signature and expiry,
 * marks the token used and performs the action in one transaction, so a token acts at most once.
 */
@Service
class IncidentActions {

  private static final Logger log = LoggerFactory.getLogger(IncidentActions.class);

  private final ActionLinks links;
  private final ActionLinkUses uses;
  private final IncidentService lifecycle;
  private final Incidents incidents;
  private final TransactionTemplate transactions;
  private final Clock clock;

  IncidentActions(ActionLinks links, ActionLinkUses uses, IncidentService lifecycle, Incidents incidents,
      TransactionTemplate transactions, Clock clock) {
    this.links = links;
    this.uses = uses;
    this.lifecycle = lifecycle;
    this.incidents = incidents;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** What became of a token. */
  enum Status {
    /** Valid and unused: the action can be taken. */
    READY,
    /** The action was taken now. */
    DONE,
    EXPIRED,
    USED,
    /** Forged, tampered with, garbled, or its incident no longer exists. */
    INVALID
  }

  /** A token's status with what it is about; {@code token} and {@code incident} are null when INVALID. */
  record Outcome(Status status, ActionToken token, IncidentFacts incident) {}

  /** What taking the action would do, without taking it. */
  Outcome preview(String token) {
    Optional<ActionToken> verified = links.verify(token);
    if (verified.isEmpty()) {
      return invalid();
    }
    ActionToken t = verified.get();
    Optional<IncidentFacts> incident = incidents.find(t.incidentId());
    if (incident.isEmpty()) {
      return invalid();
    }
    if (t.expired(clock.instant())) {
      return new Outcome(Status.EXPIRED, t, incident.get());
    }
    return new Outcome(uses.used(t.hash()) ? Status.USED : Status.READY, t, incident.get());
  }

  /**
   * Takes the token's action once, as the token's user; {@code channel} is recorded on the timeline, or when null
   * the contact method the link was sent through.
   */
  Outcome perform(String token, String channel) {
    Optional<ActionToken> verified = links.verify(token);
    if (verified.isEmpty()) {
      return invalid();
    }
    ActionToken t = verified.get();
    Instant now = clock.instant();
    Optional<IncidentFacts> before = incidents.find(t.incidentId());
    if (before.isEmpty()) {
      return invalid();
    }
    if (t.expired(now)) {
      return new Outcome(Status.EXPIRED, t, before.get());
    }
    String via = channel != null ? channel : t.via().value();
    Status status;
    try {
      status = transactions.execute(tx -> {
        if (!uses.markUsed(t.hash(), now, t.expiresAt())) {
          return Status.USED;
        }
        switch (t.action()) {
          case ACKNOWLEDGE -> lifecycle.acknowledge(t.incidentId(), t.user(), via);
          case RESOLVE -> lifecycle.resolve(t.incidentId(), t.user(), via);
        }
        return Status.DONE;
      });
    } catch (NotFoundException e) {
      return invalid();
    }
    if (status == Status.DONE) {
      log.info("Incident {} {} by {} through a signed {} action", t.incidentId(),
          t.action() == ActionLinks.Action.ACKNOWLEDGE ? "acknowledged" : "resolved", t.user(), via);
      pruneQuietly(now);
    }
    return new Outcome(status, t, incidents.find(t.incidentId()).orElse(before.get()));
  }

  private void pruneQuietly(Instant now) {
    try {
      uses.pruneExpired(now);
    } catch (RuntimeException e) {
      log.debug("pruning expired action link uses failed", e);
    }
  }

  private static Outcome invalid() {
    return new Outcome(Status.INVALID, null, null);
  }
}
