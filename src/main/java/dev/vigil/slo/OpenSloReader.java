package dev.vigil.slo;

import static dev.vigil.slo.OpenSloYaml.ALERTING;
import static dev.vigil.slo.OpenSloYaml.ANNOTATION;
import static dev.vigil.slo.OpenSloYaml.BUDGET_THRESHOLDS;
import static dev.vigil.slo.OpenSloYaml.INCIDENTS;
import static dev.vigil.slo.OpenSloYaml.NOTIFICATION_TARGET;
import static dev.vigil.slo.OpenSloYaml.PROBE;
import static dev.vigil.slo.OpenSloYaml.PROMETHEUS;
import static dev.vigil.slo.OpenSloYaml.SHORT_WINDOW;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.BasicAuth;
import dev.vigil.catalog.Catalog.BurnRateRule;
import dev.vigil.catalog.Catalog.IncidentSli;
import dev.vigil.catalog.Catalog.ProbeSli;
import dev.vigil.catalog.Catalog.PrometheusSli;
import dev.vigil.catalog.Catalog.PrometheusSource;
import dev.vigil.catalog.Catalog.Sli;
import dev.vigil.catalog.Catalog.Slo;
import dev.vigil.catalog.Catalog.SloAlerting;
import dev.vigil.catalog.Catalog.SloBudgeting;
import dev.vigil.catalog.Catalog.Timeslice;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a stream of OpenSLO v1 documents into Vigil's SLOs and Prometheus sources, naming every field it leaves out.
 */
final class OpenSloReader {

  private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

  /** A file of SLOs is a few kilobytes; this only stops a mistaken path from reading something huge. */
  private static final int MAX_CODE_POINTS = 10 * 1024 * 1024;

  /** An SLO as imported, with the service that declares it. */
  private record Placed(String service, Slo slo) {}

  /** Where an SLI reads from: the metric source type, the DataSource it names, and its spec. */
  private record MetricSource(String type, String ref, OpenSloNode spec) {}

  private final List<String> lost = new ArrayList<>();
  private final List<OpenSloNode> slos = new ArrayList<>();
  private final Map<String, OpenSloNode> slis = new LinkedHashMap<>();
  private final Map<String, OpenSloNode> dataSources = new LinkedHashMap<>();
  private final Map<String, OpenSloNode> alertPolicies = new LinkedHashMap<>();
  private final Map<String, OpenSloNode> alertConditions = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  OpenSloImport read(String text) {
    collect(text);
    List<PrometheusSource> sources = new ArrayList<>();
    for (OpenSloNode doc : dataSources.values()) {
      PrometheusSource source = source(doc);
      if (source != null) {
        sources.add(source);
      }
    }
    Map<String, List<Slo>> byService = new LinkedHashMap<>();
    for (OpenSloNode doc : slos) {
      Placed placed = slo(doc);
      if (placed != null) {
        byService.computeIfAbsent(placed.service(), s -> new ArrayList<>()).add(placed.slo());
      }
    }
    unused(slis, "SLI");
    unused(alertPolicies, "AlertPolicy");
    unused(alertConditions, "AlertCondition");
    return new OpenSloImport(sources, byService, lost);
  }

  private void collect(String text) {
    if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      throw new OpenSloException("the file has more than " + MAX_CODE_POINTS + " characters; refusing to read it");
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(50);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(false);
    int document = 0;
    try {
      for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
        document++;
        if (root instanceof SequenceNode list) {
          int item = 0;
          for (Node object : list.getValue()) {
            object(new OpenSloNode(object, "", "item " + item++, document));
          }
        } else if (root != null) {
          object(new OpenSloNode(root, "", "document " + document, document));
        }
      }
    } catch (MarkedYAMLException e) {
      throw new OpenSloException("document " + (document + 1) + ", line " + (e.getProblemMark().getLine() + 1) + ": "
          + e.getProblem());
    } catch (YAMLException e) {
      throw new OpenSloException("document " + (document + 1) + ": " + e.getMessage());
    }
  }

  private void object(OpenSloNode raw) {
    String kind = raw.at("kind").required();
    String name = raw.at("metadata").at("name").required();
    OpenSloNode doc = raw.named(kind + " " + name);
    String version = doc.at("apiVersion").required();
    if (!"openslo/v1".equals(version)) {
      throw doc.at("apiVersion").refused("expected openslo/v1, got '" + version + "'");
    }
    Map<String, OpenSloNode> into = switch (kind) {
      case "SLO" -> {
        if (slos.stream().anyMatch(s -> s.object().equals(doc.object()))) {
          throw doc.at("metadata").at("name").refused("a second SLO named '" + name + "'");
        }
        slos.add(doc);
        yield null;
      }
      case "SLI" -> slis;
      case "DataSource" -> dataSources;
      case "AlertPolicy" -> alertPolicies;
      case "AlertCondition" -> alertConditions;
      case "Service" -> {
        metadata(doc);
        lose(doc.at("spec").at("description"), "Vigil's services are declared in vigil.yaml; only their SLOs are read");
        yield null;
      }
      case "AlertNotificationTarget" -> {
        if (!NOTIFICATION_TARGET.equals(doc.at("spec").at("target").text())) {
          lost.add(doc.at("spec").at("target").lost("Vigil pages through the service's escalation policy; left out"));
        }
        yield null;
      }
      default -> {
        lost.add(doc.at("kind").lost(kind + " is not a kind Vigil reads; left out"));
        yield null;
      }
    };
    if (into != null && into.put(name, doc) != null) {
      throw doc.at("metadata").at("name").refused("a second " + kind + " named '" + name + "'");
    }
  }

  private PrometheusSource source(OpenSloNode doc) {
    metadata(doc);
    OpenSloNode spec = doc.at("spec");
    lose(spec.at("description"), "Vigil keeps no description of a Prometheus source");
    String type = spec.at("type").required();
    if (!PROMETHEUS.equalsIgnoreCase(type)) {
      lost.add(spec.at("type").lost(type + " is not a source Vigil reads; left out, with the SLOs that read it"));
      return null;
    }
    Map<String, OpenSloNode> details = spec.at("connectionDetails").fields();
    OpenSloNode url = spec.at("connectionDetails").at("url");
    String bearer = credential(details.remove("bearerToken"));
    OpenSloNode username = details.remove("username");
    String password = credential(details.remove("password"));
    OpenSloNode timeout = details.remove("timeout");
    details.remove("url");
    details.values().forEach(field -> lost.add(field.lost("Vigil reads a Prometheus source's url, bearerToken,"
        + " username, password and timeout; left out")));
    BasicAuth basicAuth = username == null ? null : new BasicAuth(username.text(), password);
    return new PrometheusSource(doc.at("metadata").at("name").text(), url.required(), bearer, basicAuth,
        timeout == null ? null : OpenSloDurations.vigil(timeout));
  }

  /** A credential only as a reference to the environment: one written out is never copied into vigil.yaml. */
  private String credential(OpenSloNode field) {
    if (field == null || !field.present()) {
      return null;
    }
    if (OpenSloYaml.ENV_REFERENCE.matcher(field.text()).matches()) {
      return field.text();
    }
    lost.add(field.lost("a credential written out is not copied; write it in vigil.yaml as ${ENV_VARIABLE}"));
    return null;
  }

  private Placed slo(OpenSloNode doc) {
    metadata(doc);
    OpenSloNode spec = doc.at("spec");
    String service = spec.at("service").required();
    OpenSloNode indicator = indicator(spec);
    List<OpenSloNode> windows = spec.at("timeWindow").items();
    if (windows.isEmpty()) {
      throw spec.at("timeWindow").refused("Vigil needs the SLO's window: one rolling or calendar window");
    }
    windows.stream().skip(1).forEach(w -> lost.add(w.lost("Vigil keeps one window per SLO; left out")));
    String[] window = window(windows.getFirst());
    SloBudgeting budgeting = budgeting(spec.at("budgetingMethod"));
    List<OpenSloNode> objectives = spec.at("objectives").items();
    if (objectives.isEmpty()) {
      throw spec.at("objectives").refused("at least one objective is required");
    }
    objectives.stream().skip(1).forEach(o -> lost.add(o.lost("Vigil keeps one objective per SLO; left out")));
    OpenSloNode objective = objectives.getFirst();
    lose(objective.at("displayName"), "Vigil names an objective by its SLO");
    double percent = target(objective);
    Timeslice timeslice = budgeting == SloBudgeting.TIMESLICES ? timeslice(objective) : null;
    if (budgeting != SloBudgeting.TIMESLICES) {
      lose(objective.at("timeSliceTarget"), "only Timeslices budgeting judges slices");
      lose(objective.at("timeSliceWindow"), "only Timeslices budgeting judges slices");
    }
    Sli sli = sli(indicator, objective, budgeting, spec.at("budgetingMethod"));
    Map<String, OpenSloNode> annotations = doc.at("metadata").at("annotations").fields();
    SloAlerting alerting = annotations.containsKey(ALERTING) ? alerting(annotations.get(ALERTING)) : null;
    List<Double> thresholds = annotations.containsKey(BUDGET_THRESHOLDS)
        ? thresholds(annotations.get(BUDGET_THRESHOLDS)) : List.of();
    List<BurnRateRule> rules = rules(spec.at("alertPolicies"));
    if (window == null || budgeting == null || sli == null) {
      return null;
    }
    return new Placed(service, new Slo(doc.at("metadata").at("name").text(), spec.at("description").text(), percent,
        window[0], window[1], budgeting, timeslice, alerting, rules, thresholds, sli));
  }

  /** The SLI's spec, inline or the named SLI document's. */
  private OpenSloNode indicator(OpenSloNode spec) {
    OpenSloNode inline = spec.at("indicator");
    if (inline.present()) {
      lose(inline.at("metadata").at("displayName"), "Vigil names an SLI by its SLO");
      lose(inline.at("spec").at("description"), "Vigil keeps the SLO's description, not its SLI's");
      return inline.at("spec");
    }
    String ref = spec.at("indicatorRef").text();
    if (ref == null) {
      throw spec.at("indicator").refused("one of indicator or indicatorRef is required");
    }
    OpenSloNode sli = slis.get(ref);
    if (sli == null) {
      throw spec.at("indicatorRef").refused("no SLI named '" + ref + "' in the file");
    }
    if (used.add(sli.object())) {
      metadata(sli);
      lose(sli.at("spec").at("description"), "Vigil keeps the SLO's description, not its SLI's");
    }
    return sli.at("spec");
  }

  /** Vigil's window and time zone, or null (with the reason among the lost) when Vigil has no such window. */
  private String[] window(OpenSloNode w) {
    OpenSloNode duration = w.at("duration");
    OpenSloDurations.Shorthand length = OpenSloDurations.shorthand(duration);
    OpenSloNode calendar = w.at("calendar");
    String rolling = w.at("isRolling").text();
    if (rolling == null ? !calendar.present() : Boolean.parseBoolean(rolling)) {
      lose(calendar, "a rolling window has no calendar");
      Duration fixed = length.fixed();
      if (fixed == null || fixed.toSeconds() % 86_400 != 0 || fixed.toDays() < 1 || fixed.toDays() > 400) {
        lost.add(duration.lost("a rolling " + duration.text() + " is not 1 to 400 whole days, as Vigil's rolling"
            + " windows are; the SLO is left out"));
        return null;
      }
      return new String[] {fixed.toDays() + "d", null};
    }
    String period = length.value() != 1 ? null : switch (length.unit()) {
      case 'w' -> "week";
      case 'M' -> "month";
      case 'Q' -> "quarter";
      default -> null;
    };
    if (period == null) {
      lost.add(duration.lost("a calendar window of " + duration.text() + "; Vigil's calendar windows are 1w, 1M and"
          + " 1Q; the SLO is left out"));
      return null;
    }
    String zone = calendar.at("timeZone").text();
    try {
      ZoneId.of(zone == null ? "UTC" : zone);
    } catch (DateTimeException e) {
      throw calendar.at("timeZone").refused("not a time zone of the IANA database: '" + zone + "'");
    }
    startTime(calendar.at("startTime"), period);
    return new String[] {period, zone == null || zone.equals("UTC") ? null : zone};
  }

  /** Vigil's calendar periods start on a Monday, the first of a month, or the first of a quarter, at midnight. */
  private void startTime(OpenSloNode field, String period) {
    if (!field.present()) {
      return;
    }
    LocalDateTime start;
    try {
      start = LocalDateTime.parse(field.text(), START_TIME);
    } catch (DateTimeParseException e) {
      throw field.refused("expected a date and time such as 2024-01-01 00:00:00, got '" + field.text() + "'");
    }
    boolean aligned = start.toLocalTime().equals(LocalTime.MIDNIGHT) && switch (period) {
      case "week" -> start.getDayOfWeek() == DayOfWeek.MONDAY;
      case "month" -> start.getDayOfMonth() == 1;
      default -> start.getDayOfMonth() == 1 && (start.getMonthValue() - 1) % 3 == 0;
    };
    if (!aligned) {
      lost.add(field.lost("Vigil's " + period + "s start at midnight on "
          + (period.equals("week") ? "Monday" : "the first day of the " + period) + "; this start is not kept"));
    }
  }

  private SloBudgeting budgeting(OpenSloNode field) {
    String method = field.required();
    return switch (method) {
      case "Occurrences" -> SloBudgeting.OCCURRENCES;
      case "Timeslices" -> SloBudgeting.TIMESLICES;
      case "RatioTimeslices" -> {
        lost.add(field.lost("Vigil has no RatioTimeslices budgeting; the SLO is left out"));
        yield null;
      }
      default -> throw field.refused("expected Occurrences, Timeslices or RatioTimeslices, got '" + method + "'");
    };
  }

  /** The objective as Vigil writes it, a percentage: {@code target: 0.999} and {@code targetPercent: 99.9} alike. */
  private double target(OpenSloNode objective) {
    OpenSloNode target = objective.at("target");
    OpenSloNode percent = objective.at("targetPercent");
    if (target.present() == percent.present()) {
      throw (target.present() ? percent : target).refused("exactly one of target and targetPercent is required");
    }
    BigDecimal value = target.present() ? decimal(target).movePointRight(2) : decimal(percent);
    if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) >= 0) {
      throw (target.present() ? target : percent).refused("expected a target above 0 and below "
          + (target.present() ? "1" : "100") + ", got " + (target.present() ? target : percent).text());
    }
    return value.doubleValue();
  }

  private Timeslice timeslice(OpenSloNode objective) {
    OpenSloNode target = objective.at("timeSliceTarget");
    BigDecimal value = decimal(target);
    if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw target.refused("expected a slice target above 0 and at most 1, got " + target.text());
    }
    OpenSloNode window = objective.at("timeSliceWindow");
    String text = window.required();
    Duration length = text.matches("[0-9]{1,9}") ? Duration.ofMinutes(Long.parseLong(text))
        : OpenSloDurations.fixed(window);
    return new Timeslice(length, value.movePointRight(2).doubleValue());
  }

  /** The SLI, or null (with the reason among the lost) when Vigil cannot read it. */
  private Sli sli(OpenSloNode spec, OpenSloNode objective, SloBudgeting budgeting, OpenSloNode method) {
    OpenSloNode ratio = spec.at("ratioMetric");
    OpenSloNode threshold = spec.at("thresholdMetric");
    if (ratio.present() == threshold.present()) {
      throw spec.at("ratioMetric").refused("exactly one of ratioMetric and thresholdMetric is required");
    }
    if (threshold.present()) {
      return thresholdSli(threshold, objective, budgeting, method);
    }
    lose(objective.at("op"), "op and value judge a thresholdMetric, not a ratio");
    lose(objective.at("value"), "op and value judge a thresholdMetric, not a ratio");
    if (ratio.at("raw").present()) {
      lost.add(ratio.at("raw").lost("Vigil counts good and total events itself, not a precomputed ratio; the SLO"
          + " is left out"));
      return null;
    }
    if ("false".equals(ratio.at("counter").text())) {
      lost.add(ratio.at("counter").lost("Vigil reads good, bad and total as counters; counter: false is not kept"));
    }
    OpenSloNode good = ratio.at("good");
    OpenSloNode bad = ratio.at("bad");
    OpenSloNode total = ratio.at("total");
    if (good.present() == bad.present()) {
      throw ratio.at("good").refused("exactly one of good and bad is required");
    }
    if (!total.present()) {
      throw total.refused("required with " + (good.present() ? "good" : "bad"));
    }
    OpenSloNode counted = good.present() ? good : bad;
    MetricSource numerator = metricSource(counted.at("metricSource"));
    MetricSource denominator = metricSource(total.at("metricSource"));
    if (!numerator.type().equals(denominator.type())) {
      throw total.at("metricSource").refused("reads " + denominator.type() + " but " + counted.path() + " reads "
          + numerator.type() + "; both must read one source");
    }
    return switch (numerator.type()) {
      case PROMETHEUS -> {
        String source = prometheusSource(denominator.ref() != null ? denominator : numerator, total);
        if (numerator.ref() != null && denominator.ref() != null && !numerator.ref().equals(denominator.ref())) {
          lost.add(counted.at("metricSource").at("metricSourceRef").lost("Vigil reads good and total from one"
              + " source, '" + source + "'"));
        }
        String query = query(numerator);
        yield new Sli(null, new PrometheusSli(source, good.present() ? query : null, bad.present() ? query : null,
            query(denominator), null, null, null, null, null), null);
      }
      case PROBE -> {
        Map<String, OpenSloNode> fields = known(numerator.spec(), "probe", "latencyBelow");
        OpenSloNode latency = fields.get("latencyBelow");
        yield new Sli(new ProbeSli(numerator.spec().at("probe").required(),
            latency == null ? null : OpenSloDurations.vigil(latency)), null, null);
      }
      case INCIDENTS -> {
        known(numerator.spec(), "severities");
        yield new Sli(null, null, new IncidentSli(Arrays.stream(numerator.spec().at("severities").required()
            .split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
      }
      default -> {
        lost.add(counted.at("metricSource").lost(numerator.type() + " is not a source Vigil reads; the SLO is left"
            + " out"));
        yield null;
      }
    };
  }

  /** A Prometheus query judged per time slice by the objective's op and value. */
  private Sli thresholdSli(OpenSloNode threshold, OpenSloNode objective, SloBudgeting budgeting, OpenSloNode method) {
    MetricSource source = metricSource(threshold.at("metricSource"));
    if (!source.type().equals(PROMETHEUS)) {
      lost.add(threshold.at("metricSource").lost("Vigil judges a threshold only on a Prometheus query, not on "
          + source.type() + "; the SLO is left out"));
      return null;
    }
    String name = prometheusSource(source, threshold);
    String query = query(source);
    OpenSloNode op = objective.at("op");
    OpenSloNode value = objective.at("value");
    if (op.present() != value.present()) {
      throw (op.present() ? value : op).refused("op and value are written together");
    }
    Double atMost = null;
    Double atLeast = null;
    if (op.present()) {
      BigDecimal bound = decimal(value);
      switch (op.text()) {
        case "lte" -> atMost = bound.doubleValue();
        case "gte" -> atLeast = bound.doubleValue();
        case "lt" -> {
          atMost = bound.doubleValue();
          lost.add(op.lost("Vigil's bounds include their value: lt is read as lte"));
        }
        case "gt" -> {
          // gt 0 is how a boolean query (non-zero is good) is written in OpenSLO.
          if (bound.signum() != 0) {
            atLeast = bound.doubleValue();
            lost.add(op.lost("Vigil's bounds include their value: gt is read as gte"));
          }
        }
        default -> throw op.refused("expected lte, gte, lt or gt, got '" + op.text() + "'");
      }
    }
    if (budgeting == SloBudgeting.OCCURRENCES) {
      lost.add(method.lost("Vigil judges a threshold per time slice, so only with Timeslices; the SLO is left out"));
      return null;
    }
    return new Sli(null, new PrometheusSli(name, null, null, null, null, null, query, atMost, atLeast), null);
  }

  private MetricSource metricSource(OpenSloNode field) {
    String ref = field.at("metricSourceRef").text();
    String type = field.at("type").text();
    if (type == null && ref != null && dataSources.containsKey(ref)) {
      type = dataSources.get(ref).at("spec").at("type").text();
    }
    if (type == null) {
      throw field.at("type").refused("required unless metricSourceRef names a DataSource of the file");
    }
    return new MetricSource(PROMETHEUS.equalsIgnoreCase(type) ? PROMETHEUS : type, ref, field.at("spec"));
  }

  /** The Prometheus source an SLI reads: the DataSource it names, which may be one the catalog already declares. */
  private String prometheusSource(MetricSource source, OpenSloNode where) {
    if (source.ref() != null) {
      return source.ref();
    }
    lost.add(where.lost("no metricSourceRef: the SLI reads the Prometheus source named 'prometheus'; declare it"));
    return "prometheus";
  }

  private String query(MetricSource source) {
    known(source.spec(), "query");
    return source.spec().at("query").required();
  }

  /** The spec's fields, each one Vigil does not read named among the lost. */
  private Map<String, OpenSloNode> known(OpenSloNode spec, String... names) {
    Map<String, OpenSloNode> fields = spec.fields();
    Set<String> known = Set.of(names);
    fields.forEach((name, field) -> {
      if (!known.contains(name)) {
        lost.add(field.lost("Vigil reads only " + String.join(", ", names) + " here; left out"));
      }
    });
    return fields;
  }

  private List<BurnRateRule> rules(OpenSloNode policies) {
    List<BurnRateRule> rules = new ArrayList<>();
    for (OpenSloNode item : policies.items()) {
      String ref = item.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode ? item.text()
          : item.at("alertPolicyRef").text();
      OpenSloNode policy = item;
      if (ref != null) {
        policy = alertPolicies.get(ref);
        if (policy == null) {
          throw item.refused("no AlertPolicy named '" + ref + "' in the file");
        }
        used.add(policy.object());
      }
      OpenSloNode spec = policy.at("spec");
      if ("false".equals(spec.at("alertWhenBreaching").text())) {
        lost.add(spec.at("alertWhenBreaching").lost("a policy that never alerts on a breach; left out"));
        continue;
      }
      if ("true".equals(spec.at("alertWhenNoData").text())) {
        lost.add(spec.at("alertWhenNoData").lost("Vigil shows an SLO without data as such on its page and does not"
            + " page for it"));
      }
      for (OpenSloNode condition : spec.at("conditions").items()) {
        String conditionRef = condition.at("conditionRef").text();
        if (conditionRef != null) {
          condition = alertConditions.get(conditionRef);
          if (condition == null) {
            throw spec.at("conditions").refused("no AlertCondition named '" + conditionRef + "' in the file");
          }
          used.add(condition.object());
        }
        BurnRateRule rule = rule(condition);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    return rules.equals(OpenSloWriter.defaultRules()) ? List.of() : rules;
  }

  private BurnRateRule rule(OpenSloNode condition) {
    OpenSloNode spec = condition.at("spec");
    OpenSloNode kind = spec.at("condition").at("kind");
    if (kind.present() && !"burnrate".equals(kind.text())) {
      lost.add(kind.lost(kind.text() + " is not a condition Vigil has; left out"));
      return null;
    }
    OpenSloNode severity = spec.at("severity");
    SloAlerting response = switch (severity.required().toLowerCase(Locale.ROOT)) {
      case "page" -> SloAlerting.PAGE;
      case "ticket" -> SloAlerting.TICKET;
      default -> {
        lost.add(severity.lost("Vigil's burn-rate rules page or open a ticket: severity " + severity.text()
            + " is read as page"));
        yield SloAlerting.PAGE;
      }
    };
    OpenSloNode threshold = spec.at("condition").at("threshold");
    BigDecimal rate = decimal(threshold);
    if (rate.signum() <= 0) {
      throw threshold.refused("expected a burn rate above 0, got " + threshold.text());
    }
    Duration lookback = OpenSloDurations.fixed(spec.at("condition").at("lookbackWindow"));
    OpenSloNode after = spec.at("condition").at("alertAfter");
    if (after.present() && !OpenSloDurations.fixed(after).isZero()) {
      lost.add(after.lost("Vigil alerts as soon as both lookbacks burn, and checks the short one instead of waiting"));
    }
    OpenSloNode shortWindow = condition.at("metadata").at("annotations").at(SHORT_WINDOW);
    Duration check;
    if (shortWindow.present()) {
      check = OpenSloDurations.fixed(shortWindow);
    } else {
      check = lookback.dividedBy(12);
      lost.add(spec.at("condition").lost("OpenSLO has no short window: Vigil checks the last twelfth of the lookback ("
          + dev.vigil.system.CatalogDurations.text(check) + "), as the SRE workbook does"));
    }
    if (check.isZero() || check.compareTo(lookback) >= 0) {
      throw shortWindow.refused("the short window must be shorter than the lookback window");
    }
    return new BurnRateRule(response, rate.doubleValue(), lookback, check);
  }

  private static SloAlerting alerting(OpenSloNode field) {
    try {
      return Catalog.SloAlerting.valueOf(field.required().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw field.refused("expected page, ticket or none, got '" + field.text() + "'");
    }
  }

  private static List<Double> thresholds(OpenSloNode field) {
    List<Double> thresholds = new ArrayList<>();
    for (String part : field.required().split(",")) {
      try {
        thresholds.add(new BigDecimal(part.strip()).doubleValue());
      } catch (NumberFormatException e) {
        throw field.refused("expected percentages separated by commas, such as 50,75,100, got '" + field.text() + "'");
      }
    }
    return thresholds;
  }

  /** What Vigil keeps of an object's metadata is its name; a display name, labels and other annotations are lost. */
  private void metadata(OpenSloNode doc) {
    OpenSloNode metadata = doc.at("metadata");
    lose(metadata.at("displayName"), "Vigil names things by their name alone");
    lose(metadata.at("labels"), "Vigil keeps no labels on an SLO");
    metadata.at("annotations").fields().forEach((key, value) -> {
      if (!key.startsWith(ANNOTATION)) {
        lost.add(value.lost("Vigil keeps no annotations but its own (" + ANNOTATION + ")"));
      }
    });
  }

  private void unused(Map<String, OpenSloNode> objects, String kind) {
    objects.values().stream().filter(o -> !used.contains(o.object()))
        .forEach(o -> lost.add(o.object() + ": no SLO of the file uses this " + kind + "; left out"));
  }

  private void lose(OpenSloNode field, String why) {
    if (field.present()) {
      lost.add(field.lost(why));
    }
  }

  private static BigDecimal decimal(OpenSloNode field) {
    String text = field.required();
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw field.refused("expected a number, got '" + text + "'");
    }
  }
}
