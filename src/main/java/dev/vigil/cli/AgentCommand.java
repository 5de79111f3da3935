package dev.vigil.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.vigil.probe.Agent;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil agent}: runs the probes a hub assigns to one location and reports their results to it. No database,
 * no web server: a plain Java process, small enough to run next to what it watches.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run the probes a Vigil hub assigns to a location (a probe's 'locations') and report to the hub.")
class AgentCommand implements Callable<Integer> {

  @Option(names = "--hub", required = true, paramLabel = "URL", description = "Base URL of the Vigil hub.")
  URI hub;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token of role agent for this location"
      + " (default: VIGIL_AGENT_TOKEN); create one with POST /api/v1/tokens {role: agent, location: NAME}.")
  String token;

  @Option(names = "--location", required = true, paramLabel = "NAME", description = "The location this agent serves.")
  String location;

  @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "30",
      description = "How often to fetch the assigned probes (default ${DEFAULT-VALUE}).")
  int refreshSeconds;

  @Option(names = "--max-concurrency", paramLabel = "N", defaultValue = "256",
      description = "Checks in progress at once (default ${DEFAULT-VALUE}).")
  int maxConcurrency;

  @Override
  public Integer call() throws InterruptedException {
    quietLibraries();
    Logger log = LoggerFactory.getLogger(AgentCommand.class);
    String secret = token != null ? token : System.getenv("VIGIL_AGENT_TOKEN");
    if (secret == null || secret.isBlank()) {
      System.err.println("vigil agent: give the agent token with --token or VIGIL_AGENT_TOKEN");
      return 2;
    }
    if (refreshSeconds < 1) {
      System.err.println("vigil agent: --refresh must be at least 1 second");
      return 2;
    }
    Agent agent = new Agent(hub, secret, location, Duration.ofSeconds(refreshSeconds), maxConcurrency);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      main.interrupt();
    }));
    log.info("Vigil agent for location {} reporting to {}", location, hub);
    try {
      agent.run();
      return 0;
    } catch (Agent.Refused e) {
      System.err.println("vigil agent: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      return 0;
    } finally {
      agent.close();
    }
  }

  /** Without Spring Boot's logging setup, Logback logs everything at debug; an agent logs at info. */
  private static void quietLibraries() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }
  }
}
