package dev.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil demo}: a server with the worked example (a car-rental marketplace) applied, and a simulation of the
 * example's HTTP endpoints with switchable faults for its probes to watch ({@link DemoSimulation}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Vigil with the worked example examples/smuvdrive/vigil.yaml on the embedded database.")
class DemoCommand implements Callable<Integer> {

  static final String EXAMPLE = "examples/smuvdrive/vigil.yaml";
  /** A service's {@code runbook} field in the example, which names runbooks as plain relative paths. */
  private static final Pattern RUNBOOK = Pattern.compile("(?m)^\\s+runbook:\\s*(runbooks/[a-z0-9-]+\\.md)\\s*$");
  /** Where the demo's embedded PostgreSQL listens, so that the example's database probe can name it. */
  static final String DEMO_DATABASE_PORT = "54329";

  /** Kept for the life of the process; the JVM's exit ends it. */
  private DemoSimulation simulation;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080, or VIGIL_PORT).")
  Integer port;

  @Override
  public Integer call() {
    int mailPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      mailPort = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int http = ServerCommand.httpPort(port);
    if (!ServerCommand.portFree(http)) {
      return 1; // before the address of the mail below, which would point at the other process
    }
    System.out.println("  Vigil demo: the pages it sends by email are caught, not delivered: http://localhost:" + http
        + "/demo/mail");
    int simulationPort = Integer.parseInt(System.getenv().getOrDefault("VIGIL_DEMO_SIMULATION_PORT",
        Integer.toString(DemoSimulation.DEFAULT_PORT)));
    try {
      simulation = DemoSimulation.start(simulationPort, http);
      System.out.println("  Vigil demo: SIMULATED endpoints of the example (not real services), with faults to switch:"
          + " http://127.0.0.1:" + simulationPort + "/");
    } catch (IOException e) {
      System.out.println("  Vigil demo: cannot start the endpoint simulation on port " + simulationPort + " (" + e
          + "); the example's HTTP probes will fail. Set VIGIL_DEMO_SIMULATION_PORT to a free port.");
    }
    // The example's PostgreSQL probe watches Vigil's own embedded database on this port.
    String databasePort = System.getenv().getOrDefault("VIGIL_DEMO_DATABASE_PORT", DEMO_DATABASE_PORT);
    // Mail goes to a catch-all server on 127.0.0.1 that the demo runs itself.
    return ServerCommand.run(example(), port, Map.of(
        "vigil.notify.mail-catcher", "true",
        // A newcomer signs in at once: an admin account 'demo' whose new password is printed at each start.
        "vigil.web.demo-account", "true",
        "vigil.notify.smtp.host", "127.0.0.1",
        "vigil.notify.smtp.port", mailPort,
        "vigil.system.embedded-port", databasePort,
        DemoWelcome.SIMULATION_PORT, simulationPort,
        // The start-up says what matters to a newcomer (the admin token, the catalog applied, the block that ends it)
        // rather than every library's progress; warnings still show.
        "logging.level.root", "WARN",
        "logging.level.dev.vigil", "INFO",
        "logging.level.dev.vigil.cli.VigilCommand", "WARN"));
  }

  /** The example from the working copy when run from it, else the copy packaged in the jar. */
  static Path example() {
    Path local = Path.of(EXAMPLE);
    if (Files.isReadable(local)) {
      return local;
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream("/" + EXAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the worked example is missing from this build");
      }
      // A stable path in the data directory: the catalog records which file manages it, and a new temporary
      // name at every start would make each start update every object.
      String dataDir = System.getenv().getOrDefault("VIGIL_DATA_DIR", "vigil-data");
      Path copy = Path.of(dataDir, "examples", "smuvdrive", "vigil.yaml");
      Files.createDirectories(copy.getParent());
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      copyRunbooks(copy);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The runbooks the copied example declares, beside it as in the working copy: they are read with the catalog. */
  private static void copyRunbooks(Path copy) throws IOException {
    Matcher declared = RUNBOOK.matcher(Files.readString(copy));
    while (declared.find()) {
      String runbook = declared.group(1);
      try (InputStream in = DemoCommand.class.getResourceAsStream("/examples/smuvdrive/" + runbook)) {
        if (in != null) {
          Path target = copy.resolveSibling(runbook);
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
