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
    String resolveUrl) {

  public Message {
    bundled = bundled == null ? List.of() : List.copyOf(bundled);
  }

  /** What a person needs to know of an incident in a page. */
  public record IncidentSummary(long id, String title, String service, String status, String urgency,
      Instant createdAt, String url) {}
}
