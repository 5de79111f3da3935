package dev.vigil.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil deploy start|finish|fail}: a CI script records a deploy in Vigil's change log as it starts and as it
 * ends, with a deployer token; the same deploy id ties the steps together and makes a retried step safe.
 * {@code vigil deploy gate} asks first whether the service may be deployed now.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Record a deploy in Vigil's change log from a CI script.",
    subcommands = {DeployCommand.Start.class, DeployCommand.Finish.class, DeployCommand.Fail.class,
        DeployCommand.Gate.class})
class DeployCommand {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Where Vigil is and the token to ask it with, given or from the environment. */
  static class Connection {
    @Option(names = "--server", paramLabel = "URL", description = "Base URL of Vigil (default: VIGIL_URL).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token of role deployer scoped to the"
        + " service or its team (default: VIGIL_TOKEN).")
    String token;

    String base() {
      return server != null ? server : System.getenv("VIGIL_URL");
    }

    String secret() {
      return token != null ? token : System.getenv("VIGIL_TOKEN");
    }
  }

  /** What every step takes: where Vigil is, the token, and which deploy. */
  static class Target extends Connection {
    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service deployed.")
    String service;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version deployed.")
    String version;

    @Option(names = "--environment", paramLabel = "NAME", defaultValue = "production",
        description = "The environment deployed to (default ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--id", paramLabel = "ID", description = "The deploy's id, the same for start and finish"
        + " (default: service-version-environment, with GITHUB_RUN_ID or CI_PIPELINE_ID when set).")
    String id;

    // Not picocli's standard help options: their --version would take the deploy's version's name.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    String deployId() {
      if (id != null) {
        return id;
      }
      String run = System.getenv("GITHUB_RUN_ID") != null ? System.getenv("GITHUB_RUN_ID")
          : System.getenv("CI_PIPELINE_ID");
      return (service + "-" + version + "-" + environment + (run == null ? "" : "-" + run))
          .replaceAll("[^A-Za-z0-9._:-]", "_");
    }

    /** Posts {@code body} to {@code path}; the exit status: 0 recorded, 1 refused or unreachable, 2 misused. */
    int post(String path, Map<String, Object> body) {
      PrintWriter err = spec.commandLine().getErr();
      String base = base();
      String secret = secret();
      if (base == null || base.isBlank() || secret == null || secret.isBlank()) {
        err.println("vigil deploy: give Vigil's URL with --server or VIGIL_URL and a deployer token with --token or"
            + " VIGIL_TOKEN");
        return 2;
      }
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + path))
            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + secret)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
            .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          JsonNode deploy = JSON.readTree(response.body());
          spec.commandLine().getOut().println("deploy " + deploy.path("id").asString() + ": "
              + deploy.path("summary").asString() + ", " + deploy.path("outcome").asString().replace('_', ' '));
          return 0;
        }
        err.println("vigil deploy: " + response.statusCode() + " " + problem(response.body()));
        return 1;
      } catch (java.io.IOException | IllegalArgumentException e) {
        err.println("vigil deploy: could not reach " + base + ": " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }

    static String problem(String body) {
      try {
        JsonNode problem = JSON.readTree(body);
        if (problem.has("errors")) {
          List<String> errors = new ArrayList<>();
          problem.get("errors").forEach(e -> errors.add(e.asString()));
          return String.join("; ", errors);
        }
        return problem.path("detail").asString(body);
      } catch (RuntimeException e) {
        return body;
      }
    }
  }

  /** {@code vigil deploy start}: the deploy begins. */
  @Command(name = "start", description = "Record that a deploy starts.")
  static class Start implements Callable<Integer> {
    @Mixin Target target;

    @Option(names = "--commit", paramLabel = "SHA[@TIME]", description = "A commit the deploy ships, with its"
        + " commit time (RFC 3339) after an @; repeat for each.")
    List<String> commits = new ArrayList<>();

    @Option(names = "--author", paramLabel = "NAME", description = "Who deploys.")
    String author;

    @Option(names = "--pipeline-url", paramLabel = "URL", description = "The pipeline run's page.")
    String pipelineUrl;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the deploy changes.")
    String description;

    @Option(names = "--rollback-of", paramLabel = "ID", description = "The id of the deploy this one undoes.")
    String rollbackOf;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", target.deployId());
      body.put("service", target.service);
      body.put("environment", target.environment);
      body.put("version", target.version);
      List<Map<String, String>> shipped = new ArrayList<>();
      for (String commit : commits) {
        int at = commit.indexOf('@');
        Map<String, String> c = new LinkedHashMap<>();
        c.put("sha", at < 0 ? commit : commit.substring(0, at));
        if (at >= 0) {
          c.put("committed_at", commit.substring(at + 1));
        }
        shipped.add(c);
      }
      body.put("commits", shipped);
      body.put("author", author);
      body.put("pipeline_url", pipelineUrl);
      body.put("description", description);
      body.put("rollback_of", rollbackOf);
      return target.post("/api/v1/deploys", body);
    }
  }

  /** {@code vigil deploy finish}: the deploy succeeded. */
  @Command(name = "finish", description = "Record that a deploy succeeded.")
  static class Finish implements Callable<Integer> {
    @Mixin Target target;

    @Override
    public Integer call() {
      return target.post("/api/v1/deploys/" + target.deployId() + "/phases", Map.of("phase", "succeeded"));
    }
  }

  /**
   * {@code vigil deploy gate}: whether the service may be deployed now; exit 0 allowed, 1 blocked with each reason
   * printed, 2 when the gate could not be asked.
   */
  @Command(name = "gate", mixinStandardHelpOptions = true,
      description = "Ask whether a service may be deployed now: exit 0 allowed, 1 blocked, 2 on error.")
  static class Gate implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service to deploy.")
    String service;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String base = connection.base();
      String secret = connection.secret();
      if (base == null || base.isBlank() || secret == null || secret.isBlank()) {
        err.println("vigil deploy gate: give Vigil's URL with --server or VIGIL_URL and a token with --token or"
            + " VIGIL_TOKEN");
        return 2;
      }
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/api/v1/services/"
                + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8) + "/deploy-gate"))
            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + secret).GET().build();
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
            .send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          err.println("vigil deploy gate: " + response.statusCode() + " " + Target.problem(response.body()));
          return 2;
        }
        JsonNode gate = JSON.readTree(response.body());
        boolean allowed = "allowed".equals(gate.path("decision").asString());
        JsonNode override = gate.path("override");
        out.println("deploy gate of " + service + ": " + (allowed ? "allowed" : "blocked")
            + (override.isMissingNode() || override.isNull() ? "" : " (overridden by "
                + override.path("overridden_by").asString() + ": " + override.path("reason").asString() + ")"));
        gate.path("reasons").forEach(r -> out.println("  " + r.path("kind").asString() + ": "
            + r.path("detail").asString()));
        return allowed ? 0 : 1;
      } catch (java.io.IOException | IllegalArgumentException e) {
        err.println("vigil deploy gate: could not reach " + base + ": " + e.getMessage());
        return 2;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 2;
      }
    }
  }

  /** {@code vigil deploy fail}: the deploy failed. */
  @Command(name = "fail", description = "Record that a deploy failed.")
  static class Fail implements Callable<Integer> {
    @Mixin Target target;

    @Override
    public Integer call() {
      return target.post("/api/v1/deploys/" + target.deployId() + "/phases", Map.of("phase", "failed"));
    }
  }
}
