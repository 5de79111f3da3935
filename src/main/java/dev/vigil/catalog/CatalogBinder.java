package dev.vigil.catalog;

import dev.vigil.catalog.Catalog.ContactMethod;
import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.catalog.Catalog.Contract;
import dev.vigil.catalog.Catalog.ContractPeriod;
import dev.vigil.catalog.Catalog.CreditTier;
import dev.vigil.catalog.Catalog.Customer;
import dev.vigil.catalog.Catalog.EscalationPolicy;
import dev.vigil.catalog.Catalog.EscalationStep;
import dev.vigil.catalog.Catalog.Heartbeat;
import dev.vigil.catalog.Catalog.Integration;
import dev.vigil.catalog.Catalog.IntegrationType;
import dev.vigil.catalog.Catalog.Layer;
import dev.vigil.catalog.Catalog.Restriction;
import dev.vigil.catalog.Catalog.RotationType;
import dev.vigil.catalog.Catalog.RoutingRule;
import dev.vigil.catalog.Catalog.Schedule;
import dev.vigil.catalog.Catalog.Service;
import dev.vigil.catalog.Catalog.ServiceKind;
import dev.vigil.catalog.Catalog.SupportHours;
import dev.vigil.catalog.Catalog.Target;
import dev.vigil.catalog.Catalog.Team;
import dev.vigil.catalog.Catalog.User;
import dev.vigil.catalog.YamlValue.Entry;
import dev.vigil.catalog.YamlValue.Mapping;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the {@link Catalog} from a tree that passed every check, so it can read values without
 * re-checking them; absent optional values become null, or empty for lists and maps.
 */
final class CatalogBinder {

  /** The role of a user who does not declare one. */
  static final String DEFAULT_ROLE = "responder";

  private CatalogBinder() {}

  static Catalog bind(Mapping root) {
    return new Catalog(
        Integer.parseInt(root.text("version").strip()),
        each(root, "teams", CatalogBinder::team),
        each(root, "users", CatalogBinder::user),
        each(root, "services", CatalogBinder::service),
        each(root, "integrations", CatalogBinder::integration),
        each(root, "schedules", CatalogBinder::schedule),
        each(root, "escalation_policies", CatalogBinder::escalationPolicy),
        each(root, "customers", CatalogBinder::customer),
        root.get("incident_policy") instanceof Mapping policy ? incidentPolicy(policy) : null,
        each(root, "status_pages", CatalogBinder::statusPage),
        each(root, "prometheus", p -> new Catalog.PrometheusSource(p.text("name"), p.text("url"),
            p.text("bearer_token"), p.get("basic_auth") instanceof Mapping a
                ? new Catalog.BasicAuth(a.text("username"), a.text("password")) : null,
            duration(p.text("timeout")))),
        each(root, "change_freezes", f -> new Catalog.ChangeFreeze(f.text("name"), strings(f, "services"),
            strings(f, "teams"), f.text("reason"), f.text("time_zone"), f.text("start"), f.text("end"),
            strings(f, "days"), f.text("from"), f.text("to"))));
  }

  private static Catalog.StatusPage statusPage(Mapping m) {
    return new Catalog.StatusPage(m.text("slug"), m.text("title"), m.text("description"), m.text("time_zone"),
        each(m, "components", c -> new Catalog.StatusComponent(c.text("name"), c.text("description"),
            c.text("group"), strings(c, "services"), strings(c, "probes"))),
        m.get("incidents") instanceof Mapping i ? new Catalog.StatusPageIncidents(i.text("min_severity"),
            integer(i.text("history_days"))) : null,
        bool(m.text("uptime_bars")),
        m.get("subscriptions") instanceof Mapping s ? new Catalog.StatusPageSubscriptions(bool(s.text("email")),
            bool(s.text("webhook"))) : null);
  }

  private static Catalog.IncidentPolicy incidentPolicy(Mapping m) {
    return new Catalog.IncidentPolicy(
        m.get("severities") == null ? null : each(m, "severities", l -> new Catalog.SeverityLevel(l.text("name"),
            l.text("description"), enumValue(Catalog.Paging.class, l.text("paging")), bool(l.text("notify_stakeholders")),
            bool(l.text("postmortem")), l.text("status_update_template"))),
        m.get("rules") == null ? null : each(m, "rules", r -> new Catalog.SeverityRule(r.text("name"),
            r.text("severity"), strings(r, "tiers").stream().map(t -> Integer.valueOf(t.strip())).toList(),
            r.text("min_user_share") == null ? null : number(r.text("min_user_share")),
            r.text("min_customers") == null ? null : Integer.valueOf(r.text("min_customers").strip()),
            bool(r.text("payment_path")), bool(r.text("data_integrity")), bool(r.text("regulatory")),
            strings(r, "services"), strings(r, "alert_severities"),
            r.get("labels") == null ? null : stringMap(r, "labels"))),
        m.text("default_severity"),
        m.text("postmortem_due_days") == null ? null : Integer.valueOf(m.text("postmortem_due_days").strip()),
        duration(m.text("reminder_interval")), m.text("business_time_zone"), strings(m, "holidays"));
  }

  private static Boolean bool(String text) {
    return text == null ? null : Boolean.valueOf(text.strip());
  }

  private static Team team(Mapping m) {
    return new Team(m.text("name"), m.text("description"), strings(m, "members"), m.text("slack_channel"));
  }

  private static User user(Mapping m) {
    String role = m.text("role");
    return new User(m.text("name"), m.text("full_name"), m.text("email"), m.text("time_zone"),
        role == null ? DEFAULT_ROLE : role, each(m, "contact_methods",
            c -> new ContactMethod(enumValue(ContactType.class, c.text("type")), c.text("address"), c.text("label"))),
        m.get("shift_notice") instanceof Mapping notice ? new Catalog.ShiftNotice(duration(notice.text("before")),
            notice.text("enabled") == null ? null : Boolean.valueOf(notice.text("enabled").strip())) : null);
  }

  private static Service service(Mapping m) {
    return new Service(m.text("name"), m.text("description"), m.text("team"), Integer.parseInt(m.text("tier").strip()),
        enumValue(ServiceKind.class, m.text("kind")), strings(m, "depends_on"), m.text("runbook_url"),
        duration(m.text("rto")), duration(m.text("rpo")), m.text("escalation_policy"), stringMap(m, "tags"),
        m.get("support_hours") instanceof Mapping hours ? supportHours(hours) : null,
        each(m, "heartbeats", CatalogBinder::heartbeat), each(m, "probes", CatalogBinder::probe),
        each(m, "maintenance_windows", CatalogBinder::maintenanceWindow),
        m.get("impact") instanceof Mapping impact ? new Catalog.Impact(
            impact.text("user_share") == null ? null : number(impact.text("user_share")),
            bool(impact.text("payment_path")), bool(impact.text("data_integrity")), bool(impact.text("regulatory")))
            : null,
        bool(m.text("correlate_upstream")), strings(m, "subscribers"),
        m.text("runbook") == null ? null : new Catalog.Runbook(m.text("runbook"), null),
        each(m, "slos", CatalogBinder::slo),
        enumValue(Catalog.ErrorBudgetPolicy.class, m.text("error_budget_policy")),
        m.get("monitoring") instanceof Mapping monitoring ? monitoring(monitoring) : null);
  }

  private static Catalog.Monitoring monitoring(Mapping m) {
    return new Catalog.Monitoring(m.text("job"), strings(m, "targets"),
        enumValue(Catalog.HttpMetrics.class, m.text("http_metrics")),
        m.get("thresholds") instanceof Mapping t ? new Catalog.Thresholds(duration(t.text("firing_after")),
            t.text("error_percent") == null ? null : number(t.text("error_percent")), duration(t.text("latency_p99")),
            t.text("saturation_percent") == null ? null : number(t.text("saturation_percent")),
            duration(t.text("replication_lag")), duration(t.text("long_transaction")),
            duration(t.text("disk_full_within")),
            t.text("queue_depth") == null ? null : Long.valueOf(t.text("queue_depth").strip()),
            duration(t.text("oldest_job_age"))) : null,
        each(m, "rules", r -> new Catalog.ExtraRule(r.text("alert"), r.text("expr").strip(),
            duration(r.text("firing_after")), r.text("severity"), r.text("summary"), r.text("description"))),
        strings(m, "disabled"), bool(m.text("self")));
  }

  /** An SLO from a tree that passed the checks; also what the API's services are bound with. */
  static Catalog.Slo slo(Mapping m) {
    Mapping sli = (Mapping) m.get("sli");
    return new Catalog.Slo(m.text("name"), m.text("description"), number(m.text("objective")),
        m.text("window").strip(), m.text("time_zone"), enumValue(Catalog.SloBudgeting.class, m.text("budgeting")),
        m.get("timeslice") instanceof Mapping t
            ? new Catalog.Timeslice(duration(t.text("length")), number(t.text("objective"))) : null,
        enumValue(Catalog.SloAlerting.class, m.text("alerting")),
        each(m, "burn_rate_rules", r -> new Catalog.BurnRateRule(enumValue(Catalog.SloAlerting.class,
            r.text("response")), number(r.text("burn_rate")), duration(r.text("long_window")),
            duration(r.text("short_window")))),
        strings(m, "budget_thresholds").stream().map(CatalogBinder::number).toList(),
        new Catalog.Sli(
            sli.get("probe") instanceof Mapping p
                ? new Catalog.ProbeSli(p.text("probe"), duration(p.text("latency_below"))) : null,
            sli.get("prometheus") instanceof Mapping p ? new Catalog.PrometheusSli(p.text("source"), p.text("good"),
                p.text("bad"), p.text("total"), p.text("histogram"), duration(p.text("latency_below")),
                p.text("query"), optionalNumber(p.text("good_at_most")), optionalNumber(p.text("good_at_least")))
                : null,
            sli.get("incidents") instanceof Mapping i ? new Catalog.IncidentSli(strings(i, "severities")) : null));
  }

  private static Heartbeat heartbeat(Mapping m) {
    return new Heartbeat(m.text("name"), m.text("description"), duration(m.text("period")),
        m.text("cron") == null ? null : m.text("cron").strip(), m.text("time_zone"), duration(m.text("grace")),
        m.text("severity"), m.text("token"));
  }

  /** A probe from a tree that passed the checks; also what the API's probes are bound with. */
  static Catalog.Probe probe(Mapping m) {
    return new Catalog.Probe(m.text("name"), probeSpec(m), duration(m.text("interval")), duration(m.text("timeout")),
        integer(m.text("failures_before_down")), integer(m.text("successes_before_up")), m.text("severity"),
        strings(m, "locations"), integer(m.text("quorum")));
  }

  /** The settings under the key the probe's kind names; the schema checks made sure they are there. */
  private static Catalog.ProbeSpec probeSpec(Mapping m) {
    Catalog.ProbeKind kind = enumValue(Catalog.ProbeKind.class, m.text("kind"));
    Mapping s = (Mapping) m.get(kind.value());
    return switch (kind) {
      case HTTP -> httpProbe(s);
      case TCP -> new Catalog.TcpProbe(s.text("host"), Integer.parseInt(s.text("port").strip()), s.text("send"),
          s.text("expect"), enumValue(Catalog.IpVersion.class, s.text("ip_version")));
      case DNS -> new Catalog.DnsProbe(s.text("name"), s.text("record_type"), s.text("server"), strings(s, "expect"));
      case TLS -> new Catalog.TlsProbe(s.text("host"), integer(s.text("port")), s.text("server_name"),
          integer(s.text("expiry_days")), bool(s.text("verify_hostname")), s.text("trusted_certificates"));
      case POSTGRES -> new Catalog.PostgresProbe(s.text("url"), s.text("host"), integer(s.text("port")),
          s.text("database"), s.text("user"), s.text("password"), s.text("sslmode"), s.text("query"),
          duration(s.text("max_replication_lag")), optionalNumber(s.text("max_connections_percent")),
          duration(s.text("max_transaction_age")), integer(s.text("max_lock_waits")),
          optionalNumber(s.text("max_wraparound_percent")));
      case REDIS -> new Catalog.RedisProbe(s.text("host"), integer(s.text("port")), s.text("username"),
          s.text("password"), s.text("role"), duration(s.text("max_replication_lag")),
          optionalNumber(s.text("max_memory_percent")), longValue(s.text("max_evictions")));
      case ELASTICSEARCH -> new Catalog.ElasticsearchProbe(s.text("url"), s.text("username"), s.text("password"),
          s.text("api_key"), s.text("worst_status"), integer(s.text("max_unassigned_shards")),
          longValue(s.text("max_search_rejections")), s.text("trusted_certificates"));
    };
  }

  private static Double optionalNumber(String text) {
    return text == null ? null : number(text);
  }

  private static Long longValue(String text) {
    return text == null ? null : Long.valueOf(text.strip());
  }

  private static Catalog.HttpProbe httpProbe(Mapping m) {
    return new Catalog.HttpProbe(m.text("url"), m.text("method"), stringMap(m, "headers"), m.text("body"),
        strings(m, "expected_status").stream().map(c -> Integer.valueOf(c.strip())).toList(),
        duration(m.text("max_response_time")), m.text("body_contains"), m.text("body_matches"),
        each(m, "json_path", a -> new Catalog.JsonPathAssertion(a.text("path"), a.text("equals"), a.text("matches"))),
        bool(m.text("follow_redirects")), integer(m.text("cert_expiry_days")), m.text("trusted_certificates"),
        m.get("client_certificate") instanceof Mapping c
            ? new Catalog.ClientCertificate(c.text("file"), c.text("password")) : null,
        enumValue(Catalog.IpVersion.class, m.text("ip_version")));
  }

  static Catalog.MaintenanceWindow maintenanceWindow(Mapping m) {
    return new Catalog.MaintenanceWindow(m.text("name"), m.text("time_zone"), m.text("start"), m.text("end"),
        strings(m, "days"), m.text("from"), m.text("to"));
  }

  private static Integer integer(String text) {
    return text == null ? null : Integer.valueOf(text.strip());
  }

  private static SupportHours supportHours(Mapping m) {
    return new SupportHours(m.text("time_zone"), strings(m, "days"), m.text("from"), m.text("to"));
  }

  private static Integration integration(Mapping m) {
    return new Integration(m.text("name"), enumValue(IntegrationType.class, m.text("type")), m.text("service"),
        each(m, "routing", r -> new RoutingRule(stringMap(r, "match"), r.text("service"))),
        m.text("default_service"), m.text("key"), strings(m, "group_by"),
        m.text("auto_resolve") == null ? null : Boolean.valueOf(m.text("auto_resolve").strip()),
        duration(m.text("reopen_window")),
        m.text("rate_limit") == null ? null : Integer.valueOf(m.text("rate_limit").strip()));
  }

  private static Schedule schedule(Mapping m) {
    return new Schedule(m.text("name"), m.text("description"), m.text("time_zone"), each(m, "layers", CatalogBinder::layer),
        each(m, "overrides", o -> new Catalog.ScheduleOverride(o.text("start"), o.text("end"), o.text("add"),
            o.text("remove"), o.text("note"))),
        each(m, "temporary", t -> new Catalog.TemporarySchedule(t.text("name"), t.text("start"), t.text("end"),
            each(t, "shifts", s -> new Catalog.TemporaryShift(s.text("start"), s.text("end"), strings(s, "users"))))));
  }

  private static Layer layer(Mapping m) {
    return new Layer(m.text("name"), enumValue(RotationType.class, m.text("rotation")), duration(m.text("shift_length")),
        m.text("start"), strings(m, "participants"),
        each(m, "restrictions", r -> new Restriction(strings(r, "days"), r.text("from"), r.text("to"))));
  }

  private static EscalationPolicy escalationPolicy(Mapping m) {
    String repeat = m.text("repeat");
    return new EscalationPolicy(m.text("name"), m.text("description"), repeat == null ? 0 : Integer.parseInt(repeat.strip()),
        duration(m.text("ack_timeout")), each(m, "steps", s -> new EscalationStep(duration(s.text("delay")),
            targets(s))),
        m.get("management_step") instanceof Mapping management ? new Catalog.ManagementStep(targets(management))
            : null);
  }

  private static List<Target> targets(Mapping m) {
    return each(m, "targets", t -> new Target(t.text("user"), t.text("schedule"), t.text("team")));
  }

  private static Customer customer(Mapping m) {
    return new Customer(m.text("name"), m.text("description"), strings(m, "contacts"), each(m, "contracts",
        c -> new Contract(c.text("name"), strings(c, "services"), number(c.text("availability")),
            enumValue(ContractPeriod.class, c.text("period")), each(c, "credit_tiers",
                t -> new CreditTier(number(t.text("below")), number(t.text("credit_percent")))),
            c.text("slo"), c.text("fee") == null ? null : new BigDecimal(c.text("fee").strip()),
            c.text("currency"))));
  }

  private static <T> List<T> each(Mapping m, String key, Function<Mapping, T> bind) {
    return m.mappings(key).stream().map(bind).toList();
  }

  private static List<String> strings(Mapping m, String key) {
    return m.get(key) instanceof YamlValue.Sequence s ? s.items().stream().map(YamlValue::text).toList() : List.of();
  }

  private static Map<String, String> stringMap(Mapping m, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (m.get(key) instanceof Mapping map) {
      for (Entry e : map.entries()) {
        out.put(e.key().text(), YamlValue.text(e.value()));
      }
    }
    return out;
  }

  private static Duration duration(String text) {
    return text == null ? null : Durations.parse(text.strip());
  }

  private static double number(String text) {
    return new BigDecimal(text.strip()).doubleValue();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String yamlName) {
    return yamlName == null ? null : Enum.valueOf(type, yamlName.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
