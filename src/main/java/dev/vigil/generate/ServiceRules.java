package dev.vigil.generate;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.Catalog.HttpMetrics;
import dev.vigil.catalog.Catalog.ServiceKind;
import dev.vigil.generate.AlertRule.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one service for its kind: the golden signals (errors, latency, traffic, saturation) and the kind's
 * own failure modes, in the metric names of the exporter people run for it, with the thresholds of its tier.
 */
final class ServiceRules {

  /** The instance label of the series the unit tests feed; any value does, one keeps the tests readable. */
  static final String TEST_INSTANCE = "host-1:9100";

  /** kube-state-metrics is one deployment per cluster, scraped under its conventional job name. */
  static final String KUBE_STATE_METRICS_JOB = "kube-state-metrics";

  private final Catalog.Service service;
  private final Limits limits;
  private final String job;
  private final String matcher;
  private final List<AlertRule> rules = new ArrayList<>();

  private ServiceRules(Catalog.Service service) {
    this.service = service;
    this.limits = Limits.of(service);
    this.job = job(service);
    this.matcher = "job=\"" + job + "\"";
  }

  /** The job name the service's exporter is scraped under: declared, or the service's name. */
  static String job(Catalog.Service service) {
    String declared = service.monitoringOrDefault().job();
    return declared != null ? declared : service.name();
  }

  /** Which HTTP metrics a service is read from: declared, or its kind's default (null for kinds without). */
  static HttpMetrics httpMetrics(Catalog.Service service) {
    HttpMetrics declared = service.monitoringOrDefault().httpMetrics();
    if (declared != null) {
      return declared;
    }
    return switch (kind(service)) {
      case HTTP_SERVICE -> HttpMetrics.MICROMETER;
      case GATEWAY -> HttpMetrics.HAPROXY;
      case WEB -> HttpMetrics.NGINX;
      default -> null;
    };
  }

  static ServiceKind kind(Catalog.Service service) {
    return service.kind() == null ? ServiceKind.EXTERNAL : service.kind();
  }

  /** Every generated alert of the service, before the catalog's {@code disabled} are taken out. */
  static List<AlertRule> of(Catalog.Service service, int standbys) {
    ServiceRules r = new ServiceRules(service);
    if (kind(service) == ServiceKind.EXTERNAL) {
      return List.of();
    }
    r.targetDown();
    if (service.monitoringOrDefault().isSelf()) {
      r.monitoringStack();
      return r.rules;
    }
    switch (kind(service)) {
      case HTTP_SERVICE, GATEWAY, WEB -> r.http(httpMetrics(service));
      case POSTGRES -> r.postgres(standbys);
      case ELASTICSEARCH -> r.elasticsearch();
      case REDIS -> r.redis();
      case WORKER -> r.worker();
      case KUBERNETES_NODE -> r.kubernetesNode();
      case EXTERNAL -> { }
    }
    return r.rules;
  }

  // The service's own scrape.

  private void targetDown() {
    add("TargetDown", "up{" + matcher + "} == 0", "critical",
        "Prometheus cannot scrape " + name() + "'s exporter",
        "The " + job + " target has not answered Prometheus's scrapes for " + after() + ": the service or its exporter"
            + " is down, or the network between them is.",
        instanceLabels(), gauge("up", 0), gauge("up", 1));
  }

  // HTTP: Micrometer, OpenTelemetry, HAProxy and nginx.

  private void http(HttpMetrics flavour) {
    switch (flavour) {
      case MICROMETER -> requests("http_server_requests_seconds", "status");
      case OPENTELEMETRY -> requests("http_server_request_duration_seconds", "http_response_status_code");
      case HAPROXY -> haproxy();
      case NGINX -> nginx();
    }
    if (flavour == HttpMetrics.MICROMETER) {
      saturationOf("HttpProcessCpuHigh", "process_cpu_usage{" + matcher + "}", "CPU use of " + name() + "'s process");
    }
  }

  /** A service's own request histogram: errors by status class, p99 latency, traffic. */
  private void requests(String histogram, String statusLabel) {
    String count = histogram + "_count";
    String bucket = histogram + "_bucket";
    errorRatio("HttpErrorRatioHigh", count, statusLabel + "=~\"5..\"", statusLabel + "=\"500\"",
        statusLabel + "=\"200\"", "requests", "answered with a 5xx status");
    String threshold = Promql.number(limits.latencySeconds());
    String twice = Promql.number(limits.latencySeconds() * 2);
    add("HttpLatencyHigh", "histogram_quantile(0.99, sum by (job, le) (rate(" + bucket + "{" + matcher + "}[5m]))) > "
            + threshold, severity(), name() + " answers slowly",
        "The 99th percentile of " + name() + "'s request durations has been above " + threshold + " s for "
            + after() + ".",
        jobLabels(),
        List.of(counter(bucket, 0, "le", threshold), counter(bucket, 60, "le", twice), counter(bucket, 60, "le", "+Inf")),
        List.of(counter(bucket, 60, "le", threshold), counter(bucket, 60, "le", twice),
            counter(bucket, 60, "le", "+Inf")));
    trafficStopped("HttpTrafficStopped", count + "{" + matcher + "}", "requests");
  }

  private void haproxy() {
    add("HaproxyBackendDown", "haproxy_backend_active_servers{" + matcher + "} == 0", "critical",
        name() + " has a backend without a server",
        "An HAProxy backend of " + name() + " has had no active server for " + after() + "; its requests fail.",
        labels("job", job, "instance", TEST_INSTANCE, "proxy", "app"),
        gauge("haproxy_backend_active_servers", 0, "proxy", "app"),
        gauge("haproxy_backend_active_servers", 2, "proxy", "app"));
    errorRatio("HaproxyErrorRatioHigh", "haproxy_backend_http_responses_total", "code=\"5xx\"", "code=\"5xx\"",
        "code=\"2xx\"", "responses", "were 5xx");
    String threshold = Promql.number(limits.latencySeconds());
    add("HaproxyLatencyHigh", "max by (job, proxy) (haproxy_backend_response_time_average_seconds{" + matcher
            + "}) > " + threshold, severity(), name() + "'s backends answer slowly",
        "The average response time of an HAProxy backend of " + name() + " has been above " + threshold
            + " s for " + after() + ".",
        labels("job", job, "proxy", "app"),
        gauge("haproxy_backend_response_time_average_seconds", limits.latencySeconds() * 2, "proxy", "app"),
        gauge("haproxy_backend_response_time_average_seconds", 0, "proxy", "app"));
    nearLimit("HaproxySessionsNearLimit", "max by (job, proxy) (haproxy_frontend_current_sessions{" + matcher
            + "} / haproxy_frontend_limit_sessions{" + matcher + "})", name() + " nears its session limit",
        "An HAProxy frontend of " + name() + " has used more than " + Promql.percent(limits.saturation())
            + " of its session limit for " + after() + "; new connections will queue.",
        labels("job", job, "proxy", "web"), "haproxy_frontend_current_sessions", "haproxy_frontend_limit_sessions",
        "proxy", "web");
    trafficStopped("HaproxyTrafficStopped", "haproxy_frontend_http_requests_total{" + matcher + "}", "requests");
  }

  private void nginx() {
    add("NginxDown", "nginx_up{" + matcher + "} == 0", "critical", "nginx of " + name() + " is down",
        "The nginx exporter of " + name() + " has not reached nginx's status page for " + after() + ".",
        instanceLabels(), gauge("nginx_up", 0), gauge("nginx_up", 1));
    add("NginxConnectionsDropped", "sum by (job) (rate(nginx_connections_accepted{" + matcher
            + "}[5m])) - sum by (job) (rate(nginx_connections_handled{" + matcher + "}[5m])) > 0", "warning",
        "nginx of " + name() + " drops connections",
        "nginx of " + name() + " has accepted connections it did not handle for " + after()
            + ": it reached worker_connections or another resource limit.",
        jobLabels(),
        List.of(counter("nginx_connections_accepted", 60), counter("nginx_connections_handled", 30)),
        List.of(counter("nginx_connections_accepted", 60), counter("nginx_connections_handled", 60)));
    trafficStopped("NginxTrafficStopped", "nginx_http_requests_total{" + matcher + "}", "requests");
  }

  private void errorRatio(String alert, String counter, String badMatcher, String bad, String good, String what,
      String failed) {
    String ratio = Promql.number(limits.errorRatio());
    add(alert, "sum by (job) (rate(" + counter + "{" + matcher + "," + badMatcher + "}[5m])) / sum by (job) (rate("
            + counter + "{" + matcher + "}[5m])) > " + ratio, severity(), name() + " fails its " + what,
        "More than " + Promql.percent(limits.errorRatio()) + " of " + name() + "'s " + what + " " + failed
            + " over 5 minutes, for " + after() + ".",
        jobLabels(),
        List.of(counterMatching(counter, 60, bad), counterMatching(counter, 0, good)),
        List.of(counterMatching(counter, 0, bad), counterMatching(counter, 60, good)));
  }

  private void trafficStopped(String alert, String selector, String what) {
    String metric = selector.substring(0, selector.indexOf('{'));
    add(alert, "sum by (job) (rate(" + selector + "[5m])) == 0", "warning", name() + " gets no " + what,
        name() + " has received no " + what + " for " + after() + " while its exporter answers: traffic is not"
            + " reaching it.",
        jobLabels(), List.of(counter(metric, 0)), List.of(counter(metric, 60)));
  }

  private void saturationOf(String alert, String selector, String what) {
    String metric = selector.substring(0, selector.indexOf('{'));
    add(alert, "max by (job, instance) (" + selector + ") > " + Promql.number(limits.saturation()), "warning",
        what + " is near its limit",
        what + " has been above " + Promql.percent(limits.saturation()) + " for " + after() + ".",
        instanceLabels(), gauge(metric, 1), gauge(metric, 0));
  }

  // PostgreSQL (postgres_exporter).

  private void postgres(int standbys) {
    add("PostgresDown", "pg_up{" + matcher + "} == 0", "critical", "PostgreSQL of " + name() + " is down",
        "postgres_exporter has not reached " + name() + "'s PostgreSQL for " + after() + ".",
        instanceLabels(), gauge("pg_up", 0), gauge("pg_up", 1));
    long lag = limits.replicationLag().toSeconds();
    add("PostgresReplicationLagAboveRpo", "max by (job, instance) (pg_replication_lag{" + matcher + "}) > " + lag,
        "critical", name() + " replays further behind than its RPO",
        name() + " has been more than " + Promql.duration(limits.replicationLag()) + " behind its primary for "
            + after() + ": a failover now would lose more data than the service's recovery point objective allows.",
        instanceLabels(), gauge("pg_replication_lag", lag * 2), gauge("pg_replication_lag", 0));
    if (standbys > 0) {
      String streaming = "pg_stat_replication_pg_wal_lsn_diff{" + matcher + ",state=\"streaming\"}";
      List<Series> healthy = new ArrayList<>();
      for (int i = 1; i <= standbys; i++) {
        healthy.addAll(gauge("pg_stat_replication_pg_wal_lsn_diff", 0, "application_name", "standby-" + i,
            "state", "streaming"));
      }
      add("PostgresStandbyNotStreaming", "(count by (job) (" + streaming + ") or label_replace(vector(0), \"job\", \""
              + job + "\", \"\", \"\")) < " + standbys, "critical", "A standby of " + name() + " is not streaming",
          name() + " has streamed WAL to fewer than its " + standbys + " declared standby(s) for " + after()
              + ": the failover target falls behind or is gone.",
          jobLabels(), gauge("pg_stat_replication_pg_wal_lsn_diff", 0, "application_name", "standby-1",
              "state", "catchup"), healthy);
    }
    nearLimit("PostgresConnectionsNearMax", "sum by (job, instance) (pg_stat_database_numbackends{" + matcher
            + "}) / max by (job, instance) (pg_settings_max_connections{" + matcher + "})",
        name() + " nears max_connections",
        name() + " has used more than " + Promql.percent(limits.saturation()) + " of max_connections for " + after()
            + "; new connections will be refused.",
        instanceLabels(), "pg_stat_database_numbackends", "pg_settings_max_connections");
    add("PostgresDeadlocks", "sum by (job, instance) (increase(pg_stat_database_deadlocks{" + matcher + "}[5m])) > 0",
        "warning", name() + " has deadlocks",
        "Transactions of " + name() + " have deadlocked within 5 minutes, for " + after() + ".",
        instanceLabels(), List.of(counter("pg_stat_database_deadlocks", 1, "datname", "app")),
        List.of(counter("pg_stat_database_deadlocks", 0, "datname", "app")));
    long longest = limits.longTransaction().toSeconds();
    add("PostgresLongTransaction", "max by (job, instance) (pg_stat_activity_max_tx_duration{" + matcher + "}) > "
            + longest, "warning", name() + " has a long-running transaction",
        "A transaction of " + name() + " has been open longer than " + Promql.duration(limits.longTransaction())
            + ", for " + after() + "; it holds locks and keeps vacuum from cleaning up.",
        instanceLabels(), gauge("pg_stat_activity_max_tx_duration", longest * 2, "datname", "app"),
        gauge("pg_stat_activity_max_tx_duration", 0, "datname", "app"));
    add("PostgresWraparoundHeadroomLow", "max by (job, instance) (pg_database_wraparound_age_datfrozenxid{" + matcher
            + "}) / 2147483648 > " + Promql.number(limits.wraparound()), "critical",
        name() + " nears transaction ID wraparound",
        "The oldest unfrozen transaction ID of a database of " + name() + " is more than "
            + Promql.percent(limits.wraparound()) + " of the way to wraparound, for " + after()
            + "; PostgreSQL stops accepting writes at the end of it. Vacuum (freeze) it.",
        instanceLabels(), gauge("pg_database_wraparound_age_datfrozenxid", 2_000_000_000L, "datname", "app"),
        gauge("pg_database_wraparound_age_datfrozenxid", 1_000_000, "datname", "app"));
  }

  // Elasticsearch (elasticsearch_exporter).

  private void elasticsearch() {
    for (String color : List.of("red", "yellow")) {
      add("ElasticsearchCluster" + Character.toUpperCase(color.charAt(0)) + color.substring(1),
          "max by (job, cluster) (elasticsearch_cluster_health_status{" + matcher + ",color=\"" + color + "\"}) == 1",
          color.equals("red") ? "critical" : "warning", name() + "'s cluster is " + color,
          name() + "'s cluster health has been " + color + " for " + after() + (color.equals("red")
              ? ": some primary shards are unassigned and their data cannot be searched or written."
              : ": some replica shards are unassigned; one more node lost can lose data."),
          labels("job", job, "cluster", "search"),
          gauge("elasticsearch_cluster_health_status", 1, "cluster", "search", "color", color),
          gauge("elasticsearch_cluster_health_status", 0, "cluster", "search", "color", color));
    }
    add("ElasticsearchUnassignedShards", "max by (job, cluster) (elasticsearch_cluster_health_unassigned_shards{"
            + matcher + "}) > 0", "warning", name() + " has unassigned shards",
        name() + " has had unassigned shards for " + after() + ".",
        labels("job", job, "cluster", "search"),
        gauge("elasticsearch_cluster_health_unassigned_shards", 3, "cluster", "search"),
        gauge("elasticsearch_cluster_health_unassigned_shards", 0, "cluster", "search"));
    nearLimit("ElasticsearchHeapHigh", "max by (job, name) (elasticsearch_jvm_memory_used_bytes{" + matcher
            + ",area=\"heap\"} / elasticsearch_jvm_memory_max_bytes{" + matcher + ",area=\"heap\"})",
        "A node of " + name() + " is short of heap",
        "A node of " + name() + " has used more than " + Promql.percent(limits.saturation()) + " of its JVM heap for "
            + after() + "; long garbage collections and circuit breakers follow.",
        labels("job", job, "name", "node-1"), "elasticsearch_jvm_memory_used_bytes",
        "elasticsearch_jvm_memory_max_bytes", "area", "heap", "name", "node-1");
    add("ElasticsearchSearchRejections", "sum by (job, cluster) (increase(elasticsearch_thread_pool_rejected_count{"
            + matcher + ",type=\"search\"}[5m])) > 0", severity(), name() + " rejects searches",
        name() + "'s search thread pools have rejected requests within 5 minutes, for " + after()
            + ": the cluster is saturated.",
        labels("job", job, "cluster", "search"),
        List.of(counter("elasticsearch_thread_pool_rejected_count", 5, "cluster", "search", "type", "search")),
        List.of(counter("elasticsearch_thread_pool_rejected_count", 0, "cluster", "search", "type", "search")));
  }

  // Redis (redis_exporter).

  private void redis() {
    add("RedisDown", "redis_up{" + matcher + "} == 0", "critical", "Redis of " + name() + " is down",
        "redis_exporter has not reached " + name() + "'s Redis for " + after() + ".",
        instanceLabels(), gauge("redis_up", 0), gauge("redis_up", 1));
    nearLimit("RedisMemoryNearMax", "max by (job, instance) (redis_memory_used_bytes{" + matcher
            + "} / (redis_memory_max_bytes{" + matcher + "} > 0))", name() + " nears maxmemory",
        name() + " has used more than " + Promql.percent(limits.saturation()) + " of its maxmemory for " + after()
            + "; it will evict keys or refuse writes.",
        instanceLabels(), "redis_memory_used_bytes", "redis_memory_max_bytes");
    add("RedisEvictions", "sum by (job, instance) (increase(redis_evicted_keys_total{" + matcher + "}[5m])) > 0",
        "warning", name() + " evicts keys",
        name() + " has evicted keys to stay under maxmemory within 5 minutes, for " + after() + ".",
        instanceLabels(), List.of(counter("redis_evicted_keys_total", 10)),
        List.of(counter("redis_evicted_keys_total", 0)));
    add("RedisReplicaLinkDown", "max by (job, instance) (redis_master_link_up{" + matcher + "}) == 0", severity(),
        "A replica of " + name() + " lost its primary",
        "A Redis replica of " + name() + " has had no link to its primary for " + after()
            + "; it serves stale data and cannot take over.",
        instanceLabels(), gauge("redis_master_link_up", 0), gauge("redis_master_link_up", 1));
    nearLimit("RedisClientsNearMax", "max by (job, instance) (redis_connected_clients{" + matcher
            + "} / redis_config_maxclients{" + matcher + "})", name() + " nears maxclients",
        name() + " has had more than " + Promql.percent(limits.saturation()) + " of maxclients connected for "
            + after() + "; new clients will be refused.",
        instanceLabels(), "redis_connected_clients", "redis_config_maxclients");
  }

  // Workers: the three metrics docs/monitoring.md asks a worker to export.

  private void worker() {
    add("WorkerQueueBacklog", "max by (job, queue) (worker_queue_depth{" + matcher + "}) > " + limits.queueDepth(),
        "warning", name() + " falls behind",
        "A queue of " + name() + " has held more than " + limits.queueDepth() + " jobs for " + after() + ".",
        labels("job", job, "queue", "default"),
        gauge("worker_queue_depth", limits.queueDepth() * 2, "queue", "default"),
        gauge("worker_queue_depth", 0, "queue", "default"));
    long oldest = limits.oldestJobAge().toSeconds();
    add("WorkerOldestJobTooOld", "max by (job, queue) (worker_queue_oldest_job_age_seconds{" + matcher + "}) > "
            + oldest, severity(), name() + " leaves jobs waiting",
        "The oldest job waiting in a queue of " + name() + " has waited longer than "
            + Promql.duration(limits.oldestJobAge()) + ", for " + after() + ".",
        labels("job", job, "queue", "default"),
        gauge("worker_queue_oldest_job_age_seconds", oldest * 2, "queue", "default"),
        gauge("worker_queue_oldest_job_age_seconds", 0, "queue", "default"));
    errorRatio("WorkerFailureRatioHigh", "worker_jobs_total", "outcome=\"failure\"", "outcome=\"failure\"",
        "outcome=\"success\"", "jobs", "failed");
  }

  // Kubernetes nodes: node_exporter on the node, kube-state-metrics for the cluster.

  private void kubernetesNode() {
    String limit = Promql.number(limits.saturation());
    add("NodeCpuHigh", "1 - avg by (job, instance) (rate(node_cpu_seconds_total{" + matcher
            + ",mode=\"idle\"}[5m])) > " + limit, "warning", "A node of " + name() + " is short of CPU",
        "A node of " + name() + " has been busier than " + Promql.percent(limits.saturation()) + " for " + after()
            + ".",
        instanceLabels(), List.of(counter("node_cpu_seconds_total", 0, "cpu", "0", "mode", "idle")),
        List.of(counter("node_cpu_seconds_total", 60, "cpu", "0", "mode", "idle")));
    add("NodeMemoryHigh", "1 - max by (job, instance) (node_memory_MemAvailable_bytes{" + matcher
            + "} / node_memory_MemTotal_bytes{" + matcher + "}) > " + limit, "warning",
        "A node of " + name() + " is short of memory",
        "A node of " + name() + " has used more than " + Promql.percent(limits.saturation()) + " of its memory for "
            + after() + ".",
        instanceLabels(),
        List.of(new Series(selector("node_memory_MemAvailable_bytes", job), 0, 0),
            new Series(selector("node_memory_MemTotal_bytes", job), 100, 0)),
        List.of(new Series(selector("node_memory_MemAvailable_bytes", job), 100, 0),
            new Series(selector("node_memory_MemTotal_bytes", job), 100, 0)));
    String[] disk = {"device", "/dev/sda1", "fstype", "ext4", "mountpoint", "/"};
    Map<String, String> diskLabels = labels("job", job, "instance", TEST_INSTANCE, disk[0], disk[1], disk[2], disk[3],
        disk[4], disk[5]);
    add("NodeDiskFillingUp", "predict_linear(node_filesystem_avail_bytes{" + matcher
            + ",fstype!~\"tmpfs|overlay|squashfs\"}[6h], " + limits.diskFullWithin().toSeconds()
            + ") < 0 and node_filesystem_readonly{" + matcher + "} == 0", severity(),
        "A disk of " + name() + " is filling up",
        "At the rate of the last 6 hours, a filesystem of " + name() + " fills within "
            + Promql.duration(limits.diskFullWithin()) + "; it has been so for " + after() + ".",
        diskLabels,
        List.of(new Series(selector("node_filesystem_avail_bytes", job, disk), 1e9, -1e7),
            new Series(selector("node_filesystem_readonly", job, disk), 0, 0)),
        List.of(new Series(selector("node_filesystem_avail_bytes", job, disk), 1e9, 0),
            new Series(selector("node_filesystem_readonly", job, disk), 0, 0)));
    String ksm = "job=\"" + KUBE_STATE_METRICS_JOB + "\"";
    add("KubeNodeNotReady", "max by (node) (kube_node_status_condition{" + ksm
            + ",condition=\"Ready\",status=\"true\"}) == 0", "critical", "A Kubernetes node is not ready",
        "A node of the cluster (" + name() + ") has not been Ready for " + after() + "; its pods are being moved.",
        labels("node", "node-1"),
        ksm("kube_node_status_condition", 0, "node", "node-1", "condition", "Ready", "status", "true"),
        ksm("kube_node_status_condition", 1, "node", "node-1", "condition", "Ready", "status", "true"));
    add("KubeNodeUnreachable", "max by (node) (kube_node_spec_taint{" + ksm
            + ",key=\"node.kubernetes.io/unreachable\"}) == 1", "critical", "A Kubernetes node is unreachable",
        "The control plane has not heard from a node of the cluster (" + name() + ") for " + after() + ".",
        labels("node", "node-1"),
        ksm("kube_node_spec_taint", 1, "node", "node-1", "key", "node.kubernetes.io/unreachable"),
        ksm("kube_node_spec_taint", 0, "node", "node-1", "key", "node.kubernetes.io/unreachable"));
    add("KubePodCrashLooping", "max by (namespace, pod, container) (max_over_time("
            + "kube_pod_container_status_waiting_reason{" + ksm + ",reason=\"CrashLoopBackOff\"}[5m])) >= 1",
        "warning", "A pod is crash-looping",
        "A container of the cluster (" + name() + ") has been restarting in CrashLoopBackOff for " + after() + ".",
        labels("namespace", "default", "pod", "app-1", "container", "app"),
        ksm("kube_pod_container_status_waiting_reason", 1, "namespace", "default", "pod", "app-1", "container", "app",
            "reason", "CrashLoopBackOff"),
        ksm("kube_pod_container_status_waiting_reason", 0, "namespace", "default", "pod", "app-1", "container", "app",
            "reason", "CrashLoopBackOff"));
    add("KubeDeploymentReplicasMissing", "max by (namespace, deployment) (kube_deployment_spec_replicas{" + ksm
            + "}) > max by (namespace, deployment) (kube_deployment_status_replicas_available{" + ksm + "})",
        severity(), "A deployment is short of replicas",
        "A deployment of the cluster (" + name() + ") has had fewer available replicas than it asks for, for "
            + after() + "; a rolling update may be stuck.",
        labels("namespace", "default", "deployment", "app"),
        replicas(3, 1), replicas(3, 3));
  }

  // The monitoring stack itself.

  private void monitoringStack() {
    add("Watchdog", "vector(1)", "none", "The alerting pipeline works",
        "Always firing, on purpose: Alertmanager sends it to Vigil's heartbeat every minute, and its silence pages"
            + " that Prometheus or Alertmanager has stopped.",
        Map.of(), List.of(), List.of(), Duration.ZERO);
    stackFailures("PrometheusRuleEvaluationFailures", "increase", "prometheus_rule_evaluation_failures_total",
        "prometheus", "rule_group", "rules.yml;group", "Prometheus fails to evaluate rules",
        "A rule group of Prometheus has failed evaluations within 5 minutes, for " + after()
            + ": its alerts may not fire.");
    stackFailures("AlertmanagerNotificationsFailing", "rate", "alertmanager_notifications_failed_total",
        "alertmanager", "integration", "webhook", "Alertmanager fails to send notifications",
        "Alertmanager's notifications through an integration have failed for " + after()
            + ": alerts may not reach Vigil.");
  }

  /** A failure counter of the stack's own, by the label that says which part of it fails. */
  private void stackFailures(String alert, String function, String counter, String stackJob, String label,
      String value, String summary, String description) {
    add(alert, "sum by (job, instance, " + label + ") (" + function + "(" + counter + "[5m])) > 0", "critical",
        summary, description, labels("job", stackJob, "instance", TEST_INSTANCE, label, value),
        List.of(new Series(selector(counter, stackJob, label, value), 0, 1)),
        List.of(new Series(selector(counter, stackJob, label, value), 0, 0)));
  }

  // Building blocks.

  private void add(String alert, String expr, String severity, String summary, String description,
      Map<String, String> resultLabels, List<Series> firing, List<Series> healthy) {
    add(alert, expr, severity, summary, description, resultLabels, firing, healthy, Duration.ofMinutes(10));
  }

  private void add(String alert, String expr, String severity, String summary, String description,
      Map<String, String> resultLabels, List<Series> firing, List<Series> healthy, Duration warmUp) {
    Duration after = alert.equals("Watchdog") ? Duration.ZERO : limits.firingAfter();
    rules.add(new AlertRule(alert, expr, after, severity, summary, description, resultLabels, firing, healthy,
        warmUp));
  }

  /** Availability and errors page for tiers 1 and 2 and wait for working hours below. */
  private String severity() {
    return service.tier() <= 2 ? "critical" : "warning";
  }

  private String name() {
    return service.name();
  }

  private String after() {
    return Promql.duration(limits.firingAfter());
  }

  private Map<String, String> jobLabels() {
    return labels("job", job);
  }

  private Map<String, String> instanceLabels() {
    return labels("job", job, "instance", TEST_INSTANCE);
  }

  private static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }

  private List<Series> gauge(String metric, double value, String... labels) {
    return List.of(new Series(selector(metric, job, labels), value, 0));
  }

  /**
   * An alert on a use against its limit, both gauges with the same labels: the unit tests fill the limit in the
   * firing case and use a hundredth of it in the quiet one.
   */
  private void nearLimit(String alert, String expr, String summary, String description,
      Map<String, String> resultLabels, String used, String limit, String... labels) {
    Series full = new Series(selector(limit, job, labels), 100, 0);
    add(alert, expr + " > " + Promql.number(limits.saturation()), "warning", summary, description, resultLabels,
        List.of(new Series(selector(used, job, labels), 100, 0), full),
        List.of(new Series(selector(used, job, labels), 1, 0), full));
  }

  private Series counter(String metric, double perMinute, String... labels) {
    return new Series(selector(metric, job, labels), 0, perMinute);
  }

  /** A counter series whose extra matcher is written as in the expression, {@code name="value"}. */
  private Series counterMatching(String metric, double perMinute, String matcher) {
    return new Series(metric + "{job=\"" + job + "\",instance=\"" + TEST_INSTANCE + "\"," + matcher + "}", 0,
        perMinute);
  }

  private static List<Series> replicas(int wanted, int available) {
    String[] deployment = {"namespace", "default", "deployment", "app"};
    return List.of(new Series(selector("kube_deployment_spec_replicas", KUBE_STATE_METRICS_JOB, deployment), wanted, 0),
        new Series(selector("kube_deployment_status_replicas_available", KUBE_STATE_METRICS_JOB, deployment),
            available, 0));
  }

  private static List<Series> ksm(String metric, double value, String... labels) {
    return List.of(new Series(selector(metric, KUBE_STATE_METRICS_JOB, labels), value, 0));
  }

  private static String selector(String metric, String job, String... labels) {
    StringBuilder s = new StringBuilder(metric).append("{job=\"").append(job).append("\",instance=\"")
        .append(TEST_INSTANCE).append('"');
    for (int i = 0; i < labels.length; i += 2) {
      s.append(',').append(labels[i]).append("=\"").append(labels[i + 1]).append('"');
    }
    return s.append('}').toString();
  }
}
