package dev.vigil.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar unpacked, with a JDK 25+ start-up cache (AOT cache) recorded for it, launched the way the
 * {@code vigil} script launches it: a node is ready in about half the time of {@code java -jar} on the packaged jar.
 */
final class UnpackedJar {

  /** The folder beside the packaged jar; not the script's target/vigil-app, whose cache has other JVM options. */
  static final String FOLDER = "vigil-it-app";

  private static List<String> launch;

  private UnpackedJar() {}

  /**
   * The JVM options and {@code -jar} that run the unpacked jar, unpacked and its cache recorded once per packaged jar
   * and JDK (the first node of a run pays for it, about as long as two starts).
   */
  static synchronized List<String> launch() {
    if (launch == null) {
      try {
        launch = prepare(VigilProcess.jar());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while unpacking " + VigilProcess.jar(), e);
      }
    }
    return launch;
  }

  private static List<String> prepare(Path jar) throws IOException, InterruptedException {
    Path app = jar.resolveSibling(FOLDER);
    Path cache = app.resolve("vigil.aot");
    String key = Files.getLastModifiedTime(jar) + " " + Files.size(jar) + " " + VigilProcess.java() + " "
        + Runtime.version();
    Path keyFile = app.resolve("key");
    if (!Files.isRegularFile(keyFile) || !Files.readString(keyFile).equals(key)) {
      long started = System.nanoTime();
      delete(app);
      Path log = app.resolveSibling(FOLDER + ".log");
      if (!run(log, List.of(VigilProcess.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
          "--destination", app.toString()), null)) {
        throw new IllegalStateException("unpacking " + jar + " failed:\n" + Files.readString(log));
      }
      if (Runtime.version().feature() >= 25) {
        record(app, cache);
      }
      Files.writeString(keyFile, key);
      System.out.printf("UnpackedJar: %s unpacked%s in %d ms%n", jar, Files.isRegularFile(cache)
          ? " and its start-up cache recorded" : " (no start-up cache)", (System.nanoTime() - started) / 1_000_000);
    }
    List<String> options = new ArrayList<>(VigilProcess.JVM_OPTIONS);
    if (Files.isRegularFile(cache)) {
      // As in the vigil script: a cache the JVM finds unusable costs speed only, so its complaint is not printed.
      options.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off,cds=off"));
    }
    options.addAll(List.of("-jar", app.resolve("vigil.jar").toString()));
    return options;
  }

  /**
   * Records the cache as the vigil script does: a start on a throw-away embedded database, with the tests' JVM
   * options (a cache recorded under others is not used), that exits once the application context is up.
   */
  private static void record(Path app, Path cache) throws IOException, InterruptedException {
    Path data = app.resolve("training-data");
    List<String> command = new ArrayList<>(List.of(VigilProcess.java()));
    command.addAll(VigilProcess.JVM_OPTIONS);
    command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh",
        "-jar", app.resolve("vigil.jar").toString(), "server", "--port", "0"));
    try {
      if (!run(app.resolve("vigil.aot.log"), command, data)) {
        Files.deleteIfExists(cache);
      }
    } finally {
      // Exiting at refresh skips the context's close, which would have stopped the embedded PostgreSQL.
      for (long pid : VigilProcess.postgresProcesses(data)) {
        ProcessHandle.of(pid).ifPresent(p -> {
          p.destroy();
          p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
      }
      delete(data);
    }
  }

  /** Runs a command to its end, its output in {@code log}; whether it exited with 0 within three minutes. */
  private static boolean run(Path log, List<String> command, Path dataDir) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_"));
    if (dataDir != null) {
      builder.environment().put("VIGIL_DATA_DIR", dataDir.toString());
    }
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      return false;
    }
    return process.exitValue() == 0;
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
