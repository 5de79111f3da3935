package dev.vigil.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/** A Vigil node run from the packaged jar as a separate process, the way an operator runs it. */
final class VigilProcess implements AutoCloseable {

  /** The line on which the first start prints the generated admin token. */
  private static final Pattern ADMIN_TOKEN = Pattern.compile("^\\s+(vgl_[A-Za-z0-9_-]{43})\\s*$", Pattern.MULTILINE);
  private static final Pattern ACTIVE_REQUESTS =
      Pattern.compile("^http_server_requests_active_seconds_count\\{([^}]*)} (\\d+)", Pattern.MULTILINE);
  static final Duration READY_WITHIN = Duration.ofSeconds(60);
  static final Duration STOPPED_WITHIN = Duration.ofSeconds(20);
  /** Tests care about how fast a node starts, not how fast it runs once warm. */
  static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

  private final Process process;
  private final int port;
  private final Path dataDir;
  private final StringBuffer output = new StringBuffer();
  private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private String scheme = "http";

  private VigilProcess(Process process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    Thread reader = new Thread(this::drainOutput, "vigil-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code vigil server --port <free port> ARGS} with its data in {@code dataDir}; {@code env} adds to an
   * environment from which the caller's own VIGIL_* variables are removed.
   */
  static VigilProcess start(Path dataDir, Map<String, String> env, String... args) throws IOException {
    return start(dataDir, freePort(), env, args);
  }

  /** As {@link #start(Path, Map, String...)} on a port the caller chose, for settings that must name it. */
  static VigilProcess start(Path dataDir, int port, Map<String, String> env, String... args) throws IOException {
    return start("server", dataDir, port, env, args);
  }

  /** As {@link #start(Path, int, Map, String...)} with another command that runs a node, such as {@code demo}. */
  static VigilProcess start(String subcommand, Path dataDir, int port, Map<String, String> env, String... args)
      throws IOException {
    return start(UnpackedJar.launch(), subcommand, dataDir, port, env, args);
  }

  /**
   * As {@link #start(Path, Map, String...)}, but {@code java -jar} on the packaged jar itself, nested jars and all,
   * as docs/operations.md runs it without the {@code vigil} script.
   */
  static VigilProcess startFromPackagedJar(Path dataDir, Map<String, String> env, String... args) throws IOException {
    List<String> launch = new ArrayList<>(JVM_OPTIONS);
    launch.addAll(List.of("-jar", jar().toString()));
    return start(launch, "server", dataDir, freePort(), env, args);
  }

  private static VigilProcess start(List<String> launch, String subcommand, Path dataDir, int port,
      Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(launch);
    command.addAll(List.of(subcommand, "--port", Integer.toString(port)));
    command.addAll(List.of(args));
    Files.createDirectories(dataDir.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dataDir.toAbsolutePath().getParent().toFile())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_"));
    builder.environment().put("VIGIL_DATA_DIR", dataDir.toAbsolutePath().toString());
    builder.environment().putAll(env);
    return new VigilProcess(builder.start(), port, dataDir.toAbsolutePath());
  }

  /** The jar Failsafe names in {@code vigil.jar}, built by the package phase before the integration tests. */
  static Path jar() {
    String jar = System.getProperty("vigil.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      fail("system property vigil.jar must name the packaged jar (run the integration tests with ./mvnw verify); got "
          + jar);
    }
    return Path.of(jar);
  }

  /** The JVM running the tests, so that the node runs on the same JDK 21+. */
  static String java() {
    return ProcessHandle.current().info().command().orElseThrow(
        () -> new IllegalStateException("cannot tell which java runs the tests"));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private void drainOutput() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException e) {
      output.append("(output unreadable: ").append(e.getMessage()).append(")\n");
    }
  }

  int port() {
    return port;
  }

  /** Talks to the node over HTTPS from now on, trusting what {@code trusted} trusts: for a node serving TLS itself. */
  VigilProcess overHttps(SSLContext trusted) {
    scheme = "https";
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(trusted).build();
    return this;
  }

  /** Where the node answers: {@code http://127.0.0.1:PORT}, or https. */
  String base() {
    return scheme + "://127.0.0.1:" + port;
  }

  String output() {
    return output.toString();
  }

  /** Everything the process printed, for failure messages; the start of it and the end, where causes are. */
  String outputTail() {
    String all = output();
    return all.length() <= 20_000 ? all : all.substring(0, 5_000) + "\n[...]\n" + all.substring(all.length() - 15_000);
  }

  /** Waits until readiness answers 200; fails at once, with the node's output, if the process exits instead. */
  VigilProcess awaitReady() {
    await("readiness of the node on port " + port).atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!process.isAlive()) {
            fail("the node exited with status " + process.exitValue() + " before it was ready; its output:\n"
                + outputTail());
          }
          try {
            return get("/actuator/health/readiness", null).statusCode() == 200;
          } catch (IOException e) {
            return false; // not listening yet
          }
        });
    return this;
  }

  /** The admin token the node printed on its console, if it printed one. */
  Optional<String> printedAdminToken() {
    Matcher m = ADMIN_TOKEN.matcher(output());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(10)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs JSON without credentials, as an alert source does. */
  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Requests the server is handling right now with this HTTP method, as its own metrics count them. */
  long activeRequests(String method) throws IOException, InterruptedException {
    Matcher m = ACTIVE_REQUESTS.matcher(get("/actuator/prometheus", null).body());
    long active = 0;
    while (m.find()) {
      if (m.group(1).contains("method=\"" + method + "\"")) {
        active += Long.parseLong(m.group(2));
      }
    }
    return active;
  }

  /** Whether the node still accepts new connections. */
  boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits for the process to end on its own, and returns its exit status. */
  int awaitExit() throws InterruptedException {
    assertThat(process.waitFor(READY_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
        .as("the process ended by itself; output:%n%s", outputTail()).isTrue();
    return process.exitValue();
  }

  /** Sends SIGTERM, as Ctrl-C, systemd or Kubernetes would. */
  void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, its PostgreSQL is orphaned. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(STOPPED_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("the node died of SIGKILL")
        .isTrue();
  }

  /**
   * Sends SIGTERM if not done yet, then checks that the node exits within {@link #STOPPED_WITHIN} from a JVM exit on
   * that signal, leaving no PostgreSQL process behind for its data directory.
   */
  void stopAndCheckNothingLeft() throws InterruptedException {
    process.destroy();
    boolean exited = process.waitFor(STOPPED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(exited).as("node exited within %s of SIGTERM; output:%n%s", STOPPED_WITHIN, outputTail()).isTrue();
    // 143 = 128 + SIGTERM: the JVM's status after it ran its shutdown hooks on the signal; 0 if main returned first.
    assertThat(process.exitValue()).as("exit status; output:%n%s", outputTail()).isIn(0, 143);
    assertThat(postgresProcesses(dataDir)).as("PostgreSQL processes left for %s", dataDir).isEmpty();
    assertThat(dataDir.resolve("postgres/postmaster.pid")).as("a postmaster.pid left behind").doesNotExist();
  }

  /**
   * Processes of a PostgreSQL server on {@code dataDir/postgres}: those whose command line names that directory,
   * the postmaster recorded in its {@code postmaster.pid} if alive, and their children (backends name no directory).
   */
  static List<Long> postgresProcesses(Path dataDir) {
    String pgData = dataDir.toAbsolutePath().resolve("postgres").toString();
    List<Long> found = new ArrayList<>();
    try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
      for (Path p : proc.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline = read(p.resolve("cmdline")).replace('\0', ' ');
        if (cmdline.contains(pgData + " ") || cmdline.endsWith(pgData) || cmdline.contains(pgData + "/")) {
          found.add(Long.parseLong(p.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path pidFile = dataDir.resolve("postgres/postmaster.pid");
    if (Files.exists(pidFile)) {
      String first = read(pidFile).lines().findFirst().orElse("").trim();
      if (first.matches("\\d+") && ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false)) {
        found.add(Long.parseLong(first));
      }
    }
    List<Long> withChildren = new ArrayList<>(found);
    for (long pid : found) {
      ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(c -> withChildren.add(c.pid())));
    }
    return withChildren.stream().distinct().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
        .orElse(false)).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return ""; // the process ended while we looked
    }
  }

  /** Leaves nothing running even when a test failed half-way: the node, then any PostgreSQL it left. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(STOPPED_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (long pid : postgresProcesses(dataDir)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
  }
}
