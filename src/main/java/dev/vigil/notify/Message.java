package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import java.time.Instant;
import java.util.List;

/**
 * One message to one person through one contact method, as a channel sends it: the incident it is about, any
 * other incidents held back by rate limits and bundled into it, and signed links to act on the incident.
 *
 * @param notificationId the outbox record this message delivers
 * @param idempotencyKey the same on every retry of this message; channels pass it to providers that honour one
 * @param type the contact method's channel
 * @param address where to send: email address, phone number (E.164), Slack or Teams webhook URL, webhook URL
 * @param user the recipient's user name
 * @param incident what the message is about
 * @param bundled further incidents held back by the rate limit of this contact method, sent along in this message
 * @param acknowledgeUrl signed one-time link that acknowledges the incident
 * @param resolveUrl signed one-time link that resolves the incident
 * @param bulletin for a message that is not a page (a status update, a reminder): its subject and text; null for a
 *     page
 * @param notice set instead of an incident for a message about no incident (a heads-up before an on-call shift);
 *     such a message has no incident, bundled incidents or links
 */
public record Message(
    long notificationId,
    String idempotencyKey,
    ContactType type,
    String address,
    String user,
    IncidentSummary incident,
    List<IncidentSummary> bundled,
    String acknowledgeUrl,
    String resolveUrl,
    Bulletin bulletin,
    Notice notice) {

  public Message {
    bundled = bundled == null ? List.of() : List.copyOf(bundled);
  }

  /** A page about an incident. */
  public Message(long notificationId, String idempotencyKey, ContactType type, String address, String user,
      IncidentSummary incident, List<IncidentSummary> bundled, String acknowledgeUrl, String resolveUrl) {
    this(notificationId, idempotencyKey, type, address, user, incident, bundled, acknowledgeUrl, resolveUrl, null,
        null);
  }

  /**
   * Written text about an incident that asks nothing of its reader.
   *
   * @param kind what it is: status_update, postmortem_reminder, action_item_reminder
   */
  public record Bulletin(String kind, String subject, String text) {}

  /** A notice: a subject line and plain text, for messages that concern no single incident. */
  public record Notice(String subject, String text) {}

  /** What a person needs to know of an incident in a page. */
  public record IncidentSummary(long id, String title, String service, String status, String urgency,
      Instant createdAt, String url) {}
}
