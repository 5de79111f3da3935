package dev.vigil.statuspage;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.vigil.catalog.Catalog;
import dev.vigil.incident.IncidentChanged.Change;
import dev.vigil.incident.IncidentChanged;
import dev.vigil.incident.IncidentListenerOrder;
import dev.vigil.incident.PublicIncidents;
import dev.vigil.incident.StatusUpdatePosted;
import dev.vigil.system.PublicUrl;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues what subscribers of a status page receive, in the transaction of the change: an incident on the page
 * opening or resolving, and each status update a person posts on it (Vigil's own updates repeat the opening and
 * the resolution, so they are not sent again). One outbox row per subscriber and event, unique by its key, so a
 * change seen twice is sent once; the job {@code status-page-delivery} sends it.
 */
@Component
class SubscriberMessages {

  /** The durable job that sends one queued message. */
  static final TaskDescriptor<Long> DELIVER = TaskDescriptor.of("status-page-delivery", Long.class);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final StatusPages pages;
  private final PublicIncidents incidents;
  private final SubscriberRepository subscribers;
  private final ObjectProvider<SchedulerClient> scheduler;
  private final JsonMapper json;
  private final Clock clock;
  private final String baseUrl;

  SubscriberMessages(StatusPages pages, PublicIncidents incidents, SubscriberRepository subscribers,
      ObjectProvider<SchedulerClient> scheduler, JsonMapper json, PublicUrl publicUrl, Clock clock) {
    this.pages = pages;
    this.incidents = incidents;
    this.subscribers = subscribers;
    this.scheduler = scheduler;
    this.json = json;
    this.clock = clock;
    this.baseUrl = publicUrl.base();
  }

  String pageUrl(String slug) {
    return baseUrl + "/status/" + slug;
  }

  @EventListener
  @Order(IncidentListenerOrder.STATUS_PAGE_SUBSCRIBERS)
  void on(IncidentChanged change) {
    String event = switch (change.change()) {
      case OPENED, REOPENED -> "incident.created";
      case RESOLVED -> "incident.resolved";
      default -> null;
    };
    if (event == null) {
      return;
    }
    Instant now = clock.instant();
    for (Catalog.StatusPage page : pages.all()) {
      Optional<StatusPages.IncidentView> incident = pages.incident(page, change.incidentId());
      if (incident.isPresent()) {
        // Re-opening and resolving can happen more than once: the instant keeps each occurrence apart.
        String occurrence = change.change() == Change.OPENED ? "" : "-" + now.toEpochMilli();
        queue(page, incident.get(), null, event, event + "-" + change.incidentId() + occurrence, now);
      }
    }
  }

  @EventListener
  void on(StatusUpdatePosted posted) {
    Optional<PublicIncidents.UpdateRow> update = incidents.update(posted.statusUpdateId());
    List<Catalog.StatusPage> all = pages.all();
    if (update.isEmpty() || update.get().author() == null || all.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    StatusPages.UpdateView publicUpdate = StatusPages.publicUpdate(update.get());
    for (Catalog.StatusPage page : all) {
      pages.incident(page, posted.incidentId()).ifPresent(incident -> queue(page, incident, publicUpdate,
          "incident.updated", "incident.updated-" + posted.statusUpdateId(), now));
    }
  }

  private void queue(Catalog.StatusPage page, StatusPages.IncidentView incident, StatusPages.UpdateView update,
      String event, String key, Instant now) {
    String subject = "[" + page.title() + "] " + incident.title() + ": " + (update != null ? update.status()
        : event.equals("incident.resolved") ? "Resolved" : "Investigating");
    String email = emailText(page, incident, update, event);
    for (long subscriber : subscribers.confirmed(page.slug())) {
      // Both bodies are stored; the delivery uses the one for the subscriber's kind.
      String body = json.writeValueAsString(Map.of("email", email,
          "webhook", webhookBody(page, incident, update, event, key + "-" + subscriber, now)));
      subscribers.queue(subscriber, "sp-" + page.slug() + "-" + subscriber + "-" + key, event, subject, body, now)
          .ifPresent(this::schedule);
    }
  }

  /** The confirmation email of a new email subscription, in the caller's transaction. */
  void queueConfirmation(Catalog.StatusPage page, long subscriber, String token, Instant now) {
    String link = pageUrl(page.slug()) + "/confirm/" + token;
    String text = "Someone, hopefully you, asked to receive updates from " + page.title() + " at this address.\n\n"
        + "Confirm the subscription here:\n" + link + "\n\nIf it was not you, ignore this email: nothing will be"
        + " sent unless the link is followed.\n";
    String body = json.writeValueAsString(Map.of("email", text));
    subscribers.queue(subscriber, "sp-confirm-" + subscriber + "-" + now.toEpochMilli(), "subscription.confirm",
        "[" + page.title() + "] Confirm your subscription", body, now).ifPresent(this::schedule);
  }

  private void schedule(long delivery) {
    scheduler.getObject().scheduleIfNotExists(DELIVER.instance(String.valueOf(delivery)).data(delivery)
        .scheduledTo(clock.instant()));
  }

  private String emailText(Catalog.StatusPage page, StatusPages.IncidentView incident,
      StatusPages.UpdateView update, String event) {
    StringBuilder text = new StringBuilder(incident.title()).append('\n')
        .append("Affected: ").append(String.join(", ", incident.components())).append('\n')
        .append("Started: ").append(TIME.format(incident.startedAt())).append("\n\n");
    if (update != null) {
      text.append(update.status()).append(" (").append(TIME.format(update.at())).append("):\n").append(update.text());
    } else if (event.equals("incident.resolved")) {
      text.append("This incident has been resolved.");
    } else {
      text.append("We are investigating this incident.");
    }
    text.append("\n\nCurrent status: ").append(pageUrl(page.slug())).append('\n');
    return text.toString();
  }

  private String webhookBody(Catalog.StatusPage page, StatusPages.IncidentView incident,
      StatusPages.UpdateView update, String event, String id, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("event", event);
    body.put("id", id);
    body.put("sent_at", now.toString());
    body.put("page", Map.of("slug", page.slug(), "title", page.title(), "url", pageUrl(page.slug())));
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("id", incident.id());
    i.put("title", incident.title());
    i.put("impact", incident.impact().value());
    i.put("status", event.equals("incident.resolved") ? "Resolved" : update != null ? update.status()
        : incident.status());
    i.put("started_at", incident.startedAt().toString());
    i.put("resolved_at", incident.resolvedAt() == null ? null : incident.resolvedAt().toString());
    i.put("components", incident.components());
    i.put("url", pageUrl(page.slug()) + "#incident-" + incident.id());
    body.put("incident", i);
    if (update != null) {
      body.put("update", Map.of("id", update.id(), "at", update.at().toString(), "status", update.status(),
          "text", update.text()));
    }
    return json.writeValueAsString(body);
  }
}
