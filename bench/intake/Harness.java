import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load harness for bench/intake.sh: drives the same alert stream into Vigil's Alertmanager webhook route and into
 * Alertmanager's own {@code POST /api/v2/alerts}, and measures alert to notification latency of both through a
 * webhook sink it runs itself. Run with a JDK 25: {@code java Harness.java --vigil URL ...} (see usage()).
 *
 * <p>Every loop is bounded by a deadline and by a request count; all traffic goes to 127.0.0.1.
 */
public class Harness {

  /** Stops a scenario even if the deadline logic were wrong: no thread sends more than this many requests. */
  static final long MAX_REQUESTS_PER_THREAD = 2_000_000;
  /** Latencies kept per thread and scenario; beyond it requests still count but their latency is not kept. */
  static final int MAX_SAMPLES_PER_THREAD = 2_000_000;
  static final Pattern MARKER = Pattern.compile("lat-([a-z]+)-(\\d+)");

  final Map<String, String> args;
  final String vigil;
  final String alertmanager;
  final String alertmanagerKey;
  final String eventsKey;
  final int threads;
  final int warmupSeconds;
  final int measureSeconds;
  final int rate;
  final int latencySeconds;
  final int drainSeconds;
  final int latencyWarmupSeconds;
  final int pagers;
  final int pacedRate;
  final long clockTicks;
  final List<String> targets;
  final int prewarmSeconds;
  final PrintStream raw;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Sink state: arrival time (System.nanoTime) of each latency marker, per target ("vigil", "am"). */
  final Map<String, AtomicLongArray> arrivals = new ConcurrentHashMap<>();
  /** The same, only for markers that were the first (main) incident of the message they came in. */
  final Map<String, AtomicLongArray> mainArrivals = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> sinkBodies = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> sinkMultiMarker = new ConcurrentHashMap<>();

  Harness(Map<String, String> args, PrintStream raw) {
    this.args = args;
    this.raw = raw;
    vigil = need(args, "vigil");
    alertmanager = need(args, "alertmanager");
    alertmanagerKey = need(args, "alertmanager-key");
    eventsKey = need(args, "events-key");
    threads = Integer.parseInt(args.getOrDefault("threads", "8"));
    warmupSeconds = Integer.parseInt(args.getOrDefault("warmup", "5"));
    measureSeconds = Integer.parseInt(args.getOrDefault("duration", "20"));
    rate = Integer.parseInt(args.getOrDefault("rate", "100"));
    latencySeconds = Integer.parseInt(args.getOrDefault("latency-duration", "20"));
    drainSeconds = Integer.parseInt(args.getOrDefault("drain", "60"));
    latencyWarmupSeconds = Integer.parseInt(args.getOrDefault("latency-warmup", "10"));
    pagers = Integer.parseInt(args.getOrDefault("pagers", "1"));
    pacedRate = Integer.parseInt(args.getOrDefault("paced-rate", "5000"));
    clockTicks = Long.parseLong(args.getOrDefault("clock-ticks", "100"));
    targets = List.of(args.getOrDefault("targets", "vigil,am").split(","));
    prewarmSeconds = Integer.parseInt(args.getOrDefault("prewarm", "45"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (!argv[i].startsWith("--")) {
        usage();
      }
      args.put(argv[i].substring(2), argv[i + 1]);
    }
    if (argv.length % 2 != 0) {
      usage();
    }
    Path out = Path.of(need(args, "out"));
    try (PrintStream raw = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
      new Harness(args, raw).run();
    }
    // Senders still waiting on a slow answer (bounded by their 10 s timeout) must not hold the process.
    System.exit(0);
  }

  static void usage() {
    System.err.println("usage: java Harness.java --vigil URL --alertmanager URL --alertmanager-key KEY --events-key KEY"
        + " --sink-port N --out FILE [--threads 8] [--warmup 5] [--duration 20] [--rate 100]"
        + " [--latency-duration 20] [--latency-warmup 10] [--drain 60] [--vigil-pid P] [--postgres-pid P] [--alertmanager-pid P]"
        + " [--clock-ticks 100] [--only throughput|paced|latency] [--pagers 1] [--paced-rate 5000] [--targets vigil,am] [--prewarm 45]");
    System.exit(2);
  }

  static String need(Map<String, String> args, String name) {
    String v = args.get(name);
    if (v == null) {
      System.err.println("Harness: --" + name + " is required");
      usage();
    }
    return v;
  }

  void run() throws Exception {
    HttpServer sink = startSink(Integer.parseInt(need(args, "sink-port")));
    try {
      String only = args.getOrDefault("only", "");
      if (only.isEmpty() || only.equals("throughput") || only.equals("paced")) {
        throughput(only.equals("paced"));
      }
      if (only.isEmpty() || only.equals("latency")) {
        latency();
      }
    } finally {
      sink.stop(0);
    }
  }

  // ---------------------------------------------------------------- sink

  HttpServer startSink(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory()));
    for (String target : List.of("vigil", "am")) {
      arrivals.put(target, new AtomicLongArray(rate * latencySeconds + 1));
      mainArrivals.put(target, new AtomicLongArray(rate * latencySeconds + 1));
      sinkBodies.put(target, new AtomicLong());
      sinkMultiMarker.put(target, new AtomicLong());
      server.createContext("/" + target, exchange -> {
        long now = System.nanoTime();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        sinkBodies.get(target).incrementAndGet();
        AtomicLongArray seen = arrivals.get(target);
        Matcher m = MARKER.matcher(body);
        int markers = 0;
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        while (m.find()) {
          if (!m.group(1).equals(target)) {
            continue;
          }
          long seq = Long.parseLong(m.group(2));
          if (distinct.add(seq) && seq < seen.length()) {
            if (markers == 0) {
              mainArrivals.get(target).compareAndSet((int) seq, 0, now);
            }
            markers++;
            seen.compareAndSet((int) seq, 0, now);
          }
        }
        if (markers > 1) {
          sinkMultiMarker.get(target).incrementAndGet();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
    }
    server.start();
    return server;
  }

  // ---------------------------------------------------------------- one side at a time

  /**
   * Runs one target's measurement with the other side stopped (SIGSTOP, then SIGCONT), so that neither side's
   * background work falls into the other's figures: Alertmanager keeps reworking the aggregation groups of every
   * alert it holds (well over a core after the intake runs), and Vigil's PostgreSQL vacuums and checkpoints after
   * them. Each side's own background work still runs during its own measurements.
   */
  <T> T alone(String target, java.util.concurrent.Callable<T> measurement) throws Exception {
    List<Long> others = new ArrayList<>();
    if (target.equals("am")) {
      if (args.containsKey("vigil-pid")) {
        others.add(Long.parseLong(args.get("vigil-pid")));
      }
      if (args.containsKey("postgres-pid")) {
        long master = Long.parseLong(args.get("postgres-pid"));
        others.add(master);
        others.addAll(children(master));
      }
    } else if (args.containsKey("alertmanager-pid")) {
      others.add(Long.parseLong(args.get("alertmanager-pid")));
    }
    signal("STOP", others);
    try {
      return measurement.call();
    } finally {
      signal("CONT", others);
    }
  }

  static List<Long> children(long parent) throws IOException {
    List<Long> children = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String[] f = statFields(p.resolve("stat"));
        if (f != null && Long.parseLong(f[1]) == parent) {
          children.add(Long.parseLong(p.getFileName().toString()));
        }
      }
    }
    return children;
  }

  static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    // A process that exited meanwhile makes kill fail for it alone; the others are still signalled.
    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
        .waitFor();
  }

  // ---------------------------------------------------------------- throughput

  /** One scenario's outcome. */
  record Outcome(String target, String stream, int batch, long requests, long alerts, Map<Integer, Long> statuses,
      long failures, long[] latenciesNanos, double seconds, Map<String, Double> cpuSeconds,
      Map<String, Double> otherCpuSeconds) {
    double alertsPerSecond() {
      return alerts / seconds;
    }
  }

  void throughput(boolean pacedOnly) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    raw.printf("# throughput: %d client threads, %d s warm-up then %d s measured per scenario%n", threads,
        warmupSeconds, measureSeconds);
    if (prewarmSeconds > 0) {
      raw.printf("# before the first scenario, each target gets %d s of unmeasured load (a third each: new alerts in"
          + " batches of 1, of 100, repeats in batches of 100), so that every scenario measures a warmed-up process"
          + " (a JVM compiles its hot code first)%n", prewarmSeconds);
      int third = prewarmSeconds / 3;
      for (String target : targets) {
        alone(target, () -> {
          scenario(target, "prewarm", 1, 0, third);
          scenario(target, "prewarm", 100, 0, third);
          return scenario(target, "repeat", 100, 0, prewarmSeconds - 2 * third);
        });
      }
    }
    for (String stream : pacedOnly ? List.<String>of() : List.of(args.getOrDefault("streams", "distinct,repeat").split(","))) {
      for (int batch : Arrays.stream(args.getOrDefault("batches", "1,100").split(",")).mapToInt(Integer::parseInt).toArray()) {
        for (String target : targets) {
          Outcome o = alone(target, () -> scenario(target, stream, batch));
          outcomes.add(o);
          String line = describe(o);
          System.out.println(line);
          raw.println(line);
        }
      }
    }
    if (pacedRate > 0) {
      raw.printf("# paced: %d alerts/s in batches of 100, each request sent on time whatever the answers before it"
          + " (open loop); %d s warm-up then %d s measured%n", pacedRate, warmupSeconds, measureSeconds);
      for (String target : targets) {
        Outcome o = alone(target, () -> paced(target, "distinct", 100, pacedRate));
        outcomes.add(o);
        String line = describe(o);
        System.out.println(line);
        raw.println(line);
      }
    }
    System.out.println();
    System.out.println(table(outcomes));
    raw.println();
    raw.println(table(outcomes));
  }

  /**
   * Sends batches at a fixed rate, each request on its own virtual thread at its planned time, so that a slow
   * answer delays nothing after it: the latency of a system that keeps up with this rate, or the growing queue of
   * one that does not.
   */
  Outcome paced(String target, String stream, int batch, int alertsPerSecond) throws Exception {
    String run = target + "-paced-" + batch + "-" + Long.toString(System.currentTimeMillis(), 36);
    URI uri = URI.create(target.equals("vigil")
        ? vigil + "/api/v1/integrations/" + alertmanagerKey + "/alertmanager"
        : alertmanager + "/api/v2/alerts");
    long interval = TimeUnit.SECONDS.toNanos(1) * batch / alertsPerSecond;
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
    List<long[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<String, Double> cpuBefore = new LinkedHashMap<>();
    Map<String, Double> cpuAfter = new LinkedHashMap<>();
    List<Thread> senders = new ArrayList<>();
    boolean measuring = false;
    for (long i = 0; ; i++) {
      long planned = start + i * interval;
      if (planned >= measureTo) {
        break;
      }
      if (!measuring && planned >= measureFrom) {
        cpu(cpuBefore);
        measuring = true;
      }
      sleepUntil(planned);
      String body = target.equals("vigil") ? webhookV4(run, stream, i * batch, batch)
          : alertsV2(run, stream, i * batch, batch);
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
      boolean counted = planned >= measureFrom;
      senders.add(Thread.ofVirtual().start(() -> {
        int status;
        try {
          status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
          status = -1;
        }
        if (counted) {
          // Latency from the planned send time: a sender that fell behind its schedule counts its own delay too.
          results.add(new long[] {status, System.nanoTime() - planned});
        }
      }));
    }
    sleepUntil(measureTo);
    cpu(cpuAfter);
    for (Thread t : senders) {
      t.join(TimeUnit.SECONDS.toMillis(15));
    }
    Map<Integer, Long> byStatus = new java.util.TreeMap<>();
    long failures = 0;
    long alerts = 0;
    long[] latencies;
    synchronized (results) {
      latencies = new long[results.size()];
      for (int k = 0; k < results.size(); k++) {
        long[] r = results.get(k);
        latencies[k] = r[1];
        if (r[0] < 0) {
          failures++;
        } else {
          byStatus.merge((int) r[0], 1L, Long::sum);
          if (r[0] / 100 == 2) {
            alerts += batch;
          }
        }
      }
    }
    Arrays.sort(latencies);
    Map<String, Double> cpu = cpuUsed(cpuBefore, cpuAfter, target, true);
    Map<String, Double> otherCpu = cpuUsed(cpuBefore, cpuAfter, target, false);
    Thread.sleep(3000);
    return new Outcome(target, "paced-" + alertsPerSecond, batch, latencies.length, alerts, byStatus, failures,
        latencies, measureSeconds, cpu, otherCpu);
  }

  String describe(Outcome o) {
    long[] l = o.latenciesNanos();
    return String.format(
        "throughput target=%s stream=%s batch=%d seconds=%.1f requests=%d alerts=%d alerts_per_s=%.0f"
            + " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f statuses=%s failures=%d cpu_s=%s"
            + " other_side_cpu_s=%s",
        o.target(), o.stream(), o.batch(), o.seconds(), o.requests(), o.alerts(), o.alertsPerSecond(),
        ms(pct(l, 50)), ms(pct(l, 90)), ms(pct(l, 99)), ms(pct(l, 99.9)), ms(l.length == 0 ? 0 : l[l.length - 1]),
        o.statuses(), o.failures(), cpuText(o.cpuSeconds()), cpuText(o.otherCpuSeconds()));
  }

  String table(List<Outcome> outcomes) {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%-12s %-9s %5s %10s %9s %9s %9s %10s   %s%n", "target", "stream", "batch", "alerts/s",
        "p50 ms", "p99 ms", "max ms", "non-2xx", "CPU s per 1,000 alerts"));
    for (Outcome o : outcomes) {
      long[] l = o.latenciesNanos();
      long bad = o.statuses().entrySet().stream().filter(e -> e.getKey() / 100 != 2).mapToLong(Map.Entry::getValue)
          .sum() + o.failures();
      StringBuilder cpu = new StringBuilder();
      o.cpuSeconds().forEach((k, v) -> cpu.append(k).append(' ')
          .append(o.alerts() == 0 ? "-" : String.format("%.3f", v * 1000 / o.alerts())).append("  "));
      b.append(String.format("%-12s %-9s %5d %10.0f %9.2f %9.2f %9.2f %10d   %s%n",
          o.target().equals("vigil") ? "Vigil" : "Alertmanager", o.stream(), o.batch(), o.alertsPerSecond(),
          ms(pct(l, 50)), ms(pct(l, 99)), ms(l.length == 0 ? 0 : l[l.length - 1]), bad, cpu.toString().trim()));
    }
    return b.toString();
  }

  Outcome scenario(String target, String stream, int batch) throws Exception {
    return scenario(target, stream, batch, warmupSeconds, measureSeconds);
  }

  Outcome scenario(String target, String stream, int batch, int warmupSeconds, int measureSeconds)
      throws Exception {
    String run = target + "-" + stream + "-" + batch + "-" + Long.toString(System.currentTimeMillis(), 36);
    URI uri = URI.create(target.equals("vigil")
        ? vigil + "/api/v1/integrations/" + alertmanagerKey + "/alertmanager"
        : alertmanager + "/api/v2/alerts");
    AtomicLong counter = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(measureSeconds);
    long[][] samples = new long[threads][];
    int[] sampleCount = new int[threads];
    long[] requests = new long[threads];
    long[] alerts = new long[threads];
    long[] failures = new long[threads];
    List<Map<Integer, Long>> statuses = new ArrayList<>();
    Map<String, Double> cpuBefore = new LinkedHashMap<>();
    Map<String, Double> cpuAfter = new LinkedHashMap<>();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int me = t;
      samples[t] = new long[1024];
      Map<Integer, Long> mine = new HashMap<>();
      statuses.add(mine);
      workers[t] = Thread.ofPlatform().name("load-" + t).start(() -> {
        for (long i = 0; i < MAX_REQUESTS_PER_THREAD; i++) {
          long first = counter.getAndAdd(batch);
          String body = target.equals("vigil") ? webhookV4(run, stream, first, batch) : alertsV2(run, stream, first,
              batch);
          HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
          long sent = System.nanoTime();
          if (sent >= measureTo) {
            break;
          }
          int status;
          try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException e) {
            status = -1;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          long done = System.nanoTime();
          if (sent >= measureFrom && done <= measureTo) {
            requests[me]++;
            if (status < 0) {
              failures[me]++;
            } else {
              mine.merge(status, 1L, Long::sum);
              if (status / 100 == 2) {
                alerts[me] += batch;
              }
            }
            if (sampleCount[me] < MAX_SAMPLES_PER_THREAD) {
              if (sampleCount[me] == samples[me].length) {
                samples[me] = Arrays.copyOf(samples[me], samples[me].length * 2);
              }
              samples[me][sampleCount[me]++] = done - sent;
            }
          } else if (i == 0 && status / 100 != 2) {
            // Warm-up is not counted, but a refused first request means a broken setup: say so.
            System.err.println("Harness: " + target + " answered " + status + " to the first request of " + run);
          }
        }
      });
    }
    sleepUntil(measureFrom);
    cpu(cpuBefore);
    long wallFrom = System.nanoTime();
    sleepUntil(measureTo);
    cpu(cpuAfter);
    double seconds = (System.nanoTime() - wallFrom) / 1e9;
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(15));
      if (w.isAlive()) {
        w.interrupt();
      }
    }
    int total = 0;
    for (int n : sampleCount) {
      total += n;
    }
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples[t], 0, all, at, sampleCount[t]);
      at += sampleCount[t];
    }
    Arrays.sort(all);
    Map<Integer, Long> byStatus = new java.util.TreeMap<>();
    statuses.forEach(m -> m.forEach((k, v) -> byStatus.merge(k, v, Long::sum)));
    Map<String, Double> cpu = cpuUsed(cpuBefore, cpuAfter, target, true);
    Map<String, Double> otherCpu = cpuUsed(cpuBefore, cpuAfter, target, false);
    // Let background work of this scenario (Alertmanager's notifications, Vigil's jobs) settle before the next.
    Thread.sleep(3000);
    return new Outcome(target, stream, batch, Arrays.stream(requests).sum(), Arrays.stream(alerts).sum(), byStatus,
        Arrays.stream(failures).sum(), all, seconds, cpu, otherCpu);
  }

  /** Identity of the n-th alert of a stream: every alert new, or 1,000 alerts cycling. */
  static long identity(String stream, long n) {
    return stream.equals("repeat") ? n % 1000 : n;
  }

  /**
   * The labels of the n-th alert. The alerts of one request share their alertname, as those of one Alertmanager
   * notification do with group_by [alertname]; consecutive requests cycle through 20 alertnames (20 incidents in
   * Vigil, 20 aggregation groups in Alertmanager). Batch sizes divide 1,000, so a repeated alert keeps its name.
   */
  static String labels(String run, String stream, long n, int batch) {
    long id = identity(stream, n);
    return "{\"alertname\":\"BenchAlert" + ((id / batch) % 20) + "\",\"job\":\"node\",\"instance\":\"host-" + (id % 500)
        + ":9100\",\"severity\":\"critical\",\"run\":\"" + run + "\",\"seq\":\"" + id + "\"}";
  }

  static String annotations(long id) {
    return "{\"summary\":\"Bench alert " + id + " is firing\",\"description\":\"Synthetic alert for the intake"
        + " benchmark\"}";
  }

  /** An Alertmanager webhook (payload version 4) carrying {@code batch} alerts, as Alertmanager sends it. */
  static String webhookV4(String run, String stream, long first, int batch) {
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    StringBuilder b = new StringBuilder(512 + batch * 420);
    b.append("{\"receiver\":\"vigil\",\"status\":\"firing\",\"alerts\":[");
    for (int i = 0; i < batch; i++) {
      long id = identity(stream, first + i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"status\":\"firing\",\"labels\":").append(labels(run, stream, first + i, batch))
          .append(",\"annotations\":").append(annotations(id))
          .append(",\"startsAt\":\"").append(now).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\"")
          .append(",\"generatorURL\":\"http://prometheus.example.com:9090/graph?g0.expr=up\"")
          .append(",\"fingerprint\":\"").append(String.format("%016x", (run.hashCode() * 1_000_003L) ^ id))
          .append("\"}");
    }
    b.append("],\"groupLabels\":{},\"commonLabels\":{\"job\":\"node\",\"severity\":\"critical\"},")
        .append("\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.example.com:9093\",")
        .append("\"version\":\"4\",\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}");
    return b.toString();
  }

  /** The same alerts as Prometheus posts them to Alertmanager's API v2. */
  static String alertsV2(String run, String stream, long first, int batch) {
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    StringBuilder b = new StringBuilder(64 + batch * 360);
    b.append('[');
    for (int i = 0; i < batch; i++) {
      long id = identity(stream, first + i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"labels\":").append(labels(run, stream, first + i, batch)).append(",\"annotations\":")
          .append(annotations(id)).append(",\"startsAt\":\"").append(now)
          .append("\",\"generatorURL\":\"http://prometheus.example.com:9090/graph?g0.expr=up\"}");
    }
    return b.append(']').toString();
  }

  // ---------------------------------------------------------------- latency

  void latency() throws Exception {
    raw.printf("# alert -> notification: %d new alerts/s for %d s, one per request, after %d s of the same unmeasured;"
        + " drain up to %d s; Vigil incidents spread over %d service(s), each paging its own user and webhook%n", rate,
        latencySeconds, latencyWarmupSeconds, drainSeconds, pagers);
    List<String> rows = new ArrayList<>();
    for (String target : targets) {
      String line = alone(target, () -> {
        latencyWarmup(target);
        return latencyRun(target);
      });
      System.out.println(line);
      raw.println(line);
      rows.add(line);
    }
  }

  /**
   * The same stream as the measured run, unmeasured and under other fingerprints, then a pause for its pages to drain:
   * the run measures a warmed-up process, as the intake runs do, not the JIT compiling the paging path.
   */
  void latencyWarmup(String target) throws Exception {
    if (latencyWarmupSeconds <= 0) {
      return;
    }
    URI uri = URI.create(target.equals("vigil") ? vigil + "/api/v1/integrations/" + eventsKey + "/events"
        : alertmanager + "/api/v2/alerts");
    long start = System.nanoTime();
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < rate * latencyWarmupSeconds; i++) {
        String marker = "warm-" + target + "-" + i;
        sleepUntil(start + i * intervalNanos);
        String body = target.equals("vigil")
            ? "{\"fingerprint\":\"" + marker + "\",\"summary\":\"" + marker + " warm-up\",\"severity\":\"critical\","
                + "\"labels\":{\"probe\":\"" + marker + "\",\"pager\":\"" + (i % pagers) + "\"}}"
            : "[{\"labels\":{\"alertname\":\"" + marker + "\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"" + marker + " warm-up\"}}]";
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        senders.submit(() -> {
          try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
          } catch (IOException | InterruptedException e) {
            // a warm-up alert that failed changes nothing measured
          }
        });
      }
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(5, latencyWarmupSeconds / 2)));
  }

  String latencyRun(String target) throws Exception {
    int total = rate * latencySeconds;
    long[] sentAt = new long[total];
    long[] answered = new long[total];
    AtomicLong refused = new AtomicLong();
    URI uri = URI.create(target.equals("vigil") ? vigil + "/api/v1/integrations/" + eventsKey + "/events"
        : alertmanager + "/api/v2/alerts");
    long bodiesBefore = sinkBodies.get(target).get();
    long multiBefore = sinkMultiMarker.get(target).get();
    Map<String, Double> cpuBefore = new LinkedHashMap<>();
    cpu(cpuBefore);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    // Open loop: one virtual thread per alert, so that slow answers do not delay the next send.
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < total; i++) {
        int seq = i;
        long due = start + i * intervalNanos;
        sleepUntil(due);
        senders.submit(() -> {
          String marker = "lat-" + target + "-" + seq;
          String body = target.equals("vigil")
              ? "{\"fingerprint\":\"" + marker + "\",\"summary\":\"" + marker + " latency probe\","
                  + "\"severity\":\"critical\",\"labels\":{\"probe\":\"" + marker + "\",\"pager\":\""
                  + (seq % pagers) + "\"}}"
              : "[{\"labels\":{\"alertname\":\"" + marker + "\",\"severity\":\"critical\"},"
                  + "\"annotations\":{\"summary\":\"" + marker + " latency probe\"}}]";
          HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
          sentAt[seq] = System.nanoTime();
          try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            answered[seq] = System.nanoTime() - sentAt[seq];
            if (status / 100 != 2) {
              refused.incrementAndGet();
            }
          } catch (IOException | InterruptedException e) {
            refused.incrementAndGet();
          }
        });
      }
    }
    long sendEnd = System.nanoTime();
    double sendSeconds = (sendEnd - start) / 1e9;
    AtomicLongArray seen = arrivals.get(target);
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
    int arrived = 0;
    while (System.nanoTime() < drainUntil) {
      arrived = 0;
      for (int i = 0; i < total; i++) {
        if (seen.get(i) != 0) {
          arrived++;
        }
      }
      if (arrived == total) {
        break;
      }
      Thread.sleep(200);
    }
    // CPU from the first send to the last notification (or the end of the drain), per alert sent: the cost of a page
    // on this machine, whatever else the machine was doing.
    Map<String, Double> cpuAfter = new LinkedHashMap<>();
    cpu(cpuAfter);
    StringBuilder cpuPerAlert = new StringBuilder();
    cpuAfter.forEach((k, v) -> {
      boolean mine = target.equals("vigil") ? !k.equals("alertmanager") : k.equals("alertmanager");
      if (mine) {
        cpuPerAlert.append(cpuPerAlert.isEmpty() ? "" : ",").append(k).append(':')
            .append(String.format("%.2f", (v - cpuBefore.getOrDefault(k, 0.0)) * 1000 / total));
      }
    });
    long[] lat = new long[arrived];
    int at = 0;
    for (int i = 0; i < total; i++) {
      if (seen.get(i) != 0 && at < lat.length) {
        lat[at++] = seen.get(i) - sentAt[i];
      }
    }
    lat = Arrays.copyOf(lat, at);
    Arrays.sort(lat);
    AtomicLongArray main = mainArrivals.get(target);
    long[] mainLat = new long[total];
    int mains = 0;
    for (int i = 0; i < total; i++) {
      if (main.get(i) != 0) {
        mainLat[mains++] = main.get(i) - sentAt[i];
      }
    }
    mainLat = Arrays.copyOf(mainLat, mains);
    Arrays.sort(mainLat);
    long[] req = Arrays.copyOf(answered, total);
    Arrays.sort(req);
    return String.format("latency target=%s pagers=" + (target.equals("vigil") ? pagers : 1) + " sent=%d over_s=%.1f refused=%d notified=%d missing=%d"
            + " sink_bodies=%d bodies_with_several=%d notify_p50_ms=%.1f notify_p90_ms=%.1f notify_p99_ms=%.1f"
            + " notify_max_ms=%.1f main_of_message=%d main_p50_ms=%.1f main_p99_ms=%.1f request_p50_ms=%.2f request_p99_ms=%.2f request_max_ms=%.2f"
            + " cpu_ms_per_alert=%s",
        target, total, sendSeconds, refused.get(), at, total - at, sinkBodies.get(target).get() - bodiesBefore,
        sinkMultiMarker.get(target).get() - multiBefore, ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)),
        ms(lat.length == 0 ? 0 : lat[lat.length - 1]), mains, ms(pct(mainLat, 50)), ms(pct(mainLat, 99)),
        ms(pct(req, 50)), ms(pct(req, 99)),
        ms(req[req.length - 1]), cpuPerAlert);
  }

  // ---------------------------------------------------------------- helpers

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
    }
  }

  /** The value at percentile p of sorted values (nearest rank); 0 when there are none. */
  static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** CPU seconds used between two readings by the target's processes ({@code ofTarget}) or by the other side's. */
  static Map<String, Double> cpuUsed(Map<String, Double> before, Map<String, Double> after, String target,
      boolean ofTarget) {
    Map<String, Double> used = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      if ((k.equals("alertmanager") == target.equals("am")) == ofTarget) {
        used.put(k, v - before.getOrDefault(k, 0.0));
      }
    });
    return used;
  }

  static String cpuText(Map<String, Double> cpu) {
    StringBuilder b = new StringBuilder();
    cpu.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append(':').append(String.format("%.2f", v)));
    return b.isEmpty() ? "-" : b.toString();
  }

  /** CPU seconds (user + system) used so far by the processes under test: Vigil's JVM, its PostgreSQL, Alertmanager. */
  void cpu(Map<String, Double> into) {
    if (args.containsKey("vigil-pid")) {
      into.put("vigil-jvm", processCpu(Long.parseLong(args.get("vigil-pid"))));
    }
    if (args.containsKey("postgres-pid")) {
      long master = Long.parseLong(args.get("postgres-pid"));
      double sum = processCpu(master);
      try {
        for (long child : children(master)) {
          sum += processCpu(child);
        }
      } catch (IOException | UncheckedIOException e) {
        // /proc unreadable: report what we have
      }
      into.put("postgres", sum);
    }
    if (args.containsKey("alertmanager-pid")) {
      into.put("alertmanager", processCpu(Long.parseLong(args.get("alertmanager-pid"))));
    }
  }

  double processCpu(long pid) {
    String[] f = statFields(Path.of("/proc/" + pid + "/stat"));
    return f == null ? 0 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
  }

  /** Fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
  static String[] statFields(Path stat) {
    try {
      String s = Files.readString(stat);
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
