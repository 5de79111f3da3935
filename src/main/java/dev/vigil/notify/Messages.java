package dev.vigil.notify;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.incident.IncidentFacts;
import dev.vigil.incident.Incidents;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.Content;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import dev.vigil.system.PublicUrl;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes a queued notification as the message its channel sends: a page with the incidents bundled into it and its
 * signed links, a bulletin with the status updates it supersedes, or a notice.
 */
@Component
class Messages {

  private final Incidents incidents;
  private final ActionLinks links;
  private final PublicUrl publicUrl;
  private final CatalogQueries catalog;

  Messages(Incidents incidents, ActionLinks links, PublicUrl publicUrl, CatalogQueries catalog) {
    this.incidents = incidents;
    this.catalog = catalog;
    this.links = links;
    this.publicUrl = publicUrl;
  }

  /**
   * The message that sends {@code row}, with the pages {@code bundled} into it, or the status updates it
   * {@code supersedes}; empty when the incident it is about no longer exists.
   */
  Optional<Message> of(NotificationRepository.Row row, List<NotificationRepository.Row> bundled,
      List<NotificationRepository.Row> supersedes) {
    Catalog.ContactType type = Catalog.parse(Catalog.ContactType.class, row.type());
    ZoneId zone = zoneOf(row.user());
    Optional<Content> content = switch (row.kind()) {
      case NOTICE -> Optional.of(new Notice(row.subject(), row.body()));
      case BULLETIN -> incidents.find(row.incidentId()).map(facts -> new Bulletin(summary(facts), row.reason(),
          row.subject(), row.body() + replaces(supersedes, zone)));
      case PAGE -> incidents.find(row.incidentId()).map(facts -> new Page(summary(facts), others(row, bundled),
          links.acknowledgeUrl(row.incidentId(), row.user(), type), links.resolveUrl(row.incidentId(), row.user(),
              type)));
    };
    return content.map(c -> new Message(row.id(), row.idempotencyKey(), type, row.address(), row.user(), c, zone));
  }

  /** The zone the recipient reads times in: their {@code time_zone} in the catalog, else UTC. */
  private ZoneId zoneOf(String user) {
    return catalog.one(CatalogKind.USER, user, Catalog.User.class).flatMap(u -> u.object().zone())
        .orElse(ZoneOffset.UTC);
  }

  /** The other incidents the bundled pages are about, each once, in the order they were queued. */
  private List<IncidentSummary> others(NotificationRepository.Row page, List<NotificationRepository.Row> bundled) {
    Map<Long, IncidentSummary> others = new LinkedHashMap<>();
    for (NotificationRepository.Row b : bundled) {
      if (b.incidentId() != page.incidentId() && !others.containsKey(b.incidentId())) {
        incidents.find(b.incidentId()).map(this::summary).ifPresent(s -> others.put(b.incidentId(), s));
      }
    }
    return List.copyOf(others.values());
  }

  /**
   * What a status update carries of the older ones it supersedes, oldest first and each in full (indented), so that
   * nothing the stakeholder would have read is lost, a re-opening in between included.
   */
  private static String replaces(List<NotificationRepository.Row> superseded, ZoneId zone) {
    if (superseded.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\n\nReplaces ").append(superseded.size())
        .append(superseded.size() == 1 ? " earlier update" : " earlier updates")
        .append(" on this incident that had not been sent yet, oldest first:");
    for (NotificationRepository.Row s : superseded) {
      text.append("\n\n").append(NotificationText.clockTime(s.createdAt(), zone)).append(": ")
          .append(NotificationText.oneLine(s.subject()));
      s.body().strip().lines().forEach(line -> text.append("\n  ").append(line));
    }
    return text.toString();
  }

  private IncidentSummary summary(IncidentFacts f) {
    return new IncidentSummary(f.id(), f.title(), f.service(), f.status().value(), f.urgency(), f.createdAt(),
        publicUrl.incidentPage(f.id()), publicUrl.base() + "/api/v1/incidents/" + f.id());
  }
}
