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
import tools.jackson.databind.node.ObjectNode;

/**
 * Declarations written as JSON through the API, checked by the same schema and checks as {@code vigil.yaml} and bound
 * by the same binder, so the API accepts exactly what the file accepts. The JSON is read into the tree the file's
 * checks walk; each node's mark numbers it instead of giving a line, and problems are reported at the node's JSON path
 * ({@code probes[2].http.url}) instead of a line and column.
 */
final class JsonDeclarations {

  /** Bound declarations when {@code problems} is empty. */
  record Checked<T>(T value, List<String> problems) {
    Checked {
      problems = List.copyOf(problems);
    }
  }

  /** How the file's messages point at another node: "(first at line 12)", "already used on line 30". */
  private static final Pattern LINE = Pattern.compile("\\b(?:at|on) line (\\d+)");
  /** A snake_case key as the API's records spell it: {@code depends_on} is {@code dependsOn}. */
  private static final Pattern SNAKE = Pattern.compile("_([a-z])");

  /** What listings show instead of a secret; a body that sends it back is refused rather than stored. */
  static final String REDACTED = "(secret, not shown)";
  private static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("password", "api_key", "bearer_token");
  /** Header names that carry credentials, such as Authorization, X-Api-Key or X-Auth-Token. */
  private static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(authorization|token|secret|key|cookie|pass).*");

  /** The JSON path of each node, by the number its mark carries (1-based, like lines). */
  private final List<String> paths = new ArrayList<>();
  /**
   * The object each node belongs to, by the same number: empty for the object being written, else as messages name
   * it ("service 'api'").
   */
  private final List<String> owners = new ArrayList<>();
  /** Paths whose value is the mask listings show in place of a secret (sent back instead of the secret). */
  private final List<String> sentBackRedacted = new ArrayList<>();
  /** The object the nodes read next belong to. */
  private String owner = "";
  /** Whether paths in the written object are spelled as the API's records name their fields. */
  private boolean apiSpelling;
  /** The node of the object written through the API, once the catalog's tree is read. */
  private YamlValue written;

  private JsonDeclarations() {}

  /** A team written through the API, checked as it would be declared in a file with the rest of the catalog. */
  static Checked<Catalog.Team> team(Catalog catalog, Catalog.Team team) {
    return edit(catalog, CatalogKind.TEAM, SpecMapper.declared(team), written -> team);
  }

  /** A user written through the API, checked as it would be declared in a file with the rest of the catalog. */
  static Checked<Catalog.User> user(Catalog catalog, Catalog.User user) {
    return edit(catalog, CatalogKind.USER, SpecMapper.declared(user), written -> user);
  }

  /**
   * A service written through the API, checked as it would be declared in a file with the rest of the catalog; its
   * probes and maintenance windows are JSON in the file's form (either may be null: none), bound into the service.
   */
  static Checked<Catalog.Service> service(Catalog catalog, Catalog.Service service, JsonNode probes,
      JsonNode windows) {
    return service(catalog, service, probes, windows, null);
  }

  /**
   * The same with the service's SLOs as JSON in the file's form (null: the service's own, as bound from the body),
   * bound into the service like its probes.
   */
  static Checked<Catalog.Service> service(Catalog catalog, Catalog.Service service, JsonNode probes,
      JsonNode windows, JsonNode slos) {
    ObjectNode declared = (ObjectNode) SpecMapper.declared(CatalogEdits.withProbes(service, List.of(), List.of()));
    if (probes != null && !probes.isNull()) {
      declared.set("probes", probes);
    }
    if (windows != null && !windows.isNull()) {
      declared.set("maintenance_windows", windows);
    }
    if (slos != null && !slos.isNull()) {
      declared.set("slos", slos);
    }
    return edit(catalog, CatalogKind.SERVICE, declared, written -> CatalogEdits.withSlos(CatalogEdits.withProbes(
        service, written.mappings("probes").stream().map(CatalogBinder::probe).toList(),
        written.mappings("maintenance_windows").stream().map(CatalogBinder::maintenanceWindow).toList()),
        written.mappings("slos").stream().map(CatalogBinder::slo).toList()));
  }

  /**
   * An object written through the API, checked by the file's schema and checks as one file holding the whole catalog
   * after the edit would be. Problems in the written object are reported at its path as the API spells it
   * ({@code dependsOn[0]}; probes and maintenance windows as in the file); problems the edit causes elsewhere, such as
   * a dependency cycle closed at another service's dependency or another service's heartbeat token used again, name
   * the object where they are found. Problems the stored catalog had before the edit are not the edit's and are left
   * out (stored secrets are hashes, which the file's patterns do not accept).
   */
  private static <T> Checked<T> edit(Catalog catalog, CatalogKind kind, JsonNode declaration,
      java.util.function.Function<Mapping, T> bind) {
    JsonDeclarations after = new JsonDeclarations();
    after.apiSpelling = true;
    Problems problems = check(after.catalog(catalog, kind, declaration));
    List<String> found = new ArrayList<>(after.sentBackRedactedMessages());
    List<Problem> elsewhere = new ArrayList<>();
    for (Problem p : errors(problems)) {
      if (after.owner(p.line()).isEmpty()) {
        found.add(after.message(p));
      } else {
        elsewhere.add(p);
      }
    }
    if (!elsewhere.isEmpty()) {
      JsonDeclarations before = new JsonDeclarations();
      java.util.Set<String> known = new java.util.HashSet<>();
      errors(check(before.catalog(catalog, null, null))).forEach(p -> known.add(before.message(p)));
      elsewhere.stream().map(after::message).filter(m -> !known.contains(m)).forEach(found::add);
    }
    return new Checked<>(found.isEmpty() ? bind.apply((Mapping) after.written) : null, found);
  }

  /** Runs the file's schema and checks on a whole catalog's tree. */
  private static Problems check(Mapping root) {
    Problems problems = new Problems("request");
    CatalogLoader.check(root, problems);
    return problems;
  }

  private static List<Problem> errors(Problems problems) {
    return problems.sorted().stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  /**
   * The stored catalog as one file's tree, with {@code declaration} (an object of {@code kind}; none when null) in
   * place of the stored object of its name, or added after the others.
   */
  private Mapping catalog(Catalog catalog, CatalogKind kind, JsonNode declaration) {
    owner = "the catalog";
    Mark root = mark("");
    List<Entry> sections = new ArrayList<>();
    ObjectNode stored = (ObjectNode) SpecMapper.declared(catalog);
    // A file writes a runbook as its path; the stored text was checked when the file was applied.
    stored.path("services").forEach(service -> {
      if (service.path("runbook").isObject()) {
        ((ObjectNode) service).set("runbook", service.path("runbook").path("path"));
      }
    });
    String editedSection = kind == null ? null : section(kind);
    if (editedSection != null && !stored.has(editedSection)) {
      stored.putArray(editedSection);
    }
    for (Map.Entry<String, JsonNode> section : stored.properties()) {
      owner = "the catalog";
      Scalar key = scalar(section.getKey(), section.getKey());
      if (!section.getValue().isArray()) {
        owner = section.getKey().equals("version") ? owner : "the " + section.getKey().replace('_', ' ');
        sections.add(new Entry(key, read(section.getValue(), "")));
        continue;
      }
      Mark list = mark(section.getKey());
      List<YamlValue> items = new ArrayList<>();
      boolean replaced = false;
      for (JsonNode item : section.getValue()) {
        if (section.getKey().equals(editedSection) && name(item).equals(name(declaration))) {
          items.add(written(declaration));
          replaced = true;
        } else {
          owner = label(section.getKey()) + " '" + name(item) + "'";
          items.add(read(item, ""));
        }
      }
      if (section.getKey().equals(editedSection) && !replaced) {
        items.add(written(declaration));
      }
      sections.add(new Entry(key, new Sequence(list, items)));
    }
    return new Mapping(root, sections);
  }

  private YamlValue written(JsonNode declaration) {
    owner = "";
    written = read(declaration, "");
    return written;
  }

  /** The key a kind is listed under in vigil.yaml, such as {@code escalation_policies}. */
  private static String section(CatalogKind kind) {
    return kind.plural().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  /** How messages name an object listed under this key: "escalation policy". */
  private static String label(String section) {
    return java.util.Arrays.stream(CatalogKind.values()).filter(k -> section(k).equals(section)).findFirst()
        .map(CatalogKind::label).orElse(section);
  }

  private static String name(JsonNode declaration) {
    JsonNode name = declaration.has("name") ? declaration.get("name") : declaration.path("slug");
    return name.isString() ? name.asString() : String.valueOf(name);
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
    List<String> found = new ArrayList<>(reader.sentBackRedactedMessages());
    errors(problems).forEach(p -> found.add(reader.message(p)));
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

  /** Whether the value of a field of this name is a credential, kept out of listings and plans. */
  static boolean secretKey(String key) {
    return SECRET_KEYS.contains(key);
  }

  /** Whether an HTTP header of this name carries a credential. */
  static boolean secretHeader(String name) {
    return SECRET_HEADER.matcher(name).matches();
  }

  private static void redact(JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode o) {
      for (String key : List.copyOf(o.propertyNames())) {
        JsonNode value = o.get(key);
        if (secretKey(key) && value.isString()) {
          o.put(key, REDACTED);
        } else if (key.equals("headers") && value instanceof tools.jackson.databind.node.ObjectNode headers) {
          for (String header : List.copyOf(headers.propertyNames())) {
            if (secretHeader(header)) {
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
    owners.add(owner);
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
    if (node.isString() && node.asString().equals(REDACTED) && owner.isEmpty()) {
      sentBackRedacted.add(path);
    }
    return scalar(path, node.isString() ? node.asString() : node.toString());
  }

  private List<String> sentBackRedactedMessages() {
    return sentBackRedacted.stream()
        .map(p -> shownPath(p) + ": listings hide secrets; send the secret itself, not " + REDACTED).toList();
  }

  /** The problem as "path: message", with "at line N" in the message turned into the path of node N. */
  private String message(Problem p) {
    Matcher m = LINE.matcher(p.message());
    StringBuilder message = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(message, Matcher.quoteReplacement("at " + where(Integer.parseInt(m.group(1)))));
    }
    m.appendTail(message);
    String where = where(p.line());
    return where.isEmpty() ? message.toString() : where + ": " + message;
  }

  /** Where node N is: its path in the written object, or the object it belongs to and its path there. */
  private String where(int number) {
    if (number < 1 || number > paths.size()) {
      return "";
    }
    String path = shownPath(paths.get(number - 1));
    String of = owner(number);
    return of.isEmpty() ? path : path.isEmpty() ? of : of + " " + path;
  }

  private String owner(int number) {
    return number >= 1 && number <= owners.size() ? owners.get(number - 1) : "";
  }

  /**
   * A path as the request spells it. The API's teams, users and services are records named in camelCase, but their
   * probes, maintenance windows and SLOs are written as in the file, and tags are the user's own names.
   */
  private String shownPath(String path) {
    if (!apiSpelling || path.startsWith("probes") || path.startsWith("maintenance_windows")
        || path.startsWith("slos")) {
      return path;
    }
    int tags = path.startsWith("tags.") ? "tags.".length() : path.length();
    return SNAKE.matcher(path.substring(0, tags)).replaceAll(r -> r.group(1).toUpperCase(java.util.Locale.ROOT))
        + path.substring(tags);
  }
}
