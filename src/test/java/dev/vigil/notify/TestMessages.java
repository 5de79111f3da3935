package dev.vigil.notify;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.notify.Message.IncidentSummary;
import java.time.Instant;
import java.util.List;

/** Messages as the delivery engine hands them to channels, for channel tests. */
final class TestMessages {

  static final Instant OPENED = Instant.parse("2026-03-01T02:13:00Z");

  private TestMessages() {}

  static IncidentSummary incident(long id, String title) {
    return new IncidentSummary(id, title, "api", "triggered", "high", OPENED,
        "https://vigil.example.com/incidents/" + id, "https://vigil.example.com/api/v1/incidents/" + id);
  }

  static Message message(ContactType type, String address, IncidentSummary incident, IncidentSummary... bundled) {
    return new Message(7, "ntf-7-0", type, address, "alice", new Message.Page(incident, List.of(bundled),
        "https://vigil.example.com/api/v1/actions/ACK.TOKEN", "https://vigil.example.com/api/v1/actions/RES.TOKEN"));
  }
}
