package dev.vigil.cli;

import dev.vigil.VigilApplication;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil server}: runs a Vigil node until it is told to stop (Ctrl-C or SIGTERM). */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Run Vigil: the API, the UI and the background jobs. Stops cleanly on Ctrl-C or SIGTERM.")
class ServerCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "vigil.yaml to apply at start-up.")
  Path config;

  @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080, or VIGIL_PORT).")
  Integer port;

  @Override
  public Integer call() {
    return run(config, port, Map.of("logging.structured.format.console", "ecs"));
  }

  /** Starts the application and blocks until its context has closed. */
  static int run(Path config, Integer port, Map<String, Object> extra) {
    if (config != null && !Files.isReadable(config)) {
      System.err.println("vigil: cannot read config file " + config);
      return 2;
    }
    if (!portFree(httpPort(port))) {
      return 1;
    }
    Map<String, Object> properties = new HashMap<>(extra);
    if (config != null) {
      properties.put("vigil.catalog.config-file", config.toAbsolutePath().toString());
    }
    if (port != null) {
      properties.put("server.port", port);
    }
    SpringApplication application = new SpringApplication(VigilApplication.class);
    CountDownLatch closed = new CountDownLatch(1);
    application.addListeners(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    ConfigurableApplicationContext context;
    try {
      // As arguments, so that they win over application.yml and the environment.
      context = application.run(properties.entrySet().stream()
          .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    } catch (RuntimeException e) {
      // Spring has logged the cause; a start that fails is an exit code, not a stack trace for the user.
      return 1;
    }
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      context.close();
    }
    return 0;
  }

  /** The HTTP port the node will listen on: {@code --port}, else {@code VIGIL_PORT}, else 8080. */
  static int httpPort(Integer port) {
    if (port != null) {
      return port;
    }
    String env = System.getenv().getOrDefault("VIGIL_PORT", "8080");
    try {
      return Integer.parseInt(env.strip());
    } catch (NumberFormatException e) {
      return -1; // not a port: Spring's binder says so, naming the setting
    }
  }

  /**
   * Whether the HTTP port is free, tried before anything starts: a port another process holds is one line that says
   * how to choose another, not a failed start of the database and the web server with Spring's generic advice.
   * Bound as Tomcat binds it (every address, address reuse on), so that what passes here passes there.
   */
  static boolean portFree(int port) {
    if (port <= 0 || port > 65_535) {
      return true; // 0 is any free port; out of range is the binder's to refuse
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      System.err.println(BusyPortFailureAnalyzer.inUse(port));
      return false;
    }
  }
}
