package dev.vigil.statuspage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times on a status page, in the page's time zone, written out for the public. */
record StatusFormats(String zone) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

  public String time(Instant at) {
    return at == null ? "" : TIME.format(at.atZone(ZoneId.of(zone)));
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public String iso(Instant at) {
    return at == null ? "" : at.toString();
  }
}
