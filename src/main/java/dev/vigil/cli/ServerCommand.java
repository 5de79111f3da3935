package dev.vigil.cli;

import dev.vigil.VigilApplication;
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
}
