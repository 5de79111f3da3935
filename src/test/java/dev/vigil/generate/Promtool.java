package dev.vigil.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

/** Debian's promtool run on generated files, or a failure naming the package that brings it. */
final class Promtool {

  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private Promtool() {}

  /**
   * Writes the files into {@code dir} and has promtool check the rules and the configuration and run every unit
   * test; fails with promtool's own words when any of them does not pass.
   */
  static void checkAndTest(Path dir, SortedMap<String, String> files) throws IOException, InterruptedException {
    GeneratedFiles.write(dir, files);
    List<String> rules = files.keySet().stream().filter(f -> f.startsWith("rules/")).toList();
    List<String> tests = files.keySet().stream().filter(f -> f.startsWith("tests/")).toList();
    if (!rules.isEmpty()) {
      run(dir, "check", "rules", rules);
      run(dir, "test", "rules", tests);
    }
    run(dir, "check", "config", List.of("prometheus/scrape.yml"));
  }

  private static void run(Path dir, String verb, String what, List<String> files)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(PROMTOOL)) {
      fail(PROMTOOL + " not found: install the Debian package prometheus (apt-get install prometheus)");
    }
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString(), verb, what));
    command.addAll(files);
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool %s %s finished", verb, what).isTrue();
    assertThat(process.exitValue()).as("promtool %s %s in %s:%n%s", verb, what, dir, output).isZero();
  }
}
