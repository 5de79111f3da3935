package dev.vigil.catalog;

import dev.vigil.catalog.Catalog.ContactType;
import dev.vigil.catalog.Catalog.ContractPeriod;
import dev.vigil.catalog.Catalog.ErrorBudgetPolicy;
import dev.vigil.catalog.Catalog.HttpMetrics;
import dev.vigil.catalog.Catalog.IntegrationType;
import dev.vigil.catalog.Catalog.IpVersion;
import dev.vigil.catalog.Catalog.Paging;
import dev.vigil.catalog.Catalog.ProbeKind;
import dev.vigil.catalog.Catalog.RotationType;
import dev.vigil.catalog.Catalog.ServiceKind;
import dev.vigil.catalog.Catalog.SloAlerting;
import dev.vigil.catalog.Catalog.SloBudgeting;
import dev.vigil.catalog.SchemaType.BooleanType;
import dev.vigil.catalog.SchemaType.DurationType;
import dev.vigil.catalog.SchemaType.ExactlyOneOf;
import dev.vigil.catalog.SchemaType.Field;
import dev.vigil.catalog.SchemaType.IntegerType;
import dev.vigil.catalog.SchemaType.ListType;
import dev.vigil.catalog.SchemaType.LocalDateTimeType;
import dev.vigil.catalog.SchemaType.LocalTimeType;
import dev.vigil.catalog.SchemaType.NumberType;
import dev.vigil.catalog.SchemaType.ObjectType;
import dev.vigil.catalog.SchemaType.OnlyWhen;
import dev.vigil.catalog.SchemaType.ReferenceType;
import dev.vigil.catalog.SchemaType.StringMapType;
import dev.vigil.catalog.SchemaType.StringType;
import dev.vigil.catalog.SchemaType.TimeZoneType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalog file format ({@code vigil.yaml}, version 1), described once; {@link #jsonSchema()} renders
 * it as the JSON Schema that editors use, and the loader validates files against the same description.
 */
public final class CatalogSchema {

  /** Where the generated JSON Schema is kept in the repository. */
  public static final Path DEFAULT_LOCATION = Path.of("docs", "vigil.schema.json");

  private static final String NAME_PATTERN = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

  static final StringType NAME = string(NAME_PATTERN, "use lowercase letters, digits and hyphens, such as payment-api");
  static final StringType TEXT = new StringType(null, null, null, false);
  static final StringType NON_BLANK = string("\\S", "must not be empty");
  static final StringType EMAIL =
      string("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "expected an email address such as ana@example.com");
  static final StringType SEVERITY_NAME = string("^[A-Za-z0-9][A-Za-z0-9_-]*$",
      "use letters, digits, '-' and '_', such as SEV1 or P1");
  static final StringType URL = string("^https?://\\S+$", "expected an http:// or https:// URL");
  static final StringType SLACK_CHANNEL = string("^#?[a-z0-9][a-z0-9._-]*$", "expected a Slack channel such as #payments");
  static final StringType INTEGRATION_KEY = new StringType("^[A-Za-z0-9_-]{20,}$",
      "a key is at least 20 characters of A-Z, a-z, 0-9, '_' and '-'", null, true);
  /** The roles a user may have: {@code security.Role} less the agent's, which only tokens have. */
  static final List<String> ROLES = List.of("admin", "responder", "viewer");
  /** How bad an alert is, as {@code incident.AlertSeverity} spells it (which sits above the catalog). */
  static final List<String> ALERT_SEVERITIES = List.of("critical", "error", "warning", "info");
  static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  static final ObjectType TEAM = object("team", "team", Kind.TEAM, "A group of people who own services.",
      required("name", NAME, "Unique name of the team: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the team does, for people reading the catalog."),
      optional("members", new ListType(new ReferenceType(Kind.USER), 0, true), "Names of the users in the team."),
      optional("slack_channel", SLACK_CHANNEL,
          "Slack channel where the team talks about incidents, such as #payments."));

  static final ObjectType CONTACT_METHOD = object("contact_method", "contact method", null,
      "One way to reach a user; Vigil tries a user's contact methods in the order listed.",
      required("type", enumOf(ContactType.class), "Channel: email, sms, voice, slack, teams or webhook."),
      required("address", NON_BLANK, "Where to send: an email address; a phone number in E.164 form such as"
          + " +4915112345678 for sms and voice; a Slack member or channel ID; a Teams or webhook URL."),
      optional("label", TEXT, "A name for this contact method, such as 'work phone'."));

  static final ObjectType SHIFT_NOTICE = object("shift_notice", "shift notice", null,
      "A heads-up before each on-call shift, with a summary of the open incidents, sent to the first contact method.",
      required("before", new DurationType(true), "How long before a shift starts the notice goes out, such as 12h."),
      optional("enabled", new BooleanType(), "Set false to stop the notices without deleting the setting; true when"
          + " absent."));

  static final ObjectType USER = object("user", "user", Kind.USER, "A person who can be paged.",
      required("name", NAME, "Unique short handle of the user, such as ana; lowercase letters, digits and hyphens."),
      optional("full_name", TEXT, "The user's full name as shown in the UI and in notifications."),
      required("email", EMAIL, "The user's email address; also the address for sign-in and email notifications."),
      optional("time_zone", new TimeZoneType(),
          "IANA time zone of the user, such as Europe/Berlin, for showing shifts."),
      optional("role", new StringType(null, null, ROLES, false),
          "What the user may do in Vigil: admin, responder (the default) or viewer."),
      optional("contact_methods", new ListType(CONTACT_METHOD, 0, false),
          "How to reach the user, in order of preference."),
      optional("shift_notice", SHIFT_NOTICE,
          "A heads-up before each of the user's on-call shifts; no notices when absent."));

  static final ObjectType SUPPORT_HOURS = object("support_hours", "support hours", null,
      "When a service is staffed; low-urgency incidents page only inside these hours.",
      required("time_zone", new TimeZoneType(), "IANA time zone of the hours, such as Europe/Paris."),
      optional("days", new ListType(new StringType(null, null, DAYS, false), 1, true),
          "Weekdays the hours apply to, mon to sun; monday to friday when absent."),
      required("from", new LocalTimeType(), "Start of the hours, HH:MM on a 24-hour clock."),
      required("to", new LocalTimeType(), "End of the hours, HH:MM; before 'from' runs past midnight."));

  static final ObjectType HEARTBEAT = object("heartbeat", "heartbeat", null,
      "A job that pings its URL when it runs; a ping that is overdue by the grace time opens an incident.",
      required("name", NAME, "Name of the heartbeat, unique within its service: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the job does, for the people paged when it stops."),
      optional("period", new DurationType(true),
          "Expected time between pings, such as 1m for Alertmanager's Watchdog; not with 'cron'."),
      optional("cron", NON_BLANK, "When the job runs, as five crontab fields (minute hour day-of-month month"
          + " day-of-week), such as '30 2 * * *'; not with 'period'."),
      optional("time_zone", new TimeZoneType(), "IANA time zone of 'cron', such as Europe/Berlin; UTC when absent."),
      optional("grace", new DurationType(true),
          "How late a ping may be before the heartbeat is down and an incident opens; 1h when absent."),
      optional("severity", new StringType(null, null, ALERT_SEVERITIES, false),
          "Severity of the alert when the heartbeat is down: critical, error (the default), warning or info."),
      optional("token", INTEGRATION_KEY, "Secret token in the ping URL, at least 20 characters of A-Z, a-z, 0-9,"
          + " '_' and '-'; generated when absent. Write ${ENV_VAR} or ${file:/path} to keep it out of Git."))
      .withRules(new ExactlyOneOf(List.of(List.of("period"), List.of("cron", "time_zone"))));

  static final StringType HOST = string("^[A-Za-z0-9_.:-]+$", "expected a host name or an IP address, such as api.example.com");
  static final IntegerType PORT = new IntegerType(1L, 65535L);
  static final StringType FILE = NON_BLANK;
  static final List<String> HTTP_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  static final List<String> DNS_RECORD_TYPES =
      List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SRV", "SOA", "PTR", "CAA");

  static final ObjectType JSON_PATH_ASSERTION = object("json_path_assertion", "JSONPath assertion", null,
      "A JSONPath into the response body that must find a value; with 'equals' or 'matches' the value must also fit.",
      required("path", NON_BLANK, "JSONPath expression, such as $.status or $.checks[0].state."),
      optional("equals", TEXT, "Text the value found must equal (numbers and booleans as written, such as 200 or true)."),
      optional("matches", NON_BLANK, "Regular expression (Java syntax) the value found must contain a match of."));

  static final ObjectType CLIENT_CERTIFICATE = object("client_certificate", "client certificate", null,
      "A client certificate and its key, presented to servers that ask for one.",
      required("file", FILE, "Path of a PKCS#12 file (.p12) with the certificate and its private key."),
      optional("password", TEXT, "Password of the PKCS#12 file; write ${ENV_VAR} or ${file:/path} to keep it out of Git."));

  static final ObjectType HTTP_PROBE = object("http_probe", "http probe", null,
      "An HTTP or HTTPS request and what its answer must be.",
      required("url", URL, "The URL to request, http:// or https://."),
      optional("method", new StringType(null, null, HTTP_METHODS, false), "HTTP method; GET when absent."),
      optional("headers", new StringMapType(0), "Request headers, such as Authorization: Bearer ${API_TOKEN}."),
      optional("body", TEXT, "Request body, sent as written."),
      optional("expected_status", new ListType(new IntegerType(100L, 599L), 1, true),
          "Status codes that count as success, such as [200, 204]; any 2xx when absent."),
      optional("max_response_time", new DurationType(true),
          "A slower answer is a failure even when it is correct, such as 2s; only the timeout when absent."),
      optional("body_contains", NON_BLANK, "Text the response body must contain."),
      optional("body_matches", NON_BLANK, "Regular expression (Java syntax) the response body must contain a match of."),
      optional("json_path", new ListType(JSON_PATH_ASSERTION, 1, false),
          "Assertions on a JSON response body; all must hold."),
      optional("follow_redirects", new BooleanType(),
          "Follow redirects to the final answer (true, the default), or judge the redirect itself (false)."),
      optional("cert_expiry_days", new IntegerType(0L, 3650L),
          "For https: fail when the server's certificate expires within this many days, such as 14; not checked when"
              + " absent."),
      optional("trusted_certificates", FILE,
          "Path of a PEM file with the certificates to trust for https, such as an internal CA; the JDK's trusted"
              + " authorities when absent."),
      optional("client_certificate", CLIENT_CERTIFICATE, "Client certificate to present over https."),
      optional("ip_version", enumOf(IpVersion.class),
          "Connect over ipv4 or ipv6 only; the first address the system resolves when absent."));

  static final ObjectType TCP_PROBE = object("tcp_probe", "tcp probe", null,
      "A TCP connection, optionally with a line sent and an answer expected.",
      required("host", HOST, "Host name or IP address to connect to."),
      required("port", PORT, "TCP port to connect to."),
      optional("send", TEXT, "Text sent once connected, such as PING followed by a line break."),
      optional("expect", NON_BLANK, "Regular expression (Java syntax) the answer must contain a match of, such as"
          + " ^\\+PONG."),
      optional("ip_version", enumOf(IpVersion.class),
          "Connect over ipv4 or ipv6 only; the first address the system resolves when absent."));

  static final ObjectType DNS_PROBE = object("dns_probe", "dns probe", null,
      "A DNS query and the answer it must get.",
      required("name", NON_BLANK, "Name to look up, such as api.example.com."),
      optional("record_type", new StringType(null, null, DNS_RECORD_TYPES, false),
          "Record type to ask for: A (the default), AAAA, CNAME, MX, NS, TXT, SRV, SOA, PTR or CAA."),
      optional("server", string("^[A-Za-z0-9_.:\\[\\]-]+$", "expected host, host:port or [IPv6]:port, such as"
          + " 10.0.0.2:53"), "DNS server to ask, as host or host:port (IPv6 in brackets); the system's resolver"
          + " when absent."),
      optional("expect", new ListType(NON_BLANK, 1, true),
          "Values the answer must include, as DNS writes them, such as 192.0.2.10 or 10 mail.example.com.; any"
              + " answer when absent."));

  static final ObjectType TLS_PROBE = object("tls_probe", "tls probe", null,
      "A TLS handshake whose server certificate must be trusted, valid for the host and not about to expire.",
      required("host", HOST, "Host name or IP address to connect to."),
      optional("port", PORT, "TCP port; 443 when absent."),
      optional("server_name", NON_BLANK, "Name sent in the handshake (SNI) and checked against the certificate;"
          + " 'host' when absent."),
      optional("expiry_days", new IntegerType(0L, 3650L),
          "Fail when the certificate expires within this many days; 14 when absent."),
      optional("verify_hostname", new BooleanType(),
          "Fail when the certificate is not valid for the server name; true when absent."),
      optional("trusted_certificates", FILE,
          "Path of a PEM file with the certificates to trust; the JDK's trusted authorities when absent."));

  static final NumberType PERCENT = new NumberType(0.0, false, 100.0);

  static final ObjectType POSTGRES_PROBE = object("postgres_probe", "postgres probe", null,
      "A PostgreSQL server: a fresh connection, a query, and the thresholds that are set (each unchecked when absent).",
      optional("url", string("^jdbc:postgresql://\\S+$", "expected a JDBC URL such as"
          + " jdbc:postgresql://db.example.com:5432/app"), "JDBC URL to connect to, such as"
          + " jdbc:postgresql://db.example.com:5432/app?sslmode=require; not with 'host'."),
      optional("host", HOST, "Host name or IP address of the server; not with 'url'."),
      optional("port", PORT, "TCP port with 'host'; 5432 when absent."),
      optional("database", NON_BLANK, "Database to connect to with 'host'; postgres when absent."),
      optional("user", NON_BLANK, "Role to log in as; a role with pg_monitor sees other sessions' transactions."),
      optional("password", TEXT, "Password of the role; write ${ENV_VAR} or ${file:/path} to keep it out of"
          + " Git."),
      optional("sslmode", new StringType(null, null,
          List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"), false),
          "TLS to the server, as libpq's sslmode: disable, allow, prefer (the driver's default), require, verify-ca"
              + " or verify-full."),
      optional("query", NON_BLANK, "Query that must run without error; select 1 when absent."),
      optional("max_replication_lag", new DurationType(true), "On a standby: fail when replay is further behind"
          + " than this (now minus the last replayed transaction's time, zero when everything received is"
          + " replayed); on a primary: fail when a standby's replay_lag in pg_stat_replication is above it."),
      optional("max_connections_percent", PERCENT,
          "Fail when client connections exceed this percentage of max_connections, such as 80."),
      optional("max_transaction_age", new DurationType(true),
          "Fail when a transaction has been open longer than this, such as 1h (pg_stat_activity.xact_start)."),
      optional("max_lock_waits", new IntegerType(0L, null),
          "Fail when more sessions than this are waiting for a lock, such as 5."),
      optional("max_wraparound_percent", PERCENT, "Fail when the oldest database's age(datfrozenxid) exceeds this"
          + " percentage of the 2^31 transaction IDs before wraparound, such as 50."))
      .withRules(new ExactlyOneOf(List.of(List.of("url"), List.of("host", "port", "database"))));

  static final ObjectType REDIS_PROBE = object("redis_probe", "redis probe", null,
      "A Redis server: PING, and the checks that are set (each unchecked when absent).",
      required("host", HOST, "Host name or IP address of the server."),
      optional("port", PORT, "TCP port; 6379 when absent."),
      optional("username", NON_BLANK, "ACL user to authenticate as; the default user when absent."),
      optional("password", TEXT, "Password (AUTH); write ${ENV_VAR} or ${file:/path} to keep it out of Git."),
      optional("role", new StringType(null, null, List.of("master", "replica"), false),
          "Role the server must have: master or replica; a replica must also have its link to the master up."),
      optional("max_replication_lag", new DurationType(true), "On a replica: fail when the master was last heard"
          + " from longer ago than this; on a master: fail when a replica's lag is above it."),
      optional("max_memory_percent", PERCENT,
          "Fail when used_memory exceeds this percentage of maxmemory (not checked while maxmemory is 0)."),
      optional("max_evictions", new IntegerType(0L, null),
          "Fail when more keys than this were evicted since the previous check (INFO stats evicted_keys)."));

  static final ObjectType ELASTICSEARCH_PROBE = object("elasticsearch_probe", "elasticsearch probe", null,
      "An Elasticsearch or OpenSearch cluster: its health, and the checks that are set (each unchecked when absent).",
      required("url", URL, "Base URL of a node, such as https://search.example.com:9200."),
      optional("username", NON_BLANK, "User for basic authentication; not with 'api_key'."),
      optional("password", TEXT, "Password for basic authentication; write ${ENV_VAR} or ${file:/path}."),
      optional("api_key", TEXT, "Elasticsearch API key, sent as 'Authorization: ApiKey KEY'; not with"
          + " 'username'."),
      optional("worst_status", new StringType(null, null, List.of("green", "yellow", "red"), false),
          "Worst acceptable _cluster/health status: green (the default), yellow, or red (only reachability)."),
      optional("max_unassigned_shards", new IntegerType(0L, null),
          "Fail when more shards than this are unassigned."),
      optional("max_search_rejections", new IntegerType(0L, null),
          "Fail when the search thread pools rejected more requests than this since the previous check."),
      optional("trusted_certificates", FILE,
          "Path of a PEM file with the certificates to trust for https; the JDK's trusted authorities when absent."));

  static final ObjectType PROBE = object("probe", "probe", null,
      "A synthetic check of the service from outside, run on a schedule; failing ones open an incident.",
      required("name", NAME, "Name of the probe, unique within the service: lowercase letters, digits and hyphens."),
      required("kind", enumOf(ProbeKind.class),
          "What the probe checks: http, tcp, dns, tls, postgres, redis or elasticsearch (also OpenSearch); its"
              + " settings go under the key of that name."),
      optional("interval", new DurationType(true), "How often the probe runs, such as 30s; 1m when absent."),
      optional("timeout", new DurationType(true),
          "How long one check may take before it counts as failed; 10s (or the interval, if shorter) when absent."),
      optional("failures_before_down", new IntegerType(1L, 100L),
          "Failures in a row before the probe counts as down and opens an incident; 2 when absent."),
      optional("successes_before_up", new IntegerType(1L, 100L),
          "Successes in a row before a down probe counts as up again and resolves its alert; 2 when absent."),
      optional("severity", new StringType(null, null, ALERT_SEVERITIES, false),
          "Severity of the alert when the probe goes down: critical, error (the default), warning or info."),
      optional("http", HTTP_PROBE, "Settings of an http probe; only with kind http, and required there."),
      optional("tcp", TCP_PROBE, "Settings of a tcp probe; only with kind tcp, and required there."),
      optional("dns", DNS_PROBE, "Settings of a dns probe; only with kind dns, and required there."),
      optional("tls", TLS_PROBE, "Settings of a tls probe; only with kind tls, and required there."),
      optional("postgres", POSTGRES_PROBE, "Settings of a postgres probe; only with kind postgres, and required there."),
      optional("redis", REDIS_PROBE, "Settings of a redis probe; only with kind redis, and required there."),
      optional("elasticsearch", ELASTICSEARCH_PROBE,
          "Settings of an elasticsearch probe; only with kind elasticsearch, and required there."),
      optional("locations", new ListType(NAME, 1, true), "Remote locations whose agents run the probe (vigil agent"
          + " --location NAME), such as [eu-west, us-east]; the Vigil nodes themselves when absent."),
      optional("quorum", new IntegerType(1L, 100L), "How many of 'locations' must see the probe down for it to be"
          + " down; a majority when absent. Only with 'locations'."))
      .withRules(new OnlyWhen("http", "kind", "http"), new OnlyWhen("tcp", "kind", "tcp"),
          new OnlyWhen("dns", "kind", "dns"), new OnlyWhen("tls", "kind", "tls"),
          new OnlyWhen("postgres", "kind", "postgres"), new OnlyWhen("redis", "kind", "redis"),
          new OnlyWhen("elasticsearch", "kind", "elasticsearch"));

  static final ObjectType MAINTENANCE_WINDOW = object("maintenance_window", "maintenance window", null,
      "A time when the service's probes keep measuring but do not page: once (start and end) or every week"
          + " (days, from and to).",
      optional("name", TEXT, "What the maintenance is, such as 'database upgrade'."),
      required("time_zone", new TimeZoneType(), "IANA time zone of the times, such as Europe/Berlin."),
      optional("start", new LocalDateTimeType(), "Start of a one-off window, such as 2026-12-05T22:00; with 'end'."),
      optional("end", new LocalDateTimeType(), "End of a one-off window, after 'start'."),
      optional("days", new ListType(new StringType(null, null, DAYS, false), 1, true),
          "Weekdays of a weekly window, mon to sun; every day when absent."),
      optional("from", new LocalTimeType(), "Start of a weekly window, HH:MM; with 'to'."),
      optional("to", new LocalTimeType(), "End of a weekly window, HH:MM; before 'from' runs past midnight."))
      .withRules(new ExactlyOneOf(List.of(List.of("start", "end"), List.of("days", "from", "to"))));

  static final ObjectType IMPACT = object("impact", "impact", null,
      "What it means for the business when the service fails; severity rules read it.",
      optional("user_share", new NumberType(0.0, false, 100.0),
          "Percentage of users who notice when the service is down, 0 to 100."),
      optional("payment_path", new BooleanType(), "Money stops moving when the service is down; false when absent."),
      optional("data_integrity", new BooleanType(),
          "A failure may lose or corrupt data; false when absent."),
      optional("regulatory", new BooleanType(),
          "A regulator must be told of outages of the service; false when absent."));

  /** A percentage that leaves something on both sides: an objective of 100 has no error budget. */
  static final NumberType OBJECTIVE = new NumberType(0.0, true, 100.0, true);

  static final StringType SLO_WINDOW = string("^([1-9][0-9]?d|[1-3][0-9][0-9]d|400d|week|month|quarter)$",
      "expected a rolling window of 1d to 400d, such as 28d, or a calendar week, month or quarter");

  static final ObjectType TIMESLICE = object("timeslice", "timeslice", null,
      "How an SLO budgeted by timeslices cuts its window: slices of a length, each good when its own SLI reaches the"
          + " slice objective.",
      required("length", new DurationType(true), "Length of each slice, at least 1m, such as 5m."),
      required("objective", OBJECTIVE, "Percentage a slice's own SLI must reach for the slice to be good, such as"
          + " 95."));

  static final ObjectType BURN_RATE_RULE = object("burn_rate_rule", "burn rate rule", null,
      "Fires when the error budget burns faster than a rate over both a long and a short window (the SRE"
          + " workbook's multiwindow alert).",
      required("response", new StringType(null, null, List.of("page", "ticket"), false),
          "What the rule asks for: page (an incident that pages) or ticket (an incident that does not page)."),
      required("burn_rate", new NumberType(0.0, true, null),
          "How many times faster than the budget allows, such as 14.4; 1 spends the budget exactly over the window."),
      required("long_window", new DurationType(true), "The longer lookback, such as 1h."),
      required("short_window", new DurationType(true),
          "The shorter lookback, shorter than long_window, such as 5m; it makes the alert stop soon after the burn"
              + " does."));

  static final ObjectType PROBE_SLI = object("probe_sli", "probe SLI", null,
      "An SLI from one of the service's own probes: successful checks over checks, across its locations.",
      required("probe", NAME, "Name of a probe of this service."),
      optional("latency_below", new DurationType(true),
          "Count only successful checks faster than this as good, such as 300ms; availability when absent."));

  static final ObjectType PROMETHEUS_SLI = object("prometheus_sli", "Prometheus SLI", null,
      "An SLI from a Prometheus data source: exactly one of good and total, bad and total, histogram and"
          + " latency_below, or a query judged per timeslice.",
      required("source", new ReferenceType(Kind.PROMETHEUS_SOURCE), "Name of a Prometheus source declared under"
          + " prometheus."),
      optional("good", NON_BLANK, "PromQL selector of the counter of good events, such as"
          + " http_requests_total{code!~\"5..\"}; with 'total'."),
      optional("bad", NON_BLANK, "PromQL selector of the counter of bad events, such as"
          + " http_requests_total{code=~\"5..\"}; with 'total'."),
      optional("total", NON_BLANK, "PromQL selector of the counter of all events; with 'good' or 'bad'."),
      optional("histogram", NON_BLANK, "Name of a histogram, such as http_request_duration_seconds; good events are"
          + " its bucket at latency_below. With 'latency_below'."),
      optional("latency_below", new DurationType(true),
          "With 'histogram': the bucket boundary under which an event is good, such as 300ms."),
      optional("query", NON_BLANK, "PromQL query whose value per slice says whether the slice is good (non-zero is"
          + " good unless good_at_most or good_at_least is set); only with budgeting timeslices."),
      optional("good_at_most", new NumberType(null, false, null), "With 'query': a slice is good when the value is"
          + " at most this."),
      optional("good_at_least", new NumberType(null, false, null), "With 'query': a slice is good when the value is"
          + " at least this."))
      .withRules(new ExactlyOneOf(List.of(List.of("good"), List.of("bad"), List.of("histogram"), List.of("query"))));

  static final ObjectType INCIDENT_SLI = object("incident_sli", "incident SLI", null,
      "An SLI from the service's own incidents: time without an open incident of these severities over time, as"
          + " contracts count.",
      required("severities", new ListType(SEVERITY_NAME, 1, true),
          "Severities of the incident policy whose incidents count as downtime, such as [SEV1, SEV2]."));

  static final ObjectType SLI = object("sli", "SLI", null,
      "Where an SLO's good and total events come from: exactly one of probe, prometheus or incidents.",
      optional("probe", PROBE_SLI, "From one of the service's probes."),
      optional("prometheus", PROMETHEUS_SLI, "From a Prometheus data source."),
      optional("incidents", INCIDENT_SLI, "From the service's incidents."))
      .withRules(new ExactlyOneOf(List.of(List.of("probe"), List.of("prometheus"), List.of("incidents"))));

  static final ObjectType SLO = object("slo", "SLO", Kind.SLO,
      "A service level objective: the share of good events, or of good time slices, the service promises over a"
          + " window.",
      required("name", NAME, "Name of the SLO, unique across the whole catalog: lowercase letters, digits and"
          + " hyphens."),
      optional("description", TEXT, "What the SLO promises, in words."),
      required("objective", OBJECTIVE, "Percentage of good events (or slices) promised, above 0 and below 100, such"
          + " as 99.9."),
      required("window", SLO_WINDOW, "Window the objective holds over: rolling days such as 7d, 28d or 30d, or a"
          + " calendar week (from Monday), month or quarter."),
      optional("time_zone", new TimeZoneType(), "IANA time zone calendar windows begin in, such as Europe/Paris;"
          + " only for week, month and quarter; UTC when absent."),
      optional("budgeting", enumOf(SloBudgeting.class),
          "How the budget is counted: occurrences (good events over events, the default) or timeslices (good slices"
              + " over slices, with 'timeslice')."),
      optional("timeslice", TIMESLICE, "Length and objective of the slices; only with budgeting timeslices, and"
          + " required there."),
      optional("alerting", enumOf(SloAlerting.class),
          "What a fast burn asks for: page (the default), ticket (an incident that does not page) or none."),
      optional("burn_rate_rules", new ListType(BURN_RATE_RULE, 0, false),
          "Multiwindow burn-rate rules; the SRE workbook's four when absent (14.4x over 1h and 5m and 6x over 6h and"
              + " 30m page, 3x over 1d and 2h and 1x over 3d and 6h ticket)."),
      optional("budget_thresholds", new ListType(new NumberType(0.0, true, 100.0), 1, true),
          "Percentages of the budget consumed at which the owning team is told, without paging, in increasing"
              + " order; 50, 75 and 100 when absent."),
      required("sli", SLI, "The service level indicator: where good and total events come from."))
      .withRules(new OnlyWhen("timeslice", "budgeting", "timeslices"));

  static final ObjectType MONITORING_THRESHOLDS = object("monitoring_thresholds", "monitoring thresholds section", null,
      "Thresholds of the generated alerts that replace the tier's defaults (docs/monitoring.md lists them).",
      optional("firing_after", new DurationType(true),
          "How long a condition holds before its alert fires (Prometheus's 'for'), such as 5m."),
      optional("error_percent", new NumberType(0.0, true, 100.0, true),
          "Share of failed requests or jobs, in percent, above which the error alerts fire, such as 1."),
      optional("latency_p99", new DurationType(true), "99th percentile latency above which the latency alert fires."),
      optional("saturation_percent", new NumberType(0.0, true, 100.0, true),
          "Use of a limit, in percent, above which the saturation alerts fire: connections, memory, heap, CPU."),
      optional("replication_lag", new DurationType(true),
          "Replication delay above which a standby alerts; the service's RPO when absent."),
      optional("long_transaction", new DurationType(true), "Age of the oldest open transaction that alerts."),
      optional("disk_full_within", new DurationType(true),
          "How far ahead a filesystem predicted to fill alerts, such as 24h."),
      optional("queue_depth", new IntegerType(1L, null), "Jobs waiting in one queue above which a worker alerts."),
      optional("oldest_job_age", new DurationType(true), "Age of the oldest waiting job above which a worker alerts."));

  static final StringType ALERT_NAME = string("^[A-Za-z_][A-Za-z0-9_]*$",
      "expected an alert name of letters, digits and underscores, such as PaymentQueueStuck");

  static final ObjectType EXTRA_RULE = object("monitoring_rule", "monitoring rule", null,
      "An alert rule written by hand, generated with the service's labels and runbook added.",
      required("alert", ALERT_NAME, "Name of the alert, such as PaymentQueueStuck."),
      required("expr", NON_BLANK, "PromQL expression; the alert fires for each series it returns."),
      optional("firing_after", new DurationType(false), "How long the expression must hold before the alert fires."),
      required("severity", new StringType(null, null, List.of("critical", "error", "warning", "info"), false),
          "Severity label, as Vigil's intake reads it: critical, error, warning or info."),
      required("summary", NON_BLANK, "One line saying what is wrong."),
      optional("description", TEXT, "What it means and what to look at first."));

  static final ObjectType MONITORING = object("monitoring", "monitoring", null,
      "How the Prometheus monitoring generated for the service (vigil generate prometheus) watches it.",
      optional("job", string("^[A-Za-z0-9_][A-Za-z0-9_.-]*$", "expected a job name such as postgres-primary"),
          "Prometheus job name of the service's exporter; the service's name when absent."),
      optional("targets", new ListType(string("^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+):[0-9]{1,5}$",
          "expected host:port, such as db1.example.com:9187"), 0, true),
          "Addresses Prometheus scrapes the exporter at, host:port."),
      optional("http_metrics", enumOf(HttpMetrics.class),
          "Which metrics HTTP traffic is read from: micrometer (http_server_requests_seconds, the default for"
              + " http-service), opentelemetry (http_server_request_duration_seconds), haproxy (the default for"
              + " gateway) or nginx (the default for web)."),
      optional("thresholds", MONITORING_THRESHOLDS, "Thresholds that replace the tier's defaults."),
      optional("rules", new ListType(EXTRA_RULE, 0, false), "Alert rules to add, written by hand."),
      optional("disabled", new ListType(ALERT_NAME, 1, true), "Names of generated alerts to leave out."),
      optional("self", new BooleanType(),
          "Whether this service is the monitoring stack itself: its rules get the always-firing Watchdog and the"
              + " alerts on Prometheus's rule evaluation and Alertmanager's notifications."));

  static final ObjectType SERVICE = object("service", "service", Kind.SERVICE,
      "Something that can break: owned by a team and paged through an escalation policy.",
      required("name", NAME, "Unique name of the service: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the service does, for people reading the catalog and the status page."),
      required("team", new ReferenceType(Kind.TEAM), "Name of the team that owns the service."),
      required("tier", new IntegerType(1L, 4L),
          "How critical the service is, from 1 (business stops without it) to 4."),
      optional("kind", enumOf(ServiceKind.class), "What the service is; decides which probes and dashboards fit it."),
      optional("depends_on", new ListType(new ReferenceType(Kind.SERVICE), 0, true),
          "Names of the services this one needs in order to work; used to correlate incidents. No cycles."),
      optional("runbook_url", URL, "Link to the runbook responders open first."),
      optional("rto", new DurationType(true), "Recovery time objective: how long the service may be down, such as 1h."),
      optional("rpo", new DurationType(false),
          "Recovery point objective: how much recent data may be lost, such as 5m; 0s for none."),
      optional("escalation_policy", new ReferenceType(Kind.ESCALATION_POLICY),
          "Name of the escalation policy that pages people when the service has an incident."),
      optional("tags", new StringMapType(0), "Free-form labels, such as zone: eu-central-1a."),
      optional("support_hours", SUPPORT_HOURS,
          "When the service is staffed; low-urgency incidents wait for these hours. Monday to Friday 09:00-17:00"
              + " UTC when absent."),
      optional("heartbeats", list(HEARTBEAT),
          "Jobs of the service that report in by pinging a URL: cron jobs, workers, Alertmanager's Watchdog."),
      optional("probes", new ListType(PROBE, 0, false),
          "Synthetic checks of the service; a probe that goes down opens an incident for the service."),
      optional("maintenance_windows", new ListType(MAINTENANCE_WINDOW, 0, false),
          "Times when the service's probes do not page."),
      optional("impact", IMPACT, "What the service's failure means for users, money, data and regulators."),
      optional("correlate_upstream", new BooleanType(),
          "An alert here joins an open incident of a service this one depends on, directly or not, as downstream"
              + " impact instead of paging this service's team; true when absent."),
      optional("subscribers", new ListType(new ReferenceType(Kind.USER), 0, true),
          "Names of the users who get the status updates of incidents affecting this service."),
      optional("runbook", string("^[^/\\\\].*\\.md$", "expected a Markdown file relative to this file, such as"
              + " runbooks/payments.md"),
          "Markdown runbook kept beside this file, such as runbooks/payments.md (relative to this file); shown on the"
              + " service's page and its incidents' pages."),
      optional("slos", new ListType(SLO, 0, false), "Service level objectives of the service."),
      optional("error_budget_policy", enumOf(ErrorBudgetPolicy.class),
          "What happens when an SLO of the service has spent its error budget: notify (the default), require-approval"
              + " (deploys need approval) or freeze-deploys."),
      optional("monitoring", MONITORING, "How the generated Prometheus monitoring watches the service."));

  static final ObjectType ROUTING_RULE = object("routing_rule", "routing rule", null,
      "Sends the alerts whose labels match to a service.",
      required("match", new StringMapType(1),
          "Alert labels and the values they must equal, all of them, for the rule to apply."),
      required("service", new ReferenceType(Kind.SERVICE), "Name of the service that gets the matching alerts."));

  static final ObjectType INTEGRATION = object("integration", "integration", Kind.INTEGRATION,
      "A source of alerts with its own key: alerts go to 'service', or else to the first routing rule that"
          + " matches, or else to 'default_service'.",
      required("name", NAME, "Unique name of the integration: lowercase letters, digits and hyphens."),
      required("type", enumOf(IntegrationType.class),
          "Which tool sends the alerts: alertmanager, grafana, pagerduty or events."),
      optional("service", new ReferenceType(Kind.SERVICE), "Name of the service all alerts go to; not with 'routing'."),
      optional("routing", new ListType(ROUTING_RULE, 1, false),
          "Rules that pick a service from the alert's labels; the first match wins. Not with 'service'."),
      optional("default_service", new ReferenceType(Kind.SERVICE),
          "Name of the service for alerts that match no routing rule. Not with 'service'."),
      optional("key", INTEGRATION_KEY, "Secret key in the integration's URL, at least 20 characters of A-Z, a-z, 0-9,"
          + " '_' and '-'; generated when absent. Write ${ENV_VAR} or ${file:/path} to keep it out of Git."),
      optional("group_by", new ListType(NON_BLANK, 1, true),
          "Alert labels whose equal values put alerts into one incident per service, such as [alertname];"
              + " when absent every distinct alert opens its own incident."),
      optional("auto_resolve", new BooleanType(),
          "Resolve an incident by itself when all of its alerts have resolved; true when absent."),
      optional("reopen_window", new DurationType(false),
          "An alert firing again within this time after its incident resolved re-opens that incident instead of"
              + " opening a new one; 1h when absent, 0s never re-opens."),
      optional("rate_limit", new IntegerType(1L, 1_000_000L),
          "Most alerts accepted per minute; more are refused with 429 and Retry-After. 6000 when absent."))
      .withRules(new ExactlyOneOf(List.of(List.of("service"), List.of("routing", "default_service"))));

  static final ObjectType RESTRICTION = object("restriction", "restriction", null,
      "A time-of-day window on some weekdays; a 'to' before 'from' runs past midnight.",
      optional("days", new ListType(new StringType(null, null, DAYS, false), 1, true),
          "Weekdays the window applies to, mon to sun; every day when absent."),
      required("from", new LocalTimeType(), "Start of the window, HH:MM on a 24-hour clock."),
      required("to", new LocalTimeType(), "End of the window, HH:MM on a 24-hour clock."));

  static final ObjectType LAYER = object("layer", "layer", null,
      "One rotation of a schedule: participants take turns in shifts; later layers override earlier ones.",
      optional("name", TEXT, "A name for the layer, such as 'weekdays'."),
      required("rotation", enumOf(RotationType.class),
          "Length of each shift: hourly, daily, weekly, or custom with 'shift_length'."),
      optional("shift_length", new DurationType(true),
          "Length of each shift, such as 12h; only with rotation custom, and required there."),
      required("start", new LocalDateTimeType(),
          "When the first shift starts, in the schedule's time zone, such as 2026-01-05T09:00."),
      required("participants", new ListType(new ReferenceType(Kind.USER), 1, false),
          "Names of the users who take turns, in order."),
      optional("restrictions", new ListType(RESTRICTION, 0, false),
          "Windows the layer is limited to; outside them the layer has nobody on call."))
      .withRules(new OnlyWhen("shift_length", "rotation", "custom"));

  static final ObjectType SCHEDULE_OVERRIDE = object("schedule_override", "override", null,
      "Changes who is on call for a period: 'add' someone alongside, 'remove' someone, or both to replace 'remove'"
          + " by 'add' wherever 'remove' would be on call.",
      required("start", new LocalDateTimeType(), "When the override begins, in the schedule's time zone."),
      required("end", new LocalDateTimeType(), "When the override ends, in the schedule's time zone; after 'start'."),
      optional("add", new ReferenceType(Kind.USER), "Name of the user who comes on call."),
      optional("remove", new ReferenceType(Kind.USER), "Name of the user who goes off call."),
      optional("note", TEXT, "Why, for the people reading the schedule, such as 'swap for the dentist'."))
      .withRules(new ExactlyOneOf(List.of(List.of("add", "remove"))));

  static final ObjectType TEMPORARY_SHIFT = object("temporary_shift", "temporary shift", null,
      "One fixed shift of a temporary schedule.",
      required("start", new LocalDateTimeType(), "When the shift starts, in the schedule's time zone."),
      required("end", new LocalDateTimeType(), "When the shift ends, in the schedule's time zone; after 'start'."),
      required("users", new ListType(new ReferenceType(Kind.USER), 1, true), "Names of the users on call."));

  static final ObjectType TEMPORARY_SCHEDULE = object("temporary_schedule", "temporary schedule", null,
      "Fixed shifts that replace all layers of the schedule for a period, such as a holiday or a launch.",
      optional("name", TEXT, "A name for the period, such as 'winter holidays'."),
      required("start", new LocalDateTimeType(), "When the temporary schedule takes over, in the schedule's zone."),
      required("end", new LocalDateTimeType(), "When the layers take over again, in the schedule's zone."),
      optional("shifts", new ListType(TEMPORARY_SHIFT, 0, false),
          "The shifts, inside the period and not overlapping; the rest of the period has nobody on call."));

  static final ObjectType SCHEDULE = object("schedule", "schedule", Kind.SCHEDULE,
      "An on-call schedule: layers of rotations in one time zone.",
      required("name", NAME, "Unique name of the schedule: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "What the schedule covers."),
      required("time_zone", new TimeZoneType(), "IANA time zone the shifts are planned in, such as Europe/Berlin."),
      required("layers", new ListType(LAYER, 1, false), "Rotations, lowest priority first."),
      optional("overrides", new ListType(SCHEDULE_OVERRIDE, 0, false),
          "Changes of who is on call for a period, applied in order after the layers and temporary schedules."),
      optional("temporary", new ListType(TEMPORARY_SCHEDULE, 0, false),
          "Temporary schedules that replace the layers for a period; they must not overlap each other."));

  static final ObjectType TARGET = object("target", "target", null,
      "Who to page: exactly one of a user, whoever is on call in a schedule, or every member of a team.",
      optional("user", new ReferenceType(Kind.USER), "Name of a user to page."),
      optional("schedule", new ReferenceType(Kind.SCHEDULE), "Name of a schedule; whoever is on call then is paged."),
      optional("team", new ReferenceType(Kind.TEAM), "Name of a team; all its members are paged."))
      .withRules(new ExactlyOneOf(List.of(List.of("user"), List.of("schedule"), List.of("team"))));

  static final ObjectType ESCALATION_STEP = object("escalation_step", "escalation step", null,
      "Targets paged together.",
      required("delay", new DurationType(true),
          "How long to wait for an acknowledgement before the next step, such as 5m."),
      required("targets", new ListType(TARGET, 1, false), "Who this step pages."));

  static final ObjectType MANAGEMENT_STEP = object("management_step", "management step", null,
      "Who is paged when an incident is still open past its service's RTO.",
      required("targets", new ListType(TARGET, 1, false), "Who the management step pages."));

  static final ObjectType ESCALATION_POLICY = object("escalation_policy", "escalation policy", Kind.ESCALATION_POLICY,
      "Who to page, in which order, and how many times to go round.",
      required("name", NAME, "Unique name of the escalation policy: lowercase letters, digits and hyphens."),
      optional("description", TEXT, "When the policy is used."),
      optional("repeat", new IntegerType(0L, 100L),
          "How many more times to go through all steps when nobody acknowledges; 0 (the default) goes through once."),
      optional("ack_timeout", new DurationType(true),
          "How long an acknowledged incident may stay unresolved before it pages again, such as 30m; never when absent."),
      required("steps", new ListType(ESCALATION_STEP, 1, false), "The steps, in order."),
      optional("management_step", MANAGEMENT_STEP,
          "Paged once when an incident of a service using this policy is neither mitigated nor resolved within the"
              + " service's RTO."));

  static final ObjectType CREDIT_TIER = object("credit_tier", "credit tier", null,
      "A service credit owed when availability falls below a threshold.",
      required("below", new NumberType(0.0, true, 100.0),
          "Availability in percent under which this credit is owed, such as 99.5."),
      required("credit_percent", new NumberType(0.0, false, 100.0), "Credit owed, in percent of the period's fee."));

  static final ObjectType CONTRACT = object("contract", "contract", null,
      "An SLA: the covered services must be available a percentage of each period, or credits are owed.",
      required("name", NON_BLANK, "Name of the contract, such as 'Enterprise API SLA'."),
      required("services", new ListType(new ReferenceType(Kind.SERVICE), 1, true),
          "Names of the services the contract covers."),
      required("availability", new NumberType(0.0, true, 100.0), "Promised availability in percent, such as 99.9."),
      required("period", enumOf(ContractPeriod.class),
          "Window availability is measured over: monthly, quarterly or yearly."),
      optional("credit_tiers", new ListType(CREDIT_TIER, 0, false), "Credits owed when availability is missed."),
      optional("slo", new ReferenceType(Kind.SLO), "Name of an SLO of one of the covered services whose SLI measures"
          + " the contract; the covered services' incidents when absent."),
      optional("fee", new NumberType(0.0, true, null), "What the customer pays per contract period, such as 12000;"
          + " credits are shares of it. With 'currency'."),
      optional("currency", string("^[A-Z]{3}$", "expected an ISO 4217 currency code such as EUR"),
          "ISO 4217 code of the fee's currency, such as EUR; required with 'fee'."));

  static final ObjectType CUSTOMER = object("customer", "customer", Kind.CUSTOMER,
      "An enterprise customer with paid contracts.",
      required("name", NON_BLANK, "Unique name of the customer; any text, such as 'Acme Rentals GmbH'."),
      optional("description", TEXT, "Notes about the customer."),
      optional("contacts", new ListType(new ReferenceType(Kind.USER), 0, true),
          "Names of the users who keep this customer informed during incidents."),
      required("contracts", new ListType(CONTRACT, 1, false), "The customer's SLAs."));

  static final StringType DATE = string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "expected a date such as 2026-12-25");

  static final ObjectType SEVERITY_LEVEL = object("severity_level", "severity", null,
      "One severity and what it means for paging, stakeholders and postmortems.",
      required("name", SEVERITY_NAME, "Name of the severity, such as SEV1; unique in the policy."),
      optional("description", TEXT, "When to use this severity."),
      optional("paging", enumOf(Paging.class),
          "always: page day and night; business-hours: page in the service's support hours; never: a ticket that"
              + " pages nobody. always when absent."),
      optional("notify_stakeholders", new BooleanType(),
          "Send the first status update to the stakeholders as soon as an incident has this severity; false when"
              + " absent."),
      optional("postmortem", new BooleanType(), "A resolved incident of this severity needs a postmortem; false when"
          + " absent."),
      optional("status_update_template", TEXT,
          "Text of status updates, with {{placeholders}}: id, title, severity, status, service, impact, customers,"
              + " message, url, started_at, author. The built-in template when absent."));

  static final ObjectType SEVERITY_RULE = object("severity_rule", "severity rule", null,
      "Gives an incident a severity when every condition it sets holds; the first matching rule wins.",
      required("name", NON_BLANK, "Name of the rule, shown on each incident it decided."),
      required("severity", SEVERITY_NAME, "The severity it gives; one of the policy's severities."),
      optional("tiers", new ListType(new IntegerType(1L, 4L), 1, true),
          "The most critical tier of the incident's service and the services depending on it is one of these."),
      optional("min_user_share", new NumberType(0.0, false, 100.0),
          "The largest impact.user_share of the affected services is at least this percentage."),
      optional("min_customers", new IntegerType(0L, 1_000_000L),
          "At least this many customers have a contract covering an affected service."),
      optional("payment_path", new BooleanType(), "An affected service is on the payment path (true) or none is"
          + " (false)."),
      optional("data_integrity", new BooleanType(), "An affected service risks data integrity (true) or none does"
          + " (false)."),
      optional("regulatory", new BooleanType(), "An affected service is regulated (true) or none is (false)."),
      optional("services", new ListType(new ReferenceType(Kind.SERVICE), 1, true),
          "The incident's service is one of these."),
      optional("alert_severities", new ListType(new StringType(null, null, ALERT_SEVERITIES, false), 1, true),
          "The alert's own severity is one of these: critical, error, warning, info."),
      optional("labels", new StringMapType(1), "The alert has each of these labels with exactly this value."));

  static final ObjectType INCIDENT_POLICY = object("incident_policy", "incident policy", null,
      "How incidents get their severity, whom each severity pages and tells, and when postmortems are due.",
      optional("severities", new ListType(SEVERITY_LEVEL, 1, false),
          "The severities, most severe first; SEV1 to SEV4 when absent."),
      optional("rules", new ListType(SEVERITY_RULE, 0, false),
          "Severity rules, first match wins. When neither severities nor rules are given, critical and error"
              + " alerts get SEV2."),
      optional("default_severity", SEVERITY_NAME,
          "The severity when no rule matches; the least severe one that pages when absent."),
      optional("postmortem_due_days", new IntegerType(1L, 100L),
          "A required postmortem is due this many business days after the incident resolved; 5 when absent."),
      optional("reminder_interval", new DurationType(true),
          "How often overdue postmortems and action items are reminded of; 1d when absent."),
      optional("business_time_zone", new TimeZoneType(),
          "IANA time zone business days are counted in; UTC when absent."),
      optional("holidays", new ListType(DATE, 0, true),
          "Dates that are not business days, such as 2026-12-25."));

  static final StringType PROBE_REFERENCE = string("^[a-z0-9]([a-z0-9-]*[a-z0-9])?/[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
      "write a probe as service/probe, such as api/health");

  static final ObjectType STATUS_COMPONENT = object("status_page_component", "status page component", null,
      "One part of the product as the public sees it, mapped to the services and probes whose state it shows.",
      required("name", NON_BLANK, "Display name shown on the page, such as 'Booking API'; unique in the page."),
      optional("description", TEXT, "One line under the name, for the public."),
      optional("group", TEXT, "Heading the component is listed under, such as 'Booking'; components without a"
          + " group come first."),
      optional("services", new ListType(new ReferenceType(Kind.SERVICE), 1, true),
          "Services whose open incidents, probes and maintenance windows make up the component's state."),
      optional("probes", new ListType(PROBE_REFERENCE, 1, true),
          "More probes, written service/probe, such as api/health; the listed services' own probes count anyway."));

  static final ObjectType STATUS_PAGE_INCIDENTS = object("status_page_incidents", "status page incidents", null,
      "Which incidents a status page shows; only incidents touching its components ever appear.",
      optional("min_severity", SEVERITY_NAME,
          "Least severe severity shown, such as SEV2; every incident when absent. Milder ones neither appear nor"
              + " change a component's state."),
      optional("history_days", new IntegerType(0L, 90L),
          "How many days resolved incidents stay listed; 14 when absent."));

  static final ObjectType STATUS_PAGE_SUBSCRIPTIONS = object("status_page_subscriptions",
      "status page subscriptions", null,
      "How people may follow the page besides its RSS and Atom feeds.",
      optional("email", new BooleanType(), "Subscribe by email with double opt-in; true when absent."),
      optional("webhook", new BooleanType(), "Subscribe a URL that receives signed JSON; true when absent."));

  static final ObjectType STATUS_PAGE = object("status_page", "status page", null,
      "A public status page at /status/SLUG: no sign-in, and it shows only what its definition exposes.",
      required("slug", NAME, "Unique name in the page's address /status/SLUG: lowercase letters, digits and"
          + " hyphens."),
      required("title", NON_BLANK, "Heading of the page, such as 'SmuvDrive status'."),
      optional("description", TEXT, "A line of text under the title, for the public."),
      optional("time_zone", new TimeZoneType(), "IANA time zone the uptime bars' days begin in; UTC when absent."),
      required("components", new ListType(STATUS_COMPONENT, 1, false), "The components shown, in order."),
      optional("incidents", STATUS_PAGE_INCIDENTS, "Which incidents the page shows."),
      optional("uptime_bars", new BooleanType(), "Draw 90 days of uptime per component; true when absent."),
      optional("subscriptions", STATUS_PAGE_SUBSCRIPTIONS, "Ways to subscribe; email and webhook when absent."));

  static final ObjectType BASIC_AUTH = object("basic_auth", "basic auth", null,
      "A user name and password sent as HTTP basic authentication.",
      required("username", NON_BLANK, "User name."),
      required("password", TEXT, "Password; write ${ENV_VAR} or ${file:/path} to keep it out of Git."));

  static final ObjectType PROMETHEUS_SOURCE = object("prometheus_source", "Prometheus source", Kind.PROMETHEUS_SOURCE,
      "A Prometheus-compatible HTTP query API (Prometheus, Thanos, VictoriaMetrics) that SLOs read; at most one of"
          + " bearer_token and basic_auth.",
      required("name", NAME, "Unique name of the source, which SLIs refer to: lowercase letters, digits and hyphens."),
      required("url", URL, "Base URL of the query API, http:// or https://, such as http://prometheus:9090."),
      optional("bearer_token", new StringType("\\S", "must not be empty", null, true),
          "Token sent as 'Authorization: Bearer TOKEN'; write ${ENV_VAR} or ${file:/path} to keep it out of Git. Not"
              + " with 'basic_auth'."),
      optional("basic_auth", BASIC_AUTH, "User name and password for HTTP basic authentication; not with"
          + " 'bearer_token'."),
      optional("timeout", new DurationType(true), "How long one query may take; 10s when absent."));

  static final ObjectType CHANGE_FREEZE = object("change_freeze", "change freeze", Kind.CHANGE_FREEZE,
      "A time when deploys to the named services, and to the teams' services, are blocked by the deploy gate: once"
          + " (start and end) or every week (days, from and to).",
      required("name", NAME, "Unique name of the freeze, such as year-end."),
      optional("services", new ListType(new ReferenceType(Kind.SERVICE), 1, true), "Services it freezes."),
      optional("teams", new ListType(new ReferenceType(Kind.TEAM), 1, true), "Teams whose services it freezes."),
      optional("reason", TEXT, "Why deploys stop, shown with the gate's answer."),
      required("time_zone", new TimeZoneType(), "IANA time zone of the times, such as Europe/Berlin."),
      optional("start", new LocalDateTimeType(), "Start of a one-off freeze, such as 2026-12-20T00:00; with 'end'."),
      optional("end", new LocalDateTimeType(), "End of a one-off freeze, after 'start'."),
      optional("days", new ListType(new StringType(null, null, DAYS, false), 1, true),
          "Weekdays of a weekly freeze, mon to sun; every day when absent."),
      optional("from", new LocalTimeType(), "Start of a weekly freeze, HH:MM; with 'to'."),
      optional("to", new LocalTimeType(), "End of a weekly freeze, HH:MM; before 'from' runs past midnight."))
      .withRules(new ExactlyOneOf(List.of(List.of("start", "end"), List.of("days", "from", "to"))));

  static final ObjectType ROOT = object("catalog", "the file", null,
      "Vigil catalog (vigil.yaml): teams, users, services, integrations, on-call schedules, escalation policies"
          + " and customers.",
      required("version", new IntegerType(1L, 1L), "Version of the file format; must be 1."),
      optional("teams", list(TEAM), "Teams that own services."),
      optional("users", list(USER), "People who can be paged."),
      optional("services", list(SERVICE), "Services that can break, with their owners and dependencies."),
      optional("integrations", list(INTEGRATION), "Alert sources and where their alerts go."),
      optional("schedules", list(SCHEDULE), "On-call schedules."),
      optional("escalation_policies", list(ESCALATION_POLICY), "Who gets paged for a service, and in which order."),
      optional("customers", list(CUSTOMER), "Enterprise customers and their SLAs."),
      optional("incident_policy", INCIDENT_POLICY,
          "Severities, severity rules, paging per severity and postmortem deadlines."),
      optional("status_pages", list(STATUS_PAGE), "Public status pages."),
      optional("prometheus", list(PROMETHEUS_SOURCE), "Prometheus-compatible query APIs that SLOs read."),
      optional("change_freezes", list(CHANGE_FREEZE), "Times when the deploy gate blocks deploys."));

  private CatalogSchema() {}

  /** The format as a JSON Schema (draft 2020-12), ending with a line break. */
  public static String jsonSchema() {
    return SpecMapper.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(JsonSchemaGenerator.generate(ROOT))
        + "\n";
  }

  /** Writes the JSON Schema to {@code file}, creating its directory if needed. */
  public static void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(file, jsonSchema(), StandardCharsets.UTF_8);
  }

  /** Writes the JSON Schema to the path given, or to {@code docs/vigil.schema.json}. */
  public static void main(String[] args) throws IOException {
    Path target = args.length > 0 ? Path.of(args[0]) : DEFAULT_LOCATION;
    write(target);
    System.out.println("wrote " + target);
  }

  private static StringType string(String pattern, String hint) {
    return new StringType(pattern, hint, null, false);
  }

  private static StringType enumOf(Class<? extends Enum<?>> type) {
    return new StringType(null, null, SchemaType.yamlNames(type), false);
  }

  private static ListType list(SchemaType items) {
    return new ListType(items, 0, false);
  }

  private static Field required(String name, SchemaType type, String description) {
    return new Field(name, type, true, description);
  }

  private static Field optional(String name, SchemaType type, String description) {
    return new Field(name, type, false, description);
  }

  private static ObjectType object(String id, String label, Kind declares, String description, Field... fields) {
    return new ObjectType(id, label, description, declares, List.of(fields), List.of());
  }
}
