package dev.vigil.system;

import java.time.Duration;

/** Durations written back the way people write them in the catalog, for messages that quote a setting. */
public final class CatalogDurations {

  private CatalogDurations() {}

  /** A duration as people write it in the catalog: 30s, 1m30s, 250ms. */
  public static String text(Duration d) {
    // Compared before toMillis(), which overflows for durations of more than about 292 million years.
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    StringBuilder out = new StringBuilder();
    if (s >= 3600) {
      out.append(s / 3600).append('h');
    }
    if (s % 3600 >= 60) {
      out.append(s % 3600 / 60).append('m');
    }
    if (s % 60 > 0 || out.isEmpty()) {
      out.append(s % 60);
      long ms = d.toMillisPart();
      if (ms > 0 && s < 60) {
        out.append('.').append(String.format("%03d", ms).replaceAll("0+$", ""));
      }
      out.append('s');
    }
    return out.toString();
  }
}
