package dev.vigil.catalog;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Scalar;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checks of a service's probes and maintenance windows that the schema cannot express: unique probe names per
 * service, a timeout within the interval, regular expressions and JSONPaths that compile, windows that end after
 * they start. Like {@link CatalogChecks} they skip values the schema checks reported already.
 */
final class ProbeChecks {

  /** Shorter intervals would make a probe a load test of the thing it watches. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private final Problems problems;

  ProbeChecks(Problems problems) {
    this.problems = problems;
  }

  void check(List<Mapping> services) {
    for (Mapping service : services) {
      Map<String, Scalar> names = new HashMap<>();
      for (Mapping probe : service.mappings("probes")) {
        if (probe.get("name") instanceof Scalar name && !name.isNull() && !name.unresolved()) {
          Scalar first = names.putIfAbsent(name.text(), name);
          if (first != null) {
            problems.error(name.mark(), "duplicate probe name '" + name.text() + "' in service '"
                + service.text("name") + "' (first at line " + first.mark().line() + ")");
          }
        }
        timing(probe);
        if (probe.get("http") instanceof Mapping http) {
          regex(http, "body_matches");
          for (Mapping assertion : http.mappings("json_path")) {
            jsonPath(assertion);
            regex(assertion, "matches");
          }
        }
        if (probe.get("tcp") instanceof Mapping tcp) {
          regex(tcp, "expect");
        }
        locations(probe);
        if (probe.get("elasticsearch") instanceof Mapping es) {
          if (es.get("api_key") != null && es.get("username") != null) {
            problems.error(es.get("api_key").mark(), "set either 'username' and 'password' or 'api_key', not both");
          }
          if (es.get("password") != null && es.get("username") == null) {
            problems.error(es.get("password").mark(), "'password' needs a 'username'");
          }
        }
      }
      service.mappings("maintenance_windows").forEach(this::window);
    }
  }

  /** A quorum needs locations to count, and no more than there are. */
  private void locations(Mapping probe) {
    if (!(probe.get("quorum") instanceof Scalar quorum) || quorum.isNull() || quorum.unresolved()) {
      return;
    }
    int locations = probe.get("locations") instanceof YamlValue.Sequence s ? s.items().size() : 0;
    if (locations == 0) {
      problems.error(quorum.mark(), "'quorum' needs 'locations': it counts the locations that see the probe down");
      return;
    }
    try {
      int q = Integer.parseInt(quorum.text().strip());
      if (q > locations) {
        problems.error(quorum.mark(), "quorum " + q + " is more than the " + locations + " locations of the probe;"
            + " it could never be down");
      }
    } catch (NumberFormatException e) {
      // reported by the schema checks
    }
  }

  private void timing(Mapping probe) {
    Duration interval = duration(probe, "interval");
    Duration timeout = duration(probe, "timeout");
    if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
      problems.error(probe.get("interval").mark(), "interval " + probe.text("interval")
          + " is too short; probes run at most once a second");
    }
    Duration effective = interval == null ? Catalog.Probe.DEFAULT_INTERVAL : interval;
    if (timeout != null && timeout.compareTo(effective) > 0) {
      problems.error(probe.get("timeout").mark(), "timeout " + probe.text("timeout") + " is longer than the interval ("
          + (interval == null ? "1m by default" : probe.text("interval")) + "); a check must end before the next");
    }
  }

  private void regex(Mapping m, String key) {
    if (m.get(key) instanceof Scalar s && !s.isNull() && !s.unresolved()) {
      try {
        Pattern.compile(s.text());
      } catch (PatternSyntaxException e) {
        problems.error(s.mark(), key + " " + s.shown() + " is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  private void jsonPath(Mapping assertion) {
    if (assertion.get("path") instanceof Scalar s && !s.isNull() && !s.unresolved() && !s.text().isBlank()) {
      try {
        JsonPath.compile(s.text());
      } catch (InvalidPathException | IllegalArgumentException e) {
        problems.error(s.mark(), "path " + s.shown() + " is not a valid JSONPath: " + e.getMessage());
      }
    }
  }

  private void window(Mapping window) {
    if (window.get("start") != null ^ window.get("end") != null) {
      problems.error(window.mark(), "a one-off maintenance window needs both 'start' and 'end'");
    }
    boolean weekly = window.get("days") != null || window.get("from") != null || window.get("to") != null;
    if (weekly && (window.get("from") == null || window.get("to") == null)) {
      problems.error(window.mark(), "a weekly maintenance window needs both 'from' and 'to'");
    }
    LocalDateTime start = dateTime(window.text("start"));
    LocalDateTime end = dateTime(window.text("end"));
    if (start != null && end != null && !end.isAfter(start)) {
      problems.error(window.get("end").mark(), "maintenance window ends at " + window.text("end")
          + ", not after its start " + window.text("start"));
    }
    String from = window.text("from");
    if (from != null && from.equals(window.text("to"))) {
      problems.error(window.get("to").mark(), "maintenance window from " + from + " to " + from
          + " is empty; 'to' must differ from 'from'");
    }
  }

  private static Duration duration(Mapping m, String key) {
    try {
      String text = m.text(key);
      return text == null ? null : Durations.parse(text.strip());
    } catch (RuntimeException e) {
      return null; // reported by the schema checks
    }
  }

  private static LocalDateTime dateTime(String text) {
    try {
      return text == null ? null : LocalDateTime.parse(text.strip());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
