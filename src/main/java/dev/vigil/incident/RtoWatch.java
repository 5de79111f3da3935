package dev.vigil.incident;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.OperationsRepository.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches recovery time objectives: when an incident opens (or re-opens) on a service with an RTO, a durable job
 * looks again once the RTO has passed; an incident then neither mitigated nor resolved is flagged as breached, which
 * pages the management step of the service's escalation policy.
 */
@Component
public class RtoWatch {

  public static final TaskDescriptor<RtoCheck> RTO_CHECK = TaskDescriptor.of("rto-check", RtoCheck.class);

  /** Look at the incident at the end of the RTO that started when it (re-)opened at {@code openedAt}. */
  public record RtoCheck(long incidentId, Instant openedAt) {}

  private final OperationsRepository operations;
  private final CatalogQueries catalog;
  private final Timeline timeline;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final Clock clock;

  RtoWatch(OperationsRepository operations, CatalogQueries catalog, Timeline timeline,
      TransactionTemplate transactions, ApplicationEventPublisher events, ObjectProvider<SchedulerClient> scheduler,
      Clock clock) {
    this.operations = operations;
    this.catalog = catalog;
    this.timeline = timeline;
    this.transactions = transactions;
    this.events = events;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  @EventListener
  @Order(IncidentListenerOrder.RTO_WATCH)
  void on(IncidentChanged change) {
    if (change.change() != IncidentChanged.Change.OPENED && change.change() != IncidentChanged.Change.REOPENED) {
      return;
    }
    Optional<Duration> rto = rto(change.incident().service());
    if (rto.isEmpty()) {
      return;
    }
    Instant opened = change.change() == IncidentChanged.Change.OPENED ? change.incident().createdAt()
        : clock.instant();
    scheduler.getObject().scheduleIfNotExists(RTO_CHECK.instance(change.incidentId() + "-" + opened.toEpochMilli())
        .data(new RtoCheck(change.incidentId(), opened)).scheduledTo(opened.plus(rto.get())));
  }

  private Optional<Duration> rto(String service) {
    return catalog.one(CatalogKind.SERVICE, service, Catalog.Service.class)
        .map(s -> s.object().rto());
  }

  /** Flags the incident and pages management if it is still unmitigated past the RTO. */
  public void check(RtoCheck job) {
    transactions.executeWithoutResult(tx -> {
      Optional<State> state = operations.lock(job.incidentId());
      if (state.isEmpty() || operations.resolvedSince(job.incidentId(), job.openedAt())) {
        return;
      }
      Instant now = clock.instant();
      if (operations.flagRtoBreach(job.incidentId(), now)) {
        Duration rto = rto(state.get().service()).orElse(Duration.between(job.openedAt(), now));
        timeline.record(job.incidentId(), null, null, new TimelineEvent.RtoBreached(rto.toString(),
            state.get().service(), job.openedAt().toString()));
        events.publishEvent(new RtoBreached(job.incidentId(), state.get().service()));
      }
    });
  }
}
