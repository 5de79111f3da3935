package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Entry;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Mark;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.catalog.YamlValue.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Probes and maintenance windows written as JSON through the API, checked by the same schema and checks as
 * {@code vigil.yaml} and bound by the same binder, so the API accepts exactly what the file accepts. The JSON is read
 * into the tree the file's checks walk; each node's mark numbers it instead of giving a line, and problems are
 * reported at the node's JSON path ({@code probes[2].http.url}) instead of a line and column.
 */
final class JsonDeclarations {

  /** Bound declarations when {@code problems} is empty. */
  record Checked<T>(T value, List<String> problems) {
    Checked {
      problems = List.copyOf(problems);
    }
  }

  private static final Pattern LINE = Pattern.compile("at line (\\d+)");

  /** What listings show instead of a secret; a body that sends it back is refused rather than stored. */
  static final String REDACTED = "(secret, not shown)";
  private static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("password", "api_key");
  /** Header names that carry credentials, such as Authorization, X-Api-Key or X-Auth-Token. */
  private static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(authorization|token|secret|key|cookie|pass).*");

  /** The JSON path of each node, by the number its mark carries (1-based, like lines). */
  private final List<String> paths = new ArrayList<>();
  /** Paths whose value is the mask listings show in place of a secret (sent back instead of the secret). */
  private final List<String> sentBackRedacted = new ArrayList<>();

  private JsonDeclarations() {}

  /**
   * A service's probes and maintenance windows; either may be null (none). {@code service} names the service in
   * messages. Paths are reported as {@code probes[i]...} and {@code maintenance_windows[i]...}.
   */
  static Checked<Map.Entry<List<Catalog.Probe>, List<Catalog.MaintenanceWindow>>> service(String service,
      JsonNode probes, JsonNode windows) {
    JsonDeclarations reader = new JsonDeclarations();
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry(reader.scalar("name", service), reader.scalar("name", service)));
    if (probes != null && !probes.isNull()) {
      entries.add(new Entry(reader.scalar("probes", "probes"), reader.read(probes, "probes")));
    }
    if (windows != null && !windows.isNull()) {
      entries.add(new Entry(reader.scalar("maintenance_windows", "maintenance_windows"),
          reader.read(windows, "maintenance_windows")));
    }
    Mapping mapping = new Mapping(reader.mark(""), entries);
    Problems problems = new Problems("request");
    SchemaValidator validator = new SchemaValidator(problems, new Names());
    if (mapping.get("probes") instanceof YamlValue value) {
      validator.validate(value, CatalogSchema.SERVICE.field("probes").type(), "probes");
    }
    if (mapping.get("maintenance_windows") instanceof YamlValue value) {
      validator.validate(value, CatalogSchema.SERVICE.field("maintenance_windows").type(), "maintenance_windows");
    }
    new ProbeChecks(problems).check(List.of(mapping));
    List<String> found = reader.messages(problems);
    if (!found.isEmpty()) {
      return new Checked<>(null, found);
    }
    return new Checked<>(Map.entry(mapping.mappings("probes").stream().map(CatalogBinder::probe).toList(),
        mapping.mappings("maintenance_windows").stream().map(CatalogBinder::maintenanceWindow).toList()), found);
  }

  /** One probe, as the body of {@code PUT .../probes/{name}}; paths are relative to the body ({@code http.url}). */
  static Checked<Catalog.Probe> probe(String service, JsonNode probe) {
    JsonDeclarations reader = new JsonDeclarations();
    YamlValue item = reader.read(probe, "");
    Sequence probes = new Sequence(reader.mark(""), List.of(item));
    Mapping mapping = new Mapping(reader.mark(""), List.of(new Entry(reader.scalar("name", service),
        reader.scalar("name", service)), new Entry(reader.scalar("probes", "probes"), probes)));
    Problems problems = new Problems("request");
    new SchemaValidator(problems, new Names()).validate(item, CatalogSchema.PROBE, "probe");
    new ProbeChecks(problems).check(List.of(mapping));
    List<String> found = reader.messages(problems);
    return new Checked<>(found.isEmpty() ? CatalogBinder.probe((Mapping) item) : null, found);
  }

  /**
   * A probe or maintenance window as listings show it: as written in vigil.yaml, without unset fields, and with
   * passwords, API keys and credential headers replaced by {@link #REDACTED}, since viewers read listings.
   */
  static JsonNode shown(Object declaration) {
    JsonNode node = SpecMapper.declared(declaration);
    redact(node);
    return node;
  }

  private static void redact(JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode o) {
      for (String key : List.copyOf(o.propertyNames())) {
        JsonNode value = o.get(key);
        if (SECRET_KEYS.contains(key) && value.isString()) {
          o.put(key, REDACTED);
        } else if (key.equals("headers") && value instanceof tools.jackson.databind.node.ObjectNode headers) {
          for (String header : List.copyOf(headers.propertyNames())) {
            if (SECRET_HEADER.matcher(header).matches()) {
              headers.put(header, REDACTED);
            }
          }
        } else {
          redact(value);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(JsonDeclarations::redact);
    }
  }

  private Mark mark(String path) {
    paths.add(path);
    return new Mark(paths.size(), 1);
  }

  private Scalar scalar(String path, String text) {
    return Scalar.of(mark(path), text, false);
  }

  /** The JSON value as the tree the file's checks read: numbers and booleans as their text, like YAML scalars. */
  private YamlValue read(JsonNode node, String path) {
    if (node.isObject()) {
      Mark at = mark(path);
      List<Entry> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        entries.add(new Entry(scalar(child, field.getKey()), read(field.getValue(), child)));
      }
      return new Mapping(at, entries);
    }
    if (node.isArray()) {
      Mark at = mark(path);
      List<YamlValue> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        items.add(read(node.get(i), path + "[" + i + "]"));
      }
      return new Sequence(at, items);
    }
    if (node.isNull() || node.isMissingNode()) {
      return Scalar.of(mark(path), null, true);
    }
    if (node.isString() && node.asString().equals(REDACTED)) {
      sentBackRedacted.add(path);
    }
    return scalar(path, node.isString() ? node.asString() : node.toString());
  }

  /** Each problem as "path: message", with "at line N" in messages turned into the path of node N. */
  private List<String> messages(Problems problems) {
    List<String> out = new ArrayList<>();
    sentBackRedacted.forEach(p -> out.add(p + ": listings hide secrets; send the secret itself, not " + REDACTED));
    for (Problem p : problems.sorted()) {
      if (p.severity() != Severity.ERROR) {
        continue;
      }
      Matcher m = LINE.matcher(p.message());
      StringBuilder message = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(message, Matcher.quoteReplacement("at " + path(Integer.parseInt(m.group(1)))));
      }
      m.appendTail(message);
      String where = path(p.line());
      out.add(where.isEmpty() ? message.toString() : where + ": " + message);
    }
    return out;
  }

  private String path(int number) {
    return number >= 1 && number <= paths.size() ? paths.get(number - 1) : "";
  }
}
