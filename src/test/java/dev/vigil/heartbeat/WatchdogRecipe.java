package dev.vigil.heartbeat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The Alertmanager configuration that docs/heartbeats.md recommends for the dead man's switch, read from the page
 * itself, so that tests check and run what users copy.
 */
record WatchdogRecipe(String yaml, Duration groupInterval, Duration repeatInterval) {

  private static final Pattern BLOCK = Pattern.compile("```\\n# alertmanager\\.yml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d|w|y)");

  /** The recipe as documented. */
  static WatchdogRecipe documented() {
    String page;
    try {
      page = Files.readString(Path.of("docs/heartbeats.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher block = BLOCK.matcher(page);
    if (!block.find()) {
      throw new AssertionError("docs/heartbeats.md has no block starting with '# alertmanager.yml'");
    }
    String yaml = block.group(1);
    Map<String, Object> route = watchdogRoute(new Yaml().load(yaml));
    return new WatchdogRecipe(yaml, duration(route.get("group_interval")), duration(route.get("repeat_interval")));
  }

  /**
   * The recipe with the heartbeat's ping URL at {@code url} and its intervals divided by {@code speedUp}, for a
   * test that cannot wait minutes.
   */
  String runnable(String url, int speedUp) {
    return yaml.replaceAll("https://vigil\\.example\\.com/api/v1/heartbeats/TOKEN", url)
        .replaceAll("group_interval: \\S+", "group_interval: " + groupInterval.dividedBy(speedUp).toMillis() + "ms")
        .replaceAll("repeat_interval: \\S+", "repeat_interval: " + repeatInterval.dividedBy(speedUp).toMillis() + "ms");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> watchdogRoute(Map<String, Object> config) {
    List<Map<String, Object>> routes = (List<Map<String, Object>>) ((Map<String, Object>) config.get("route"))
        .get("routes");
    return routes.stream().filter(r -> String.valueOf(r.get("matchers")).contains("Watchdog")).findFirst()
        .orElseThrow(() -> new AssertionError("the recipe has no route for the Watchdog alert"));
  }

  /** A duration as Alertmanager reads it (Prometheus's format: 1m, 30s, 1h30m, 500ms). */
  static Duration duration(Object value) {
    String text = String.valueOf(value);
    Matcher m = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        case "w" -> Duration.ofDays(7 * n);
        default -> Duration.ofDays(365 * n);
      });
      end = m.end();
    }
    if (end == 0 || end != text.length()) {
      throw new AssertionError("not an Alertmanager duration: '" + text + "'");
    }
    return total;
  }
}
