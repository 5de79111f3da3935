package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One message to one person through one contact method, as a channel sends it: where it goes, and what it says,
 * which is a page, a bulletin or a notice.
 *
 * @param notificationId the outbox record this message delivers
 * @param idempotencyKey the same on every retry of this message; channels pass it to providers that honour one
 * @param type the contact method's channel
 * @param address where to send: email address, phone number (E.164), Slack or Teams webhook URL, webhook URL
 * @param user the recipient's user name
 * @param content what the message says
 * @param zone the recipient's time zone (the catalog user's {@code time_zone}, else UTC), in which its times read
 */
public record Message(
    long notificationId,
    String idempotencyKey,
    ContactType type,
    String address,
    String user,
    Content content,
    ZoneId zone) {

  public Message {
    zone = zone == null ? ZoneOffset.UTC : zone;
  }

  /** A message whose recipient reads times in UTC. */
  public Message(long notificationId, String idempotencyKey, ContactType type, String address, String user,
      Content content) {
    this(notificationId, idempotencyKey, type, address, user, content, ZoneOffset.UTC);
  }

  /** What a message says: each kind carries what its channels show of it, and nothing else. */
  public sealed interface Content permits Page, Bulletin, Notice {}

  /**
   * A page about an incident, asking its reader to act.
   *
   * @param incident what the page is about
   * @param bundled further incidents held back by the rate limit of this contact method, sent along in this page
   * @param acknowledgeUrl signed one-time link that acknowledges the incident
   * @param resolveUrl signed one-time link that resolves the incident
   */
  public record Page(IncidentSummary incident, List<IncidentSummary> bundled, String acknowledgeUrl,
      String resolveUrl) implements Content {

    public Page {
      bundled = bundled == null ? List.of() : List.copyOf(bundled);
    }
  }

  /**
   * Written text about an incident that asks nothing of its reader: never bundled, no action links.
   *
   * @param kind what it is: status_update, postmortem_reminder, action_item_reminder
   */
  public record Bulletin(IncidentSummary incident, String kind, String subject, String text) implements Content {}

  /**
   * A subject line and plain text about no incident (a heads-up before an on-call shift): no incident, no bundled
   * incidents, no links.
   */
  public record Notice(String subject, String text) implements Content {}

  /**
   * What a person needs to know of an incident in a message.
   *
   * @param url the incident's web page, which people open
   * @param apiUrl the incident's API resource, which a webhook's receiver reads
   */
  public record IncidentSummary(long id, String title, String service, String status, String urgency,
      Instant createdAt, String url, String apiUrl) {}
}
