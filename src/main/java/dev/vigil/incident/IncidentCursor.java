package dev.vigil.incident;

import dev.vigil.incident.IncidentRepository.IncidentRow;
import dev.vigil.system.InvalidException;
import dev.vigil.web.RequestTimes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Keyset pagination over incidents, newest first: a cursor is the (created_at, id) of the last incident shown,
 * opaque to clients, so that a page costs the same however deep it is.
 */
final class IncidentCursor {

  private IncidentCursor() {}

  /** One page of incidents and the cursor of the next page (null on the last). */
  record Page(List<IncidentRow> rows, String next) {}

  /** The position a cursor stands for; a cursor this application did not make is a 400. */
  record Position(Instant createdAt, long id) {}

  static Position parse(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/");
      return new Position(RequestTimes.within("cursor", Instant.parse(parts[0])), Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      throw new InvalidException("cursor: not a cursor this API returned");
    }
  }

  /** Runs the query (which fetches one row more than its limit) and cuts the page, with the next cursor. */
  static Page fetch(IncidentRepository incidents, IncidentQuery query) {
    List<IncidentRow> rows = incidents.page(query);
    if (rows.size() <= query.limit()) {
      return new Page(rows, null);
    }
    rows = rows.subList(0, query.limit());
    IncidentRow last = rows.get(rows.size() - 1);
    String next = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((last.createdAt() + "/" + last.id()).getBytes(StandardCharsets.UTF_8));
    return new Page(rows, next);
  }
}
