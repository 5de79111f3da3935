package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.Bulletin;
import dev.vigil.notify.Message.IncidentSummary;
import dev.vigil.notify.Message.Notice;
import dev.vigil.notify.Message.Page;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a page as JSON to a URL of the user's own (documented in docs/notifications.md), signed with
 * {@code Vigil-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">} and carrying {@code Idempotency-Key}, so
 * that receivers can check it came from Vigil and drop retried duplicates.
 */
@Component
class WebhookChannel implements Channel {

  private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

  private final HttpSender http;
  private final JsonMapper json;
  private final NotifyProperties properties;
  private final Clock clock;
  private final AtomicBoolean warnedUnsigned = new AtomicBoolean();

  WebhookChannel(HttpSender http, JsonMapper json, NotifyProperties properties, Clock clock) {
    this.http = http;
    this.json = json;
    this.properties = properties;
    this.clock = clock;
  }

  /** The documented body of a webhook notification. */
  record Payload(String event, String id, String sentAt, String recipient, Incident incident, List<Incident> bundled,
      Links links, String subject, String text) {}

  /** The documented body of a webhook notice (a heads-up before an on-call shift). */
  record NoticePayload(String event, String id, String sentAt, String recipient, String subject, String text) {}

  /** An incident in a webhook body. */
  record Incident(long id, String title, String service, String status, String urgency, String createdAt,
      String url, String pageUrl) {
    /** {@code url} is the incident's API resource, as documented before it had a page; {@code pageUrl} its page. */
    static Incident of(IncidentSummary s) {
      return new Incident(s.id(), s.title(), s.service(), s.status(), s.urgency(),
          s.createdAt() == null ? null : s.createdAt().toString(), s.apiUrl(), s.url());
    }
  }

  /** The signed one-time links of a webhook body. */
  record Links(String acknowledge, String resolve) {}

  @Override
  public ContactType type() {
    return ContactType.WEBHOOK;
  }

  @Override
  public String send(Message message) throws ChannelException {
    long now = clock.instant().getEpochSecond();
    String sentAt = clock.instant().toString();
    Object payload = switch (message.content()) {
      case Page page -> new Payload("incident." + page.incident().status(), message.idempotencyKey(), sentAt,
          message.user(), Incident.of(page.incident()), page.bundled().stream().map(Incident::of).toList(),
          new Links(page.acknowledgeUrl(), page.resolveUrl()), null, null);
      case Bulletin bulletin -> new Payload("incident." + bulletin.kind(), message.idempotencyKey(), sentAt,
          message.user(), Incident.of(bulletin.incident()), List.of(), null, bulletin.subject(), bulletin.text());
      case Notice notice -> new NoticePayload("notice", message.idempotencyKey(), sentAt, message.user(),
          notice.subject(), notice.text());
    };
    String body = json.writeValueAsString(payload);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", message.idempotencyKey());
    String secret = properties.webhook().signingSecret();
    if (!NotifyProperties.blank(secret)) {
      headers.put("Vigil-Signature", WebhookSignature.header(secret, now, body));
    } else if (warnedUnsigned.compareAndSet(false, true)) {
      log.warn("VIGIL_WEBHOOK_SIGNING_SECRET is not set: webhook notifications are sent without Vigil-Signature");
    }
    http.post("webhook", message.address(), "application/json", body, headers);
    return message.idempotencyKey();
  }
}
