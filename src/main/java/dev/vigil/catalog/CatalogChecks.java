package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Entry;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Mark;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.catalog.YamlValue.Sequence;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that need more than one field or the whole file: dependency cycles, contact addresses that
 * fit their channel, contracts whose credits could never apply, duplicate integration keys, and the
 * warnings about literal secrets and services that would page nobody.
 *
 * <p>They run after the schema checks on a possibly broken tree, so each one skips what it cannot read
 * (that was reported already) instead of piling up follow-on errors.
 */
final class CatalogChecks {

  static final String LITERAL_SECRET =
      "literal secret in the file; use ${ENV_VAR} or ${file:/path} so it stays out of Git";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final List<String> SECRET_WORDS = List.of("password", "token", "secret");

  private final Problems problems;
  private final Names names;

  CatalogChecks(Problems problems, Names names) {
    this.problems = problems;
    this.names = names;
  }

  void check(Mapping root) {
    List<Mapping> services = root.mappings("services");
    dependencies(services);
    unpagedServices(services);
    heartbeats(services);
    new ProbeChecks(problems).check(services);
    for (Mapping user : root.mappings("users")) {
      user.mappings("contact_methods").forEach(this::contactAddress);
    }
    for (Mapping schedule : root.mappings("schedules")) {
      for (Mapping layer : schedule.mappings("layers")) {
        layer.mappings("restrictions").forEach(this::emptyWindow);
        shiftLength(layer);
      }
      scheduleChanges(schedule);
    }
    for (Mapping customer : root.mappings("customers")) {
      customer.mappings("contracts").forEach(this::creditTiers);
    }
    slos(root);
    prometheusSources(root);
    changeFreezes(root);
    integrations(root.mappings("integrations"));
    if (root.get("incident_policy") instanceof Mapping policy) {
      incidentPolicy(policy);
    }
    statusPages(root);
    literalSecrets(root);
  }

  /**
   * Status pages: slugs used once, component names unique in their page, each component showing something, probes
   * that exist (written service/probe), and a minimum severity the incident policy knows.
   */
  private void statusPages(Mapping root) {
    Map<String, List<String>> probes = probesByService(root);
    List<String> severities = severities(root);
    Map<String, Mark> slugs = new HashMap<>();
    for (Mapping page : root.mappings("status_pages")) {
      if (page.get("slug") instanceof Scalar slug && !slug.isNull()) {
        Mark first = slugs.putIfAbsent(slug.text(), slug.mark());
        if (first != null) {
          problems.error(slug.mark(), "duplicate status page slug '" + slug.text() + "' (first declared at line "
              + first.line() + ")");
        }
      }
      Map<String, Mark> components = new HashMap<>();
      for (Mapping component : page.mappings("components")) {
        String name = component.text("name");
        if (name != null && components.putIfAbsent(name.strip(), component.get("name").mark()) != null) {
          problems.error(component.get("name").mark(), "component '" + name.strip()
              + "' is listed twice in this status page (first at line " + components.get(name.strip()).line() + ")");
        }
        if (YamlValue.isAbsent(component.get("services")) && YamlValue.isAbsent(component.get("probes"))) {
          problems.error(component.mark(), "component '" + name + "' shows nothing; give it 'services' or 'probes'");
        }
        if (component.get("probes") instanceof Sequence list) {
          for (YamlValue item : list.items()) {
            String ref = YamlValue.text(item);
            int slash = ref == null ? -1 : ref.indexOf('/');
            if (slash < 0) {
              continue; // reported by the schema checks
            }
            String service = ref.substring(0, slash);
            List<String> known = probes.get(service);
            if (known == null) {
              problems.error(item.mark(), "undefined service '" + service + "' in probe '" + ref + "'"
                  + Suggestions.hint(service, probes.keySet()));
            } else if (!known.contains(ref.substring(slash + 1))) {
              problems.error(item.mark(), noSuchProbe(service, ref.substring(slash + 1), known));
            }
          }
        }
      }
      if (page.get("incidents") instanceof Mapping incidents) {
        severityReference(incidents.get("min_severity"), severities);
      }
    }
  }

  /** The names of each service's probes, by service name; the first declaration of a name counts. */
  private static Map<String, List<String>> probesByService(Mapping root) {
    Map<String, List<String>> probes = new LinkedHashMap<>();
    for (Mapping service : root.mappings("services")) {
      List<String> names = new ArrayList<>();
      service.mappings("probes").forEach(p -> names.add(p.text("name")));
      probes.putIfAbsent(String.valueOf(service.text("name")), names);
    }
    return probes;
  }

  private static String noSuchProbe(String service, String probe, List<String> known) {
    return "service '" + service + "' has no probe '" + probe + "'" + (known.isEmpty() ? "; it declares no probes"
        : Suggestions.hint(probe, known) + "; its probes are " + String.join(", ", known));
  }

  /** The incident policy's severities, or the built-in ones when it declares none. */
  private static List<String> severities(Mapping root) {
    List<String> severities = new ArrayList<>();
    if (root.get("incident_policy") instanceof Mapping policy && policy.get("severities") instanceof Sequence) {
      policy.mappings("severities").forEach(l -> severities.add(l.text("name")));
    } else {
      Catalog.IncidentPolicy.DEFAULT_SEVERITIES.forEach(l -> severities.add(l.name()));
    }
    return severities;
  }

  private static final java.time.Duration SHORTEST_TIMESLICE = java.time.Duration.ofMinutes(1);

  /**
   * SLOs: a probe SLI names a probe of its own service, an incident SLI severities the policy knows, a Prometheus SLI
   * the fields its form needs (total with good or bad, latency_below with histogram, a query only with timeslices), a
   * time zone only for a calendar window, a timeslice only with timeslices and at least 1m long, burn-rate windows
   * with the short one shorter, thresholds in increasing order. Contracts name an SLO of a service they cover, and a
   * currency with their fee.
   */
  private void slos(Mapping root) {
    Map<String, List<String>> probes = probesByService(root);
    List<String> severities = severities(root);
    Map<String, String> serviceOfSlo = new HashMap<>();
    for (Mapping service : root.mappings("services")) {
      String serviceName = service.text("name");
      for (Mapping slo : service.mappings("slos")) {
        String name = slo.text("name");
        if (name != null && serviceName != null) {
          serviceOfSlo.putIfAbsent(name, serviceName);
        }
        String budgeting = slo.text("budgeting") == null ? "occurrences" : slo.text("budgeting");
        sloWindow(slo);
        if (budgeting.equals("occurrences") && YamlValue.isAbsent(slo.get("budgeting"))
            && !YamlValue.isAbsent(slo.get("timeslice"))) {
          problems.error(keyMark(slo, "timeslice"), "'timeslice' is only allowed when budgeting is timeslices, not"
              + " occurrences (the default)");
        }
        if (slo.get("timeslice") instanceof Mapping timeslice) {
          java.time.Duration length = parsedDuration(timeslice.text("length"));
          if (length != null && length.isPositive() && length.compareTo(SHORTEST_TIMESLICE) < 0) {
            problems.error(timeslice.get("length").mark(), "timeslice length " + timeslice.text("length").strip()
                + " is shorter than 1m");
          }
        }
        for (Mapping rule : slo.mappings("burn_rate_rules")) {
          java.time.Duration longWindow = parsedDuration(rule.text("long_window"));
          java.time.Duration shortWindow = parsedDuration(rule.text("short_window"));
          if (longWindow != null && shortWindow != null && shortWindow.compareTo(longWindow) >= 0) {
            problems.error(rule.get("short_window").mark(), "short_window " + rule.text("short_window").strip()
                + " must be shorter than long_window " + rule.text("long_window").strip());
          }
        }
        increasing(slo.get("budget_thresholds"));
        if (slo.get("sli") instanceof Mapping sli) {
          if (sli.get("probe") instanceof Mapping probe && probe.get("probe") instanceof Scalar ref && !ref.isNull()
              && serviceName != null) {
            probeOfService(ref, serviceName, probes);
          }
          if (sli.get("incidents") instanceof Mapping incidents && incidents.get("severities") instanceof Sequence list) {
            list.items().forEach(item -> severityReference(item, severities));
          }
          if (sli.get("prometheus") instanceof Mapping prometheus) {
            prometheusSli(prometheus, budgeting, name);
          }
        }
      }
    }
    for (Mapping customer : root.mappings("customers")) {
      for (Mapping contract : customer.mappings("contracts")) {
        contractSlo(contract, serviceOfSlo);
        if (!YamlValue.isAbsent(contract.get("fee")) && YamlValue.isAbsent(contract.get("currency"))) {
          problems.error(contract.mark(), "missing required field 'currency' in contract '" + contract.text("name")
              + "' (required with 'fee')");
        }
        String currency = contract.text("currency");
        if (currency != null && currency.matches("[A-Z]{3}")) {
          try {
            java.util.Currency.getInstance(currency);
          } catch (IllegalArgumentException e) {
            problems.error(contract.get("currency").mark(), "unknown currency '" + currency
                + "': expected an ISO 4217 currency code such as EUR");
          }
        }
      }
    }
  }

  /** A time zone means something only to a calendar window; a rolling one is the same in every zone. */
  private void sloWindow(Mapping slo) {
    String window = slo.text("window");
    if (window != null && window.strip().endsWith("d") && !YamlValue.isAbsent(slo.get("time_zone"))) {
      problems.error(keyMark(slo, "time_zone"), "'time_zone' is only for calendar windows (week, month, quarter),"
          + " not the rolling window " + window.strip());
    }
  }

  /** A probe SLI reads one of the SLO's own service's probes; a probe of another service is named as such. */
  private void probeOfService(Scalar ref, String service, Map<String, List<String>> probes) {
    List<String> own = probes.getOrDefault(service, List.of());
    if (own.contains(ref.text())) {
      return;
    }
    String owner = probes.entrySet().stream().filter(e -> !e.getKey().equals(service) && e.getValue()
        .contains(ref.text())).map(Map.Entry::getKey).findFirst().orElse(null);
    problems.error(ref.mark(), owner != null
        ? "probe '" + ref.text() + "' belongs to service '" + owner + "'; an SLO of service '" + service
            + "' reads one of that service's own probes" + (own.isEmpty() ? ", and it declares none"
            : ": " + String.join(", ", own))
        : noSuchProbe(service, ref.text(), own));
  }

  /** The fields each form of Prometheus SLI needs, beside the one the schema made sure of. */
  private void prometheusSli(Mapping sli, String budgeting, String slo) {
    boolean ratio = !YamlValue.isAbsent(sli.get("good")) || !YamlValue.isAbsent(sli.get("bad"));
    boolean histogram = !YamlValue.isAbsent(sli.get("histogram"));
    boolean query = !YamlValue.isAbsent(sli.get("query"));
    onlyWith(sli, "total", ratio, true, "'good' or 'bad'");
    onlyWith(sli, "latency_below", histogram, true, "'histogram'");
    onlyWith(sli, "good_at_most", query, false, "'query'");
    onlyWith(sli, "good_at_least", query, false, "'query'");
    if (query && !budgeting.equals("timeslices")) {
      problems.error(keyMark(sli, "query"), "'query' is only allowed when budgeting is timeslices; SLO '" + slo
          + "' is budgeted by " + budgeting);
    }
  }

  /** {@code field} is not allowed unless {@code present}, and then required when {@code required}. */
  private void onlyWith(Mapping m, String field, boolean present, boolean required, String with) {
    boolean set = !YamlValue.isAbsent(m.get(field));
    if (present && required && !set) {
      problems.error(m.mark(), "missing required field '" + field + "' in a Prometheus SLI (required with " + with
          + ")");
    } else if (!present && set) {
      problems.error(keyMark(m, field), "'" + field + "' is only allowed with " + with);
    }
  }

  private void increasing(YamlValue thresholds) {
    BigDecimal previous = null;
    if (thresholds instanceof Sequence list) {
      for (YamlValue item : list.items()) {
        BigDecimal value = percent(YamlValue.text(item));
        if (value != null && previous != null && value.compareTo(previous) <= 0) {
          problems.error(item.mark(), "budget threshold " + YamlValue.text(item).strip() + " is not above the one"
              + " before it (" + previous.toPlainString() + "); list thresholds in increasing order");
        }
        previous = value != null ? value : previous;
      }
    }
  }

  /** A contract measured by an SLO names an SLO of one of the services it covers. */
  private void contractSlo(Mapping contract, Map<String, String> serviceOfSlo) {
    String slo = contract.text("slo");
    String service = slo == null ? null : serviceOfSlo.get(slo);
    if (service == null || !(contract.get("services") instanceof Sequence covered)) {
      return; // an undefined SLO was reported with the other names
    }
    List<String> services = covered.items().stream().map(YamlValue::text).toList();
    if (!services.contains(service)) {
      problems.error(contract.get("slo").mark(), "SLO '" + slo + "' belongs to service '" + service
          + "', which contract '" + contract.text("name") + "' does not cover; it covers "
          + String.join(", ", services));
    }
  }

  /** A source sends at most one kind of credentials. */
  private void prometheusSources(Mapping root) {
    for (Mapping source : root.mappings("prometheus")) {
      if (!YamlValue.isAbsent(source.get("bearer_token")) && !YamlValue.isAbsent(source.get("basic_auth"))) {
        problems.error(source.mark(), "Prometheus source '" + source.text("name") + "' sets 'bearer_token' and"
            + " 'basic_auth'; set only one of them");
      }
    }
  }

  /** Where a key of a mapping is written. */
  private static Mark keyMark(Mapping m, String key) {
    return m.entries().stream().filter(e -> e.key().text().equals(key)).findFirst().orElseThrow().key().mark();
  }

  /** A duration that reads, or null (reported by the schema checks). */
  private static java.time.Duration parsedDuration(String text) {
    return text == null ? null : Durations.parse(text.strip());
  }

  /** Placeholders a status-update template may use. */
  static final List<String> TEMPLATE_PLACEHOLDERS = List.of("id", "title", "severity", "status", "service", "impact",
      "customers", "message", "url", "started_at", "author");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  /**
   * Severities named once; rules and the default naming declared severities; holidays that are real dates;
   * templates using known placeholders only.
   */
  private void incidentPolicy(Mapping policy) {
    List<String> severities = new ArrayList<>();
    if (policy.get("severities") instanceof Sequence) {
      Map<String, Mark> seen = new HashMap<>();
      for (Mapping level : policy.mappings("severities")) {
        String name = level.text("name");
        if (name == null) {
          continue;
        }
        Mark first = seen.putIfAbsent(name, level.get("name").mark());
        if (first != null) {
          problems.error(level.get("name").mark(), "severity '" + name + "' is declared twice (first at line "
              + first.line() + ")");
        } else {
          severities.add(name);
        }
        if (level.get("status_update_template") instanceof Scalar template && !template.isNull()) {
          Matcher m = PLACEHOLDER.matcher(template.text());
          while (m.find()) {
            if (!TEMPLATE_PLACEHOLDERS.contains(m.group(1))) {
              problems.error(template.mark(), "unknown placeholder {{" + m.group(1) + "}} in status_update_template;"
                  + " known are " + String.join(", ", TEMPLATE_PLACEHOLDERS));
            }
          }
        }
      }
    } else {
      Catalog.IncidentPolicy.DEFAULT_SEVERITIES.forEach(l -> severities.add(l.name()));
    }
    for (Mapping rule : policy.mappings("rules")) {
      severityReference(rule.get("severity"), severities);
    }
    severityReference(policy.get("default_severity"), severities);
    if (policy.get("holidays") instanceof Sequence holidays) {
      for (YamlValue day : holidays.items()) {
        String text = YamlValue.text(day);
        if (text != null && text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
          try {
            java.time.LocalDate.parse(text);
          } catch (java.time.format.DateTimeParseException e) {
            problems.error(day.mark(), "holiday '" + text + "' is not a date in the calendar");
          }
        }
      }
    }
  }

  private void severityReference(YamlValue value, List<String> severities) {
    String name = YamlValue.text(value);
    if (name != null && !severities.isEmpty() && !severities.contains(name)) {
      problems.error(value.mark(), "undefined severity '" + name + "'" + Suggestions.hint(name, severities)
          + "; the policy's severities are " + String.join(", ", severities));
    }
  }

  /** A service that depends on itself, or a chain of dependencies that comes back to where it started. */
  private void dependencies(List<Mapping> services) {
    // Only declared services with their first declaration: undefined names and duplicates were reported.
    Map<String, List<Edge>> graph = new LinkedHashMap<>();
    for (Mapping service : services) {
      String name = service.text("name");
      if (name == null || graph.containsKey(name)) {
        continue;
      }
      List<Edge> edges = new ArrayList<>();
      if (service.get("depends_on") instanceof Sequence deps) {
        for (YamlValue dep : deps.items()) {
          String target = YamlValue.text(dep);
          if (target == null || !names.isDeclared(Kind.SERVICE, target)) {
            continue;
          }
          if (target.equals(name)) {
            problems.error(dep.mark(), "service '" + name + "' depends on itself");
          } else if (edges.stream().noneMatch(e -> e.target.equals(target))) {
            edges.add(new Edge(target, dep.mark()));
          }
        }
      }
      graph.put(name, edges);
    }
    findCycles(graph);
  }

  /** A dependency on another declared service, where it is written. */
  private record Edge(String target, Mark mark) {}

  /**
   * Depth-first search without recursion (a generated file may chain thousands of services); every edge
   * back to a service still on the path closes a cycle, reported at that edge.
   */
  private void findCycles(Map<String, List<Edge>> graph) {
    Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
    for (String start : graph.keySet()) {
      if (state.containsKey(start)) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      Deque<Integer> nextEdge = new ArrayDeque<>();
      path.push(start);
      nextEdge.push(0);
      state.put(start, 1);
      while (!path.isEmpty()) {
        String node = path.peek();
        int i = nextEdge.pop();
        List<Edge> edges = graph.getOrDefault(node, List.of());
        if (i == edges.size()) {
          state.put(node, 2);
          path.pop();
          continue;
        }
        nextEdge.push(i + 1);
        Edge edge = edges.get(i);
        Integer s = state.get(edge.target);
        if (s == null) {
          state.put(edge.target, 1);
          path.push(edge.target);
          nextEdge.push(0);
        } else if (s == 1) {
          List<String> cycle = new ArrayList<>();
          for (String n : path) {
            cycle.addFirst(n);
            if (n.equals(edge.target)) {
              break;
            }
          }
          cycle.add(edge.target);
          problems.error(edge.mark, "dependency cycle: " + String.join(" -> ", cycle));
        }
      }
    }
  }

  /** A tier-1 or tier-2 service without an escalation policy would have incidents that page nobody. */
  private void unpagedServices(List<Mapping> services) {
    for (Mapping service : services) {
      String tier = service.text("tier") == null ? null : service.text("tier").strip();
      String name = service.text("name");
      if (name != null && ("1".equals(tier) || "2".equals(tier)) && YamlValue.isAbsent(service.get("escalation_policy"))) {
        problems.warning(service.mark(), "tier-" + tier + " service '" + name
            + "' has no escalation_policy; nobody would be paged when it fails");
      }
    }
  }

  /**
   * Heartbeats: names unique within their service, cron expressions that cron-utils reads (reported at the
   * expression with the reason), a time zone only for a cron schedule, and tokens used once in the file.
   */
  private void heartbeats(List<Mapping> services) {
    Map<String, Mark> tokens = new HashMap<>();
    for (Mapping service : services) {
      Map<String, Mark> names = new HashMap<>();
      for (Mapping heartbeat : service.mappings("heartbeats")) {
        String name = heartbeat.text("name");
        if (name != null && names.putIfAbsent(name, heartbeat.get("name").mark()) != null) {
          problems.error(heartbeat.get("name").mark(), "heartbeat '" + name + "' is declared twice in service '"
              + service.text("name") + "' (first on line " + names.get(name).line() + ")");
        }
        if (heartbeat.get("cron") instanceof Scalar cron && !cron.isNull() && !cron.unresolved()) {
          java.time.ZoneId zone;
          try {
            zone = heartbeat.text("time_zone") == null ? java.time.ZoneOffset.UTC
                : java.time.ZoneId.of(heartbeat.text("time_zone").strip());
          } catch (java.time.DateTimeException e) {
            zone = java.time.ZoneOffset.UTC; // reported by the schema checks
          }
          try {
            CronSchedule.parse(cron.text(), zone);
          } catch (IllegalArgumentException e) {
            problems.error(cron.mark(), "cron " + cron.shown() + " is not a valid schedule: " + e.getMessage());
          }
        } else if (YamlValue.isAbsent(heartbeat.get("cron")) && !YamlValue.isAbsent(heartbeat.get("time_zone"))
            && YamlValue.isAbsent(heartbeat.get("period"))) {
          problems.error(heartbeat.get("time_zone").mark(), "'time_zone' is only for a 'cron' schedule; heartbeat '"
              + name + "' needs 'cron' or 'period'");
        }
        if (heartbeat.get("token") instanceof Scalar token && !token.isNull() && !token.unresolved()) {
          // By hash, as the heartbeat table keys them: an edit through the API is checked against stored services,
          // whose tokens are kept hashed.
          String text = token.text();
          Mark first = tokens.putIfAbsent(text.startsWith(CatalogRepository.HASHED) ? text
              : CatalogRepository.hashed(text), token.mark());
          if (first != null) {
            problems.error(token.mark(), "heartbeat token already used on line " + first.line()
                + "; each heartbeat needs its own token");
          }
        }
      }
    }
  }

  private void contactAddress(Mapping method) {
    String type = method.text("type");
    String address = method.text("address");
    if (type == null || address == null || address.isBlank() || !(method.get("address") instanceof Scalar s)
        || s.unresolved()) {
      return;
    }
    String problem = switch (type) {
      case "email" -> EMAIL.matcher(address).matches() ? null : "is not an email address";
      case "sms", "voice" -> PHONE.matcher(address).matches() ? null
          : "is not a phone number in E.164 form, such as +4915112345678";
      case "webhook", "teams" -> URL.matcher(address).matches() ? null : "is not an http:// or https:// URL";
      default -> null;
    };
    if (problem != null) {
      problems.error(s.mark(), "address " + s.shown() + " " + problem + " (contact method type " + type + ")");
    }
  }

  private void emptyWindow(Mapping restriction) {
    String from = restriction.text("from");
    if (from != null && from.equals(restriction.text("to"))) {
      problems.error(restriction.get("to").mark(), "restriction from " + from + " to " + from
          + " is an empty window; 'to' must differ from 'from'");
    }
  }

  /** Shorter shifts than a minute are a mistake, and a year of them would take long to compute. */
  private void shiftLength(Mapping layer) {
    String text = layer.text("shift_length");
    if (text == null) {
      return;
    }
    try {
      java.time.Duration length = Durations.parse(text.strip());
      if (length.isPositive() && length.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
        problems.error(layer.get("shift_length").mark(), "shift_length " + text.strip() + " is shorter than 1m");
      }
    } catch (RuntimeException e) {
      // reported by the schema checks
    }
  }

  /**
   * Overrides and temporary schedules end after they start and do not add and remove the same person; a temporary
   * schedule's shifts lie inside its period without overlapping, and temporary schedules do not overlap each other.
   */
  private void scheduleChanges(Mapping schedule) {
    for (Mapping override : schedule.mappings("overrides")) {
      endsAfterStart(override, "override");
      String add = override.text("add");
      if (add != null && add.equals(override.text("remove"))) {
        problems.error(override.get("remove").mark(), "override adds and removes '" + add
            + "'; to replace someone, 'add' and 'remove' name two different users");
      }
    }
    List<java.time.LocalDateTime[]> periods = new ArrayList<>();
    for (Mapping temporary : schedule.mappings("temporary")) {
      java.time.LocalDateTime[] period = endsAfterStart(temporary, "temporary schedule");
      if (period == null) {
        continue;
      }
      for (java.time.LocalDateTime[] other : periods) {
        if (period[0].isBefore(other[1]) && other[0].isBefore(period[1])) {
          problems.error(temporary.mark(), "temporary schedule from " + period[0] + " to " + period[1]
              + " overlaps the one from " + other[0] + " to " + other[1] + "; temporary schedules must not overlap");
        }
      }
      periods.add(period);
      java.time.LocalDateTime previousEnd = null;
      for (Mapping shift : temporary.mappings("shifts")) {
        java.time.LocalDateTime[] s = endsAfterStart(shift, "shift");
        if (s == null) {
          continue;
        }
        if (s[0].isBefore(period[0]) || s[1].isAfter(period[1])) {
          problems.error(shift.mark(), "shift from " + s[0] + " to " + s[1] + " lies outside its temporary schedule ("
              + period[0] + " to " + period[1] + ")");
        } else if (previousEnd != null && s[0].isBefore(previousEnd)) {
          problems.error(shift.mark(), "shift from " + s[0] + " starts before the previous shift ends (" + previousEnd
              + "); list shifts in order without overlaps");
        }
        previousEnd = s[1];
      }
    }
  }

  /** A change freeze names what it freezes and ends after it starts. */
  private void changeFreezes(Mapping root) {
    for (Mapping freeze : root.mappings("change_freezes")) {
      if (YamlValue.isAbsent(freeze.get("services")) && YamlValue.isAbsent(freeze.get("teams"))) {
        problems.error(freeze.mark(), "change freeze '" + freeze.text("name") + "' freezes nothing; give it"
            + " 'services' or 'teams'");
      }
      endsAfterStart(freeze, "change freeze '" + freeze.text("name") + "'");
    }
  }

  /** The start and end of an entry when both are valid and the end is later; reports an end at or before the start. */
  private java.time.LocalDateTime[] endsAfterStart(Mapping entry, String what) {
    try {
      String start = entry.text("start");
      String end = entry.text("end");
      if (start == null || end == null) {
        return null;
      }
      java.time.LocalDateTime a = java.time.LocalDateTime.parse(start.strip());
      java.time.LocalDateTime b = java.time.LocalDateTime.parse(end.strip());
      if (!b.isAfter(a)) {
        problems.error(entry.get("end").mark(), what + " ends at " + end.strip() + ", not after its start " + start.strip());
        return null;
      }
      return new java.time.LocalDateTime[] {a, b};
    } catch (java.time.format.DateTimeParseException e) {
      return null; // reported by the schema checks
    }
  }

  /** A credit owed only below a threshold above the promised availability would be owed while the SLA is met. */
  private void creditTiers(Mapping contract) {
    BigDecimal availability = percent(contract.text("availability"));
    if (availability == null) {
      return;
    }
    for (Mapping tier : contract.mappings("credit_tiers")) {
      BigDecimal below = percent(tier.text("below"));
      if (below != null && below.compareTo(availability) > 0) {
        problems.error(tier.get("below").mark(), "credit tier below " + tier.text("below")
            + " is above the contract's availability of " + contract.text("availability")
            + "; a credit is owed only when availability falls short of the promise");
      }
    }
  }

  /** A percentage above 0 and at most 100, or null for anything else (reported by the schema checks). */
  private static BigDecimal percent(String text) {
    try {
      BigDecimal n = text == null ? null : new BigDecimal(text.strip());
      return n != null && n.signum() > 0 && n.compareTo(BigDecimal.valueOf(100)) <= 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void integrations(List<Mapping> integrations) {
    Map<String, String> keyOwners = new HashMap<>();
    Map<String, Mark> keyMarks = new HashMap<>();
    for (Mapping integration : integrations) {
      String name = integration.text("name");
      if (name != null && integration.get("routing") instanceof Sequence
          && YamlValue.isAbsent(integration.get("default_service")) && YamlValue.isAbsent(integration.get("service"))) {
        problems.warning(integration.mark(), "integration '" + name
            + "' has no default_service; alerts that match no routing rule reach no service");
      }
      if (integration.get("key") instanceof Scalar key && !key.isNull() && !key.unresolved()) {
        if (!key.interpolated() && !key.text().isEmpty()) {
          problems.warning(key.mark(), LITERAL_SECRET);
        }
        String owner = keyOwners.putIfAbsent(key.text(), String.valueOf(name));
        if (owner != null) {
          problems.error(key.mark(), "integration key already used by integration '" + owner + "' (line "
              + keyMarks.get(key.text()).line() + "); each integration needs its own key");
        } else {
          keyMarks.put(key.text(), key.mark());
        }
      }
    }
  }

  /** Any value under a key that sounds like a secret (password, token, secret), anywhere in the file. */
  private void literalSecrets(YamlValue value) {
    switch (value) {
      case Mapping m -> {
        for (Entry e : m.entries()) {
          String key = e.key().text().toLowerCase(Locale.ROOT);
          if (SECRET_WORDS.stream().anyMatch(key::contains) && e.value() instanceof Scalar s
              && !s.isNull() && !s.interpolated() && !s.unresolved() && !s.text().isEmpty()) {
            problems.warning(s.mark(), LITERAL_SECRET);
          }
          literalSecrets(e.value());
        }
      }
      case Sequence s -> s.items().forEach(this::literalSecrets);
      case Scalar s -> {}
    }
  }
}
