package dev.vigil.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A whole catalog as declared in {@code vigil.yaml} (schema version 1), after validation and interpolation.
 *
 * <p>YAML keys are the snake_case form of the component names ({@code dependsOn} is {@code depends_on}).
 * Collections are never null: an absent list is empty.
 */
public record Catalog(
    int version,
    List<Team> teams,
    List<User> users,
    List<Service> services,
    List<Integration> integrations,
    List<Schedule> schedules,
    List<EscalationPolicy> escalationPolicies,
    List<Customer> customers,
    IncidentPolicy incidentPolicy,
    List<StatusPage> statusPages,
    List<PrometheusSource> prometheus,
    List<ChangeFreeze> changeFreezes) {

  public Catalog {
    statusPages = copy(statusPages);
    prometheus = copy(prometheus);
    changeFreezes = copy(changeFreezes);
    teams = copy(teams);
    users = copy(users);
    services = copy(services);
    integrations = copy(integrations);
    schedules = copy(schedules);
    escalationPolicies = copy(escalationPolicies);
    customers = copy(customers);
  }

  /** A catalog without change freezes. */
  public Catalog(int version, List<Team> teams, List<User> users, List<Service> services,
      List<Integration> integrations, List<Schedule> schedules, List<EscalationPolicy> escalationPolicies,
      List<Customer> customers, IncidentPolicy incidentPolicy, List<StatusPage> statusPages,
      List<PrometheusSource> prometheus) {
    this(version, teams, users, services, integrations, schedules, escalationPolicies, customers, incidentPolicy,
        statusPages, prometheus, List.of());
  }

  /** A catalog without Prometheus data sources. */
  public Catalog(int version, List<Team> teams, List<User> users, List<Service> services,
      List<Integration> integrations, List<Schedule> schedules, List<EscalationPolicy> escalationPolicies,
      List<Customer> customers, IncidentPolicy incidentPolicy, List<StatusPage> statusPages) {
    this(version, teams, users, services, integrations, schedules, escalationPolicies, customers, incidentPolicy,
        statusPages, List.of());
  }

  /** A catalog without status pages. */
  public Catalog(int version, List<Team> teams, List<User> users, List<Service> services,
      List<Integration> integrations, List<Schedule> schedules, List<EscalationPolicy> escalationPolicies,
      List<Customer> customers, IncidentPolicy incidentPolicy) {
    this(version, teams, users, services, integrations, schedules, escalationPolicies, customers, incidentPolicy,
        List.of());
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** An empty catalog of the current schema version. */
  public static Catalog empty() {
    return new Catalog(1, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
  }

  /** The declared incident policy, or the built-in one when the file declares none. */
  public IncidentPolicy incidentPolicyOrDefault() {
    return incidentPolicy == null ? IncidentPolicy.DEFAULT : incidentPolicy;
  }

  public Optional<Service> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The SLO of this name, whichever service declares it; SLO names are unique across the catalog. */
  public Optional<Slo> slo(String name) {
    return services.stream().flatMap(s -> s.slos().stream()).filter(o -> o.name().equals(name)).findFirst();
  }

  public Optional<PrometheusSource> prometheusSource(String name) {
    return prometheus.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Team> team(String name) {
    return teams.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<User> user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  /** A group of people who own services; {@code members} are user names. */
  public record Team(String name, String description, List<String> members, String slackChannel) {
    public Team {
      members = members == null ? List.of() : List.copyOf(members);
    }
  }

  /** A person who can be paged; {@code name} is a short handle, {@code role} one of admin, responder, viewer. */
  public record User(
      String name,
      String fullName,
      String email,
      String timeZone,
      String role,
      List<ContactMethod> contactMethods,
      ShiftNotice shiftNotice) {
    public User {
      contactMethods = contactMethods == null ? List.of() : List.copyOf(contactMethods);
    }

    /** A user without a shift notice. */
    public User(String name, String fullName, String email, String timeZone, String role,
        List<ContactMethod> contactMethods) {
      this(name, fullName, email, timeZone, role, contactMethods, null);
    }

    /**
     * The zone this user reads times in, empty when none is declared; one the JDK does not know (the file's checks
     * refuse it, a stored row could still hold one) counts as none.
     */
    public Optional<ZoneId> zone() {
      try {
        return Optional.ofNullable(timeZone).map(ZoneId::of);
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * A heads-up before each of the user's on-call shifts, {@code before} its start, with a summary of what is open;
   * {@code enabled} (true when absent) turns it off without deleting it.
   */
  public record ShiftNotice(Duration before, Boolean enabled) {
    public boolean on() {
      return enabled == null || enabled;
    }
  }

  /** One way to reach a user, in the user's order of preference. */
  public record ContactMethod(ContactType type, String address, String label) {}

  /** The channels a contact method can use. */
  public enum ContactType {
    EMAIL, SMS, VOICE, SLACK, TEAMS, WEBHOOK;

    @JsonCreator
    static ContactType of(String value) {
      return parse(ContactType.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** Something that can break: owned by a team, paged through an escalation policy. */
  public record Service(
      String name,
      String description,
      String team,
      int tier,
      ServiceKind kind,
      List<String> dependsOn,
      String runbookUrl,
      Duration rto,
      Duration rpo,
      String escalationPolicy,
      Map<String, String> tags,
      SupportHours supportHours,
      List<Heartbeat> heartbeats,
      List<Probe> probes,
      List<MaintenanceWindow> maintenanceWindows,
      Impact impact,
      Boolean correlateUpstream,
      List<String> subscribers,
      Runbook runbook,
      List<Slo> slos,
      ErrorBudgetPolicy errorBudgetPolicy,
      Monitoring monitoring) {
    public Service {
      slos = slos == null ? List.of() : List.copyOf(slos);
      dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
      tags = tags == null ? Map.of() : Map.copyOf(tags);
      heartbeats = heartbeats == null ? List.of() : List.copyOf(heartbeats);
      probes = probes == null ? List.of() : List.copyOf(probes);
      maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
      subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
    }

    /** A service as declared before impact, correlation and subscribers existed. */
    public Service(String name, String description, String team, int tier, ServiceKind kind, List<String> dependsOn,
        String runbookUrl, Duration rto, Duration rpo, String escalationPolicy, Map<String, String> tags,
        SupportHours supportHours) {
      this(name, description, team, tier, kind, dependsOn, runbookUrl, rto, rpo, escalationPolicy, tags, supportHours,
          null, null, null, null, null, null, null);
    }

    /** A service as declared before runbooks could live beside the catalog file. */
    public Service(String name, String description, String team, int tier, ServiceKind kind, List<String> dependsOn,
        String runbookUrl, Duration rto, Duration rpo, String escalationPolicy, Map<String, String> tags,
        SupportHours supportHours, List<Heartbeat> heartbeats, List<Probe> probes,
        List<MaintenanceWindow> maintenanceWindows, Impact impact, Boolean correlateUpstream,
        List<String> subscribers) {
      this(name, description, team, tier, kind, dependsOn, runbookUrl, rto, rpo, escalationPolicy, tags, supportHours,
          heartbeats, probes, maintenanceWindows, impact, correlateUpstream, subscribers, null);
    }

    /** A service as declared before SLOs and error budget policies. */
    public Service(String name, String description, String team, int tier, ServiceKind kind, List<String> dependsOn,
        String runbookUrl, Duration rto, Duration rpo, String escalationPolicy, Map<String, String> tags,
        SupportHours supportHours, List<Heartbeat> heartbeats, List<Probe> probes,
        List<MaintenanceWindow> maintenanceWindows, Impact impact, Boolean correlateUpstream,
        List<String> subscribers, Runbook runbook) {
      this(name, description, team, tier, kind, dependsOn, runbookUrl, rto, rpo, escalationPolicy, tags, supportHours,
          heartbeats, probes, maintenanceWindows, impact, correlateUpstream, subscribers, runbook, null, null);
    }

    /** A service as declared before its generated monitoring could be tuned. */
    public Service(String name, String description, String team, int tier, ServiceKind kind, List<String> dependsOn,
        String runbookUrl, Duration rto, Duration rpo, String escalationPolicy, Map<String, String> tags,
        SupportHours supportHours, List<Heartbeat> heartbeats, List<Probe> probes,
        List<MaintenanceWindow> maintenanceWindows, Impact impact, Boolean correlateUpstream,
        List<String> subscribers, Runbook runbook, List<Slo> slos, ErrorBudgetPolicy errorBudgetPolicy) {
      this(name, description, team, tier, kind, dependsOn, runbookUrl, rto, rpo, escalationPolicy, tags, supportHours,
          heartbeats, probes, maintenanceWindows, impact, correlateUpstream, subscribers, runbook, slos,
          errorBudgetPolicy, null);
    }

    /** The same service with this runbook. */
    public Service withRunbook(Runbook runbook) {
      return new Service(name, description, team, tier, kind, dependsOn, runbookUrl, rto, rpo, escalationPolicy, tags,
          supportHours, heartbeats, probes, maintenanceWindows, impact, correlateUpstream, subscribers, runbook, slos,
          errorBudgetPolicy, monitoring);
    }

    /** How the generated monitoring watches the service; the kind's and tier's defaults when undeclared. */
    public Monitoring monitoringOrDefault() {
      return monitoring == null ? Monitoring.DEFAULT : monitoring;
    }

    /** What happens to deploys when an SLO of the service has spent its budget; notify only when undeclared. */
    public ErrorBudgetPolicy errorBudgetPolicyOrDefault() {
      return errorBudgetPolicy == null ? ErrorBudgetPolicy.NOTIFY : errorBudgetPolicy;
    }

    /** Whether an alert here joins an open incident of an upstream dependency instead of paging; true when unset. */
    public boolean correlatesUpstream() {
      return correlateUpstream == null || correlateUpstream;
    }

    /** What the service's failure means to the business; nothing special when undeclared. */
    public Impact impactOrNone() {
      return impact == null ? Impact.NONE : impact;
    }
  }

  /**
   * A runbook kept beside the catalog file: {@code path} as the file's {@code runbook} field gives it (relative to the
   * catalog file), {@code markdown} the file's text as it was read when the catalog was loaded, so that every node
   * serves it from the stored catalog.
   */
  public record Runbook(String path, String markdown) {}

  /**
   * A job that reports in: it pings its URL every {@code period}, or at the times of {@code cron} (crontab's five
   * fields in {@code timeZone}); a ping that is {@code grace} overdue opens an incident. {@code token} is null when
   * Vigil generates it; {@code severity} (critical, error, warning, info) is error when null.
   */
  public record Heartbeat(
      String name,
      String description,
      Duration period,
      String cron,
      String timeZone,
      Duration grace,
      String severity,
      String token) {
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    public Duration graceOrDefault() {
      return grace == null ? DEFAULT_GRACE : grace;
    }

    public String timeZoneOrDefault() {
      return timeZone == null ? "UTC" : timeZone;
    }

    public String severityOrDefault() {
      return severity == null ? "error" : severity;
    }
  }

  /**
   * A synthetic check of a service from outside, run every {@code interval}: {@code check} holds the settings of its
   * kind. The probe is down after {@code failuresBeforeDown} failures in a row and up again after
   * {@code successesBeforeUp} successes in a row; null means the default.
   *
   * <p>In the file, the API and stored specs a probe is its {@code kind} and the settings under the key of that name,
   * the other six keys null: {@code Json} is that form, and nothing else reads those keys.
   */
  public record Probe(
      String name,
      ProbeSpec check,
      Duration interval,
      Duration timeout,
      Integer failuresBeforeDown,
      Integer successesBeforeUp,
      String severity,
      List<String> locations,
      Integer quorum) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_THRESHOLD = 2;

    public Probe {
      Objects.requireNonNull(check, "a probe needs the settings of its kind");
    }

    public Duration intervalOrDefault() {
      return interval == null ? DEFAULT_INTERVAL : interval;
    }

    /** The declared timeout, else 10 s, never longer than the interval. */
    public Duration timeoutOrDefault() {
      Duration t = timeout == null ? DEFAULT_TIMEOUT : timeout;
      return t.compareTo(intervalOrDefault()) > 0 ? intervalOrDefault() : t;
    }

    public int failuresBeforeDownOrDefault() {
      return failuresBeforeDown == null ? DEFAULT_THRESHOLD : failuresBeforeDown;
    }

    public int successesBeforeUpOrDefault() {
      return successesBeforeUp == null ? DEFAULT_THRESHOLD : successesBeforeUp;
    }

    /** The remote locations that run the probe; empty when the Vigil nodes themselves run it. */
    public List<String> locationsOrEmpty() {
      return locations == null ? List.of() : locations;
    }

    /** How many locations must see the probe down for it to be down: the declared quorum, else a majority. */
    public int quorumOrDefault() {
      int n = locationsOrEmpty().size();
      return quorum != null ? quorum : n / 2 + 1;
    }

    /** The kind of probe, which its settings decide. */
    public ProbeKind kind() {
      return check.kind();
    }

    @JsonValue
    private Json json() {
      return new Json(name, kind(), interval, timeout, failuresBeforeDown, successesBeforeUp, severity,
          settings(HttpProbe.class), settings(TcpProbe.class), settings(DnsProbe.class), settings(TlsProbe.class),
          settings(PostgresProbe.class), settings(RedisProbe.class), settings(ElasticsearchProbe.class), locations,
          quorum);
    }

    private <S extends ProbeSpec> S settings(Class<S> kind) {
      return kind.isInstance(check) ? kind.cast(check) : null;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private static Probe of(Json json) {
      ProbeSpec check = switch (json.kind()) {
        case HTTP -> json.http();
        case TCP -> json.tcp();
        case DNS -> json.dns();
        case TLS -> json.tls();
        case POSTGRES -> json.postgres();
        case REDIS -> json.redis();
        case ELASTICSEARCH -> json.elasticsearch();
      };
      if (check == null) {
        throw new IllegalArgumentException("probe '" + json.name() + "' of kind " + json.kind().value() + " has no '"
            + json.kind().value() + "' settings");
      }
      return new Probe(json.name(), check, json.interval(), json.timeout(), json.failuresBeforeDown(),
          json.successesBeforeUp(), json.severity(), json.locations(), json.quorum());
    }

    /** A probe as JSON spells it: its kind, and the settings under the key of that kind, the other six null. */
    private record Json(String name, ProbeKind kind, Duration interval, Duration timeout, Integer failuresBeforeDown,
        Integer successesBeforeUp, String severity, HttpProbe http, TcpProbe tcp, DnsProbe dns, TlsProbe tls,
        PostgresProbe postgres, RedisProbe redis, ElasticsearchProbe elasticsearch, List<String> locations,
        Integer quorum) {}
  }

  /** What a probe checks; each kind has its own settings. */
  public enum ProbeKind {
    HTTP, TCP, DNS, TLS, POSTGRES, REDIS, ELASTICSEARCH;

    @JsonCreator
    static ProbeKind of(String value) {
      return parse(ProbeKind.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /**
   * The settings of one kind of probe: what it connects to and what it expects. Code that acts on a probe switches
   * over these records, so that a new kind cannot be forgotten.
   */
  public sealed interface ProbeSpec
      permits HttpProbe, TcpProbe, DnsProbe, TlsProbe, PostgresProbe, RedisProbe, ElasticsearchProbe {

    /** The kind these settings are of, the name of their key in the file. */
    default ProbeKind kind() {
      return switch (this) {
        case HttpProbe http -> ProbeKind.HTTP;
        case TcpProbe tcp -> ProbeKind.TCP;
        case DnsProbe dns -> ProbeKind.DNS;
        case TlsProbe tls -> ProbeKind.TLS;
        case PostgresProbe postgres -> ProbeKind.POSTGRES;
        case RedisProbe redis -> ProbeKind.REDIS;
        case ElasticsearchProbe elasticsearch -> ProbeKind.ELASTICSEARCH;
      };
    }
  }

  /** Which address family a probe connects over when a host has both; null lets the system choose. */
  public enum IpVersion {
    IPV4, IPV6;

    @JsonCreator
    static IpVersion of(String value) {
      return parse(IpVersion.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /**
   * An HTTP(S) request and what its answer must be: one of {@code expectedStatus} (any 2xx when empty), within
   * {@code maxResponseTime}, a body containing {@code bodyContains} and matching {@code bodyMatches}, every JSONPath
   * assertion true, and a server certificate valid for at least {@code certExpiryDays} more days.
   */
  public record HttpProbe(
      String url,
      String method,
      Map<String, String> headers,
      String body,
      List<Integer> expectedStatus,
      Duration maxResponseTime,
      String bodyContains,
      String bodyMatches,
      List<JsonPathAssertion> jsonPath,
      Boolean followRedirects,
      Integer certExpiryDays,
      String trustedCertificates,
      ClientCertificate clientCertificate,
      IpVersion ipVersion) implements ProbeSpec {
    public HttpProbe {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      expectedStatus = expectedStatus == null ? List.of() : List.copyOf(expectedStatus);
      jsonPath = jsonPath == null ? List.of() : List.copyOf(jsonPath);
    }

    public String methodOrDefault() {
      return method == null ? "GET" : method;
    }

    public boolean followsRedirects() {
      return followRedirects == null || followRedirects;
    }
  }

  /** A JSONPath into the response body that must find a value: equal to {@code equals}, matching {@code matches}. */
  public record JsonPathAssertion(String path, String equals, String matches) {}

  /** A PKCS#12 file holding the client certificate and key an HTTPS probe presents. */
  public record ClientCertificate(String file, String password) {}

  /** A TCP connection to {@code host:port}; optionally sends {@code send} and expects an answer matching {@code expect}. */
  public record TcpProbe(String host, int port, String send, String expect, IpVersion ipVersion)
      implements ProbeSpec {}

  /** A DNS query for {@code name} of {@code recordType}, to {@code server} or the system's resolver. */
  public record DnsProbe(String name, String recordType, String server, List<String> expect) implements ProbeSpec {
    public DnsProbe {
      expect = expect == null ? List.of() : List.copyOf(expect);
    }

    public String recordTypeOrDefault() {
      return recordType == null ? "A" : recordType;
    }
  }

  /** A TLS handshake with {@code host:port}: the certificate must be valid for {@code expiryDays} more days. */
  public record TlsProbe(String host, Integer port, String serverName, Integer expiryDays, Boolean verifyHostname,
      String trustedCertificates) implements ProbeSpec {
    public static final int DEFAULT_PORT = 443;
    public static final int DEFAULT_EXPIRY_DAYS = 14;

    public int portOrDefault() {
      return port == null ? DEFAULT_PORT : port;
    }

    public int expiryDaysOrDefault() {
      return expiryDays == null ? DEFAULT_EXPIRY_DAYS : expiryDays;
    }

    public boolean verifiesHostname() {
      return verifyHostname == null || verifyHostname;
    }
  }

  /**
   * A PostgreSQL server: connect (to {@code url}, or {@code host}, {@code port} and {@code database}), run
   * {@code query}, and check the thresholds that are set; a null threshold is not checked.
   */
  public record PostgresProbe(String url, String host, Integer port, String database, String user, String password,
      String sslmode, String query, Duration maxReplicationLag, Double maxConnectionsPercent,
      Duration maxTransactionAge, Integer maxLockWaits, Double maxWraparoundPercent) implements ProbeSpec {
    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_QUERY = "select 1";

    public String queryOrDefault() {
      return query == null ? DEFAULT_QUERY : query;
    }

    /** The JDBC URL to connect to: {@code url} as given, else one made of host, port and database. */
    public String jdbcUrl() {
      if (url != null) {
        return url;
      }
      String h = host.contains(":") ? "[" + host + "]" : host;
      return "jdbc:postgresql://" + h + ":" + (port == null ? DEFAULT_PORT : port) + "/"
          + (database == null ? "postgres" : database);
    }
  }

  /**
   * A Redis server: PING, and the checks that are set: its {@code role}, replication lag, memory in use against
   * {@code maxmemory}, and keys evicted since the previous check.
   */
  public record RedisProbe(String host, Integer port, String username, String password, String role,
      Duration maxReplicationLag, Double maxMemoryPercent, Long maxEvictions) implements ProbeSpec {
    public static final int DEFAULT_PORT = 6379;

    public int portOrDefault() {
      return port == null ? DEFAULT_PORT : port;
    }
  }

  /**
   * An Elasticsearch or OpenSearch cluster at {@code url}: its health no worse than {@code worstStatus}, and the
   * checks that are set: unassigned shards, and search thread-pool rejections since the previous check.
   */
  public record ElasticsearchProbe(String url, String username, String password, String apiKey, String worstStatus,
      Integer maxUnassignedShards, Long maxSearchRejections, String trustedCertificates) implements ProbeSpec {
    public static final String DEFAULT_WORST_STATUS = "green";

    public String worstStatusOrDefault() {
      return worstStatus == null ? DEFAULT_WORST_STATUS : worstStatus;
    }
  }

  /**
   * A time when the named services, and the teams' services, should not be deployed to: once from {@code start} to
   * {@code end}, or every week on {@code days} from {@code from} to {@code to}; all local times in {@code timeZone}.
   */
  public record ChangeFreeze(String name, List<String> services, List<String> teams, String reason, String timeZone,
      String start, String end, List<String> days, String from, String to) {
    public ChangeFreeze {
      services = services == null ? List.of() : List.copyOf(services);
      teams = teams == null ? List.of() : List.copyOf(teams);
      days = days == null ? List.of() : List.copyOf(days);
    }

    /** Whether it freezes this service of this team. */
    public boolean covers(String service, String team) {
      return services.contains(service) || (team != null && teams.contains(team));
    }

    /** Its time as a window, which is kept and tested like a maintenance window. */
    public MaintenanceWindow window() {
      return new MaintenanceWindow(name, timeZone, start, end, days, from, to);
    }
  }

  /**
   * A time when a service's probes keep measuring but do not page: once from {@code start} to {@code end}, or every
   * week on {@code days} from {@code from} to {@code to}; all local times in {@code timeZone}.
   */
  public record MaintenanceWindow(String name, String timeZone, String start, String end, List<String> days,
      String from, String to) {
    public MaintenanceWindow {
      days = days == null ? List.of() : List.copyOf(days);
    }

    /** Whether a weekly window runs on this day of the week (every day when it names none). */
    public boolean onDay(java.time.DayOfWeek day) {
      return days.isEmpty() || days.contains(day.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * What it means for the business when a service fails: the percentage of users who notice, whether money stops
   * moving, whether data may be lost or corrupted, and whether a regulator must be told.
   */
  public record Impact(Double userShare, Boolean paymentPath, Boolean dataIntegrity, Boolean regulatory) {
    /** A service without declared impact. */
    public static final Impact NONE = new Impact(null, null, null, null);

    public double userShareOrZero() {
      return userShare == null ? 0 : userShare;
    }

    public boolean onPaymentPath() {
      return Boolean.TRUE.equals(paymentPath);
    }

    public boolean risksDataIntegrity() {
      return Boolean.TRUE.equals(dataIntegrity);
    }

    public boolean isRegulated() {
      return Boolean.TRUE.equals(regulatory);
    }
  }

  /**
   * When a service is staffed: low-urgency incidents page only inside these hours. {@code days} are mon..sun
   * (monday to friday when empty); {@code to} before {@code from} runs past midnight.
   */
  public record SupportHours(String timeZone, List<String> days, String from, String to) {
    /** Monday to Friday, 09:00 to 17:00 UTC: what a service without declared hours gets. */
    public static final SupportHours DEFAULT = new SupportHours("UTC", List.of(), "09:00", "17:00");

    public SupportHours {
      days = days == null ? List.of() : List.copyOf(days);
    }
  }

  /** What a service is, which later decides the probes and dashboards that fit it. */
  public enum ServiceKind {
    HTTP_SERVICE, GATEWAY, POSTGRES, ELASTICSEARCH, REDIS, WORKER, WEB, KUBERNETES_NODE, EXTERNAL;

    @JsonCreator
    static ServiceKind of(String value) {
      return parse(ServiceKind.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /**
   * A source of alerts with its own key: alerts go to {@code service}, or else to the first matching routing
   * rule, or else to {@code defaultService}. {@code key} is null when Vigil generates it. Alerts with equal values
   * of the {@code groupBy} labels share an incident (empty: each alert fingerprint its own); an incident resolves
   * itself when all its alerts resolve if {@code autoResolve}; an alert firing again within {@code reopenWindow}
   * of its incident's resolution re-opens it; {@code rateLimit} caps the alerts accepted per minute.
   */
  public record Integration(
      String name,
      IntegrationType type,
      String service,
      List<RoutingRule> routing,
      String defaultService,
      String key,
      List<String> groupBy,
      Boolean autoResolve,
      Duration reopenWindow,
      Integer rateLimit) {
    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofHours(1);
    public static final int DEFAULT_RATE_LIMIT = 6000;

    public Integration {
      routing = routing == null ? List.of() : List.copyOf(routing);
      groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
    }

    public boolean autoResolves() {
      return autoResolve == null || autoResolve;
    }

    public Duration reopenWindowOrDefault() {
      return reopenWindow == null ? DEFAULT_REOPEN_WINDOW : reopenWindow;
    }

    public int rateLimitOrDefault() {
      return rateLimit == null ? DEFAULT_RATE_LIMIT : rateLimit;
    }
  }

  /** The alert sources Vigil accepts. */
  public enum IntegrationType {
    ALERTMANAGER, GRAFANA, PAGERDUTY, EVENTS;

    @JsonCreator
    static IntegrationType of(String value) {
      return parse(IntegrationType.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** Sends alerts whose labels equal every entry of {@code match} to {@code service}. */
  public record RoutingRule(Map<String, String> match, String service) {
    public RoutingRule {
      match = Map.copyOf(match);
    }
  }

  /**
   * An on-call schedule: layers of rotations in a time zone, later layers overriding earlier ones; temporary
   * schedules replace the layers for a period, and overrides change who is on call for a period on top of both.
   */
  public record Schedule(String name, String description, String timeZone, List<Layer> layers,
      List<ScheduleOverride> overrides, List<TemporarySchedule> temporary) {
    public Schedule {
      layers = List.copyOf(layers);
      overrides = overrides == null ? List.of() : List.copyOf(overrides);
      temporary = temporary == null ? List.of() : List.copyOf(temporary);
    }

    /** A schedule of layers only. */
    public Schedule(String name, String description, String timeZone, List<Layer> layers) {
      this(name, description, timeZone, layers, List.of(), List.of());
    }
  }

  /**
   * From {@code start} to {@code end} (local date-times in the schedule's zone): {@code add} is on call alongside
   * whoever else is; {@code remove} is taken off; both together replace {@code remove} by {@code add} wherever
   * {@code remove} would be on call.
   */
  public record ScheduleOverride(String start, String end, String add, String remove, String note) {}

  /** Replaces all layers of a schedule from {@code start} to {@code end} by fixed shifts; between them is a gap. */
  public record TemporarySchedule(String name, String start, String end, List<TemporaryShift> shifts) {
    public TemporarySchedule {
      shifts = shifts == null ? List.of() : List.copyOf(shifts);
    }
  }

  /** One shift of a temporary schedule: the users on call from {@code start} to {@code end} (local date-times). */
  public record TemporaryShift(String start, String end, List<String> users) {
    public TemporaryShift {
      users = users == null ? List.of() : List.copyOf(users);
    }
  }

  /**
   * One rotation of a schedule: participants take turns in shifts of {@code shiftLength} starting at
   * {@code start} (local date-time in the schedule's zone), limited to the {@code restrictions} windows if any.
   */
  public record Layer(
      String name,
      RotationType rotation,
      Duration shiftLength,
      String start,
      List<String> participants,
      List<Restriction> restrictions) {
    public Layer {
      participants = List.copyOf(participants);
      restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    }
  }

  /** How long a shift lasts: a fixed calendar unit, or {@code custom} with an explicit shift length. */
  public enum RotationType {
    HOURLY, DAILY, WEEKLY, CUSTOM;

    @JsonCreator
    static RotationType of(String value) {
      return parse(RotationType.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** A time-of-day window on some weekdays (mon..sun); {@code to} before {@code from} wraps past midnight. */
  public record Restriction(List<String> days, String from, String to) {
    public Restriction {
      days = days == null ? List.of() : List.copyOf(days);
    }
  }

  /** Who to page, in which order, and how many times to go round. */
  public record EscalationPolicy(
      String name, String description, int repeat, Duration ackTimeout, List<EscalationStep> steps,
      ManagementStep managementStep) {
    public EscalationPolicy {
      steps = List.copyOf(steps);
    }

    /** A policy without a management step. */
    public EscalationPolicy(String name, String description, int repeat, Duration ackTimeout,
        List<EscalationStep> steps) {
      this(name, description, repeat, ackTimeout, steps, null);
    }
  }

  /** Who is paged, outside the normal steps, when an incident is still open past its service's RTO. */
  public record ManagementStep(List<Target> targets) {
    public ManagementStep {
      targets = List.copyOf(targets);
    }
  }

  /** Targets paged together; the next step follows after {@code delay} without acknowledgement. */
  public record EscalationStep(Duration delay, List<Target> targets) {
    public EscalationStep {
      targets = List.copyOf(targets);
    }
  }

  /** Exactly one of user, schedule (whoever is on call then) or team. */
  public record Target(String user, String schedule, String team) {}

  /**
   * A service level objective: the share of good events, or of good time slices, that the service promises over a
   * window ({@code 28d}, {@code 30d}, {@code week}, {@code month}, {@code quarter}; calendar windows in
   * {@code timeZone}, UTC when null). {@code budgeting} null means occurrences, {@code alerting} null means page,
   * {@code burnRateRules} empty means the SRE workbook's four rules, {@code budgetThresholds} empty means 50, 75 and
   * 100 percent consumed. SLO names are unique across the catalog.
   */
  public record Slo(
      String name,
      String description,
      double objective,
      String window,
      String timeZone,
      SloBudgeting budgeting,
      Timeslice timeslice,
      SloAlerting alerting,
      List<BurnRateRule> burnRateRules,
      List<Double> budgetThresholds,
      Sli sli) {
    public Slo {
      burnRateRules = burnRateRules == null ? List.of() : List.copyOf(burnRateRules);
      budgetThresholds = budgetThresholds == null ? List.of() : List.copyOf(budgetThresholds);
    }

    public SloBudgeting budgetingOrDefault() {
      return budgeting == null ? SloBudgeting.OCCURRENCES : budgeting;
    }

    public SloAlerting alertingOrDefault() {
      return alerting == null ? SloAlerting.PAGE : alerting;
    }

    /** The zone calendar windows are cut in. */
    public ZoneId zone() {
      return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
    }
  }

  /** How an SLO's budget is counted: good events over all events, or good time slices over all slices. */
  public enum SloBudgeting {
    OCCURRENCES, TIMESLICES;

    @JsonCreator
    static SloBudgeting of(String value) {
      return parse(SloBudgeting.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** What a fast-burning SLO asks for: a page, a ticket (an incident that does not page), or nothing. */
  public enum SloAlerting {
    PAGE, TICKET, NONE;

    @JsonCreator
    static SloAlerting of(String value) {
      return parse(SloAlerting.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** A slice of time is good when its own SLI reaches {@code objective} percent. */
  public record Timeslice(Duration length, double objective) {}

  /**
   * A multiwindow burn-rate rule: fires when the burn rate over both {@code longWindow} and {@code shortWindow}
   * exceeds {@code burnRate}, asking for {@code response} (page or ticket).
   */
  public record BurnRateRule(SloAlerting response, double burnRate, Duration longWindow, Duration shortWindow) {}

  /** Where an SLO's good and total events come from: exactly one of the three is set. */
  public record Sli(ProbeSli probe, PrometheusSli prometheus, IncidentSli incidents) {}

  /**
   * An SLI from one of the service's probes: successful checks over checks across its locations, or, with
   * {@code latencyBelow}, successful checks faster than that over checks.
   */
  public record ProbeSli(String probe, Duration latencyBelow) {}

  /**
   * An SLI from a Prometheus data source: a ratio ({@code good} or {@code bad}, over {@code total}, as PromQL
   * selectors of counters), a latency (the {@code histogram}'s bucket at {@code latencyBelow} over its count), or,
   * for timeslices, a {@code query} whose value per slice is good when within {@code goodAtMost} and
   * {@code goodAtLeast} (a boolean query: non-zero is good when neither is set).
   */
  public record PrometheusSli(
      String source,
      String good,
      String bad,
      String total,
      String histogram,
      Duration latencyBelow,
      String query,
      Double goodAtMost,
      Double goodAtLeast) {}

  /** An SLI from the service's own incidents of these severities: time without one over time, as contracts count. */
  public record IncidentSli(List<String> severities) {
    public IncidentSli {
      severities = severities == null ? List.of() : List.copyOf(severities);
    }
  }

  /**
   * A Prometheus-compatible HTTP query API (Prometheus, Thanos, VictoriaMetrics) that SLOs read: optional bearer
   * token or basic auth; {@code timeout} null means 10 seconds.
   */
  public record PrometheusSource(String name, String url, String bearerToken, BasicAuth basicAuth, Duration timeout) {}

  /** A user name and password sent as HTTP basic authentication. */
  public record BasicAuth(String username, String password) {}

  /** What happens when an SLO of the service has spent its error budget: notify, hold deploys for approval, or freeze. */
  public enum ErrorBudgetPolicy {
    NOTIFY, REQUIRE_APPROVAL, FREEZE_DEPLOYS;

    @JsonCreator
    static ErrorBudgetPolicy of(String value) {
      return parse(ErrorBudgetPolicy.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** An enterprise customer with paid contracts; {@code contacts} are the people to keep informed. */
  public record Customer(String name, String description, List<String> contacts, List<Contract> contracts) {
    public Customer {
      contacts = contacts == null ? List.of() : List.copyOf(contacts);
      contracts = List.copyOf(contracts);
    }
  }

  /**
   * An SLA: the covered services must be available {@code availability} percent of each {@code period};
   * below a tier's threshold the customer is owed that tier's credit, a share of {@code fee} (per period, in
   * {@code currency}) when one is declared. With {@code slo} the availability is that SLO's; else it is measured from
   * the covered services' incidents.
   */
  public record Contract(
      String name,
      List<String> services,
      double availability,
      ContractPeriod period,
      List<CreditTier> creditTiers,
      String slo,
      BigDecimal fee,
      String currency) {
    public Contract {
      services = List.copyOf(services);
      creditTiers = creditTiers == null ? List.of() : List.copyOf(creditTiers);
    }

    /** A contract measured from its services' incidents, with no fee declared. */
    public Contract(String name, List<String> services, double availability, ContractPeriod period,
        List<CreditTier> creditTiers) {
      this(name, services, availability, period, creditTiers, null, null, null);
    }
  }

  /** The window an availability objective is measured over. */
  public enum ContractPeriod {
    MONTHLY, QUARTERLY, YEARLY;

    @JsonCreator
    static ContractPeriod of(String value) {
      return parse(ContractPeriod.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /** Credit owed (percent of the period's fee) when availability falls below {@code below} percent. */
  public record CreditTier(double below, double creditPercent) {}

  /**
   * How incidents are run: the severities (most severe first) with what each means for paging, stakeholders and
   * postmortems, the rules that give an incident its severity (first match wins, else {@code defaultSeverity}),
   * and the postmortem deadline in business days.
   */
  public record IncidentPolicy(
      List<SeverityLevel> severities,
      List<SeverityRule> rules,
      String defaultSeverity,
      Integer postmortemDueDays,
      Duration reminderInterval,
      String businessTimeZone,
      List<String> holidays) {

    /** The catalog object name the one policy is stored under. */
    public static final String NAME = "incident-policy";

    /** What a catalog without an {@code incident_policy} gets. */
    public static final IncidentPolicy DEFAULT = new IncidentPolicy(null, null, null, null, null, null, null);

    /** SEV1 to SEV4: the first two page day and night, tell stakeholders and need a postmortem. */
    public static final List<SeverityLevel> DEFAULT_SEVERITIES = List.of(
        new SeverityLevel("SEV1", "Critical: the business stops or data is at risk.", Paging.ALWAYS, true, true, null),
        new SeverityLevel("SEV2", "Major: a core function is down or badly degraded.", Paging.ALWAYS, true, true, null),
        new SeverityLevel("SEV3", "Minor: degraded, with a workaround.", Paging.BUSINESS_HOURS, false, false, null),
        new SeverityLevel("SEV4", "Cosmetic or internal: a ticket, nobody is paged.", Paging.NEVER, false, false,
            null));

    /** Without declared severities and rules, critical and error alerts open SEV2 incidents and the rest SEV3. */
    public static final List<SeverityRule> DEFAULT_RULES = List.of(new SeverityRule("paging-alert", "SEV2",
        null, null, null, null, null, null, null, List.of("critical", "error"), null));

    public static final int DEFAULT_POSTMORTEM_DUE_DAYS = 5;
    public static final Duration DEFAULT_REMINDER_INTERVAL = Duration.ofDays(1);

    public IncidentPolicy {
      severities = severities == null || severities.isEmpty() ? null : List.copyOf(severities);
      rules = rules == null ? null : List.copyOf(rules);
      holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    public List<SeverityLevel> severitiesOrDefault() {
      return severities == null ? DEFAULT_SEVERITIES : severities;
    }

    /** The declared rules; the built-in ones only when neither severities nor rules are declared. */
    public List<SeverityRule> rulesOrDefault() {
      if (rules != null) {
        return rules;
      }
      return severities == null ? DEFAULT_RULES : List.of();
    }

    /** The declared default, else the least severe severity that pages someone, else the least severe. */
    public String defaultSeverityOrDefault() {
      if (defaultSeverity != null) {
        return defaultSeverity;
      }
      List<SeverityLevel> levels = severitiesOrDefault();
      for (int i = levels.size() - 1; i >= 0; i--) {
        if (levels.get(i).pagingOrDefault() != Paging.NEVER) {
          return levels.get(i).name();
        }
      }
      return levels.getLast().name();
    }

    public Optional<SeverityLevel> severity(String name) {
      return severitiesOrDefault().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** 0 for the most severe; larger is milder; -1 for a name the policy does not know. */
    public int rank(String name) {
      List<SeverityLevel> levels = severitiesOrDefault();
      for (int i = 0; i < levels.size(); i++) {
        if (levels.get(i).name().equals(name)) {
          return i;
        }
      }
      return -1;
    }

    public int postmortemDueDaysOrDefault() {
      return postmortemDueDays == null ? DEFAULT_POSTMORTEM_DUE_DAYS : postmortemDueDays;
    }

    public Duration reminderIntervalOrDefault() {
      return reminderInterval == null ? DEFAULT_REMINDER_INTERVAL : reminderInterval;
    }

    public String businessTimeZoneOrDefault() {
      return businessTimeZone == null ? "UTC" : businessTimeZone;
    }
  }

  /**
   * One severity: how it pages, whether stakeholders hear of it at once, whether it needs a postmortem, and the
   * template of its status updates (null: the built-in one).
   */
  public record SeverityLevel(
      String name,
      String description,
      Paging paging,
      Boolean notifyStakeholders,
      Boolean postmortem,
      String statusUpdateTemplate) {

    public Paging pagingOrDefault() {
      return paging == null ? Paging.ALWAYS : paging;
    }

    public boolean notifiesStakeholders() {
      return Boolean.TRUE.equals(notifyStakeholders);
    }

    public boolean requiresPostmortem() {
      return Boolean.TRUE.equals(postmortem);
    }
  }

  /** How a severity pages: day and night, only in the service's support hours, or not at all (a ticket). */
  public enum Paging {
    ALWAYS, BUSINESS_HOURS, NEVER;

    @JsonCreator
    static Paging of(String value) {
      return parse(Paging.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /**
   * Gives an incident {@code severity} when every condition set holds; unset conditions are not checked. The
   * conditions look at the incident's service and every service that depends on it (its blast radius).
   *
   * @param tiers the most critical tier among the affected services is one of these
   * @param minUserShare the largest share of users (percent) among the affected services is at least this
   * @param minCustomers at least this many enterprise customers have a contract covering an affected service
   * @param paymentPath an affected service is on the payment path
   * @param dataIntegrity an affected service risks data integrity
   * @param regulatory an affected service is regulated
   * @param services the incident's service is one of these
   * @param alertSeverities the alert's severity (critical, error, warning, info) is one of these
   * @param labels the alert has each of these labels with these values
   */
  public record SeverityRule(
      String name,
      String severity,
      List<Integer> tiers,
      Double minUserShare,
      Integer minCustomers,
      Boolean paymentPath,
      Boolean dataIntegrity,
      Boolean regulatory,
      List<String> services,
      List<String> alertSeverities,
      Map<String, String> labels) {
    public SeverityRule {
      tiers = tiers == null ? List.of() : List.copyOf(tiers);
      services = services == null ? List.of() : List.copyOf(services);
      alertSeverities = alertSeverities == null ? List.of() : List.copyOf(alertSeverities);
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
  }

  /**
   * A public status page at {@code /status/{slug}}: the components the public sees, each mapped to services and
   * probes, which of their incidents are shown, whether 90-day uptime bars are drawn, and how people may subscribe.
   * {@code timeZone} (UTC when null) decides where the days of the uptime bars begin.
   */
  public record StatusPage(
      String slug,
      String title,
      String description,
      String timeZone,
      List<StatusComponent> components,
      StatusPageIncidents incidents,
      Boolean uptimeBars,
      StatusPageSubscriptions subscriptions) {
    public StatusPage {
      components = components == null ? List.of() : List.copyOf(components);
    }

    public String timeZoneOrDefault() {
      return timeZone == null ? "UTC" : timeZone;
    }

    public StatusPageIncidents incidentsOrDefault() {
      return incidents == null ? StatusPageIncidents.DEFAULT : incidents;
    }

    public boolean showsUptimeBars() {
      return uptimeBars == null || uptimeBars;
    }

    public StatusPageSubscriptions subscriptionsOrDefault() {
      return subscriptions == null ? StatusPageSubscriptions.DEFAULT : subscriptions;
    }
  }

  /**
   * What the public sees as one part of the product, under its display {@code name}: the state of the listed
   * {@code services} (with their probes) and {@code probes} (written {@code service/probe}); {@code group} puts
   * components under a common heading.
   */
  public record StatusComponent(String name, String description, String group, List<String> services,
      List<String> probes) {
    public StatusComponent {
      services = services == null ? List.of() : List.copyOf(services);
      probes = probes == null ? List.of() : List.copyOf(probes);
    }
  }

  /**
   * Which incidents a status page shows: those touching its components with at least {@code minSeverity} (all when
   * null), and resolved ones for {@code historyDays} days.
   */
  public record StatusPageIncidents(String minSeverity, Integer historyDays) {
    public static final int DEFAULT_HISTORY_DAYS = 14;
    public static final StatusPageIncidents DEFAULT = new StatusPageIncidents(null, null);

    public int historyDaysOrDefault() {
      return historyDays == null ? DEFAULT_HISTORY_DAYS : historyDays;
    }
  }

  /** How people may follow a status page besides its feeds: email (double opt-in) and webhooks; both when null. */
  public record StatusPageSubscriptions(Boolean email, Boolean webhook) {
    public static final StatusPageSubscriptions DEFAULT = new StatusPageSubscriptions(null, null);

    public boolean allowsEmail() {
      return email == null || email;
    }

    public boolean allowsWebhook() {
      return webhook == null || webhook;
    }
  }

  /**
   * What the generated Prometheus monitoring of a service reads and leaves out: the exporter's scrape {@code job} (the
   * service's name when null) and its {@code targets} (host:port), the {@code httpMetrics} the service exports,
   * {@code thresholds} that replace the tier's, {@code rules} to add, the generated alerts {@code disabled}, and
   * whether the service is the monitoring stack itself ({@code self}), whose rules watch Prometheus and Alertmanager.
   */
  public record Monitoring(String job, List<String> targets, HttpMetrics httpMetrics, Thresholds thresholds,
      List<ExtraRule> rules, List<String> disabled, Boolean self) {
    /** Nothing declared: every default. */
    public static final Monitoring DEFAULT = new Monitoring(null, null, null, null, null, null, null);

    public Monitoring {
      targets = targets == null ? List.of() : List.copyOf(targets);
      rules = rules == null ? List.of() : List.copyOf(rules);
      disabled = disabled == null ? List.of() : List.copyOf(disabled);
    }

    /** The thresholds declared, each null one the tier's. */
    public Thresholds thresholdsOrNone() {
      return thresholds == null ? Thresholds.NONE : thresholds;
    }

    public boolean isSelf() {
      return Boolean.TRUE.equals(self);
    }
  }

  /** Which metrics a service's HTTP traffic is read from: its own (Micrometer, OpenTelemetry) or its proxy's. */
  public enum HttpMetrics {
    MICROMETER, OPENTELEMETRY, HAPROXY, NGINX;

    @JsonCreator
    static HttpMetrics of(String value) {
      return parse(HttpMetrics.class, value);
    }

    /** The value as written in vigil.yaml and the API. */
    @JsonValue
    public String value() {
      return yamlName(this);
    }
  }

  /**
   * Thresholds of the generated alerts that replace the tier's defaults; each null one is the tier's. {@code
   * firingAfter} is how long a condition holds before its alert fires (Prometheus's {@code for}).
   */
  public record Thresholds(Duration firingAfter, Double errorPercent, Duration latencyP99, Double saturationPercent,
      Duration replicationLag, Duration longTransaction, Duration diskFullWithin, Long queueDepth,
      Duration oldestJobAge) {
    /** No threshold declared. */
    public static final Thresholds NONE = new Thresholds(null, null, null, null, null, null, null, null, null);
  }

  /** An alert rule written by hand that the generated rules of the service carry as it is, with its labels added. */
  public record ExtraRule(String alert, String expr, Duration firingAfter, String severity, String summary,
      String description) {}

  /** An enum constant as written in vigil.yaml: {@code HTTP_SERVICE} is {@code http-service}. */
  public static String yamlName(Enum<?> constant) {
    return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The constant written {@code value} in vigil.yaml, or an error listing the values allowed. */
  public static <E extends Enum<E>> E parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (yamlName(constant).equals(value) || constant.name().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants())
        .map(Catalog::yamlName).collect(Collectors.joining(", ")));
  }
}
