package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Vigil's features form an acyclic graph and reach each other only through the types they publish; the module
 * documentation under {@code docs/modules/} is what this graph generates.
 */
class ModularityTest {

  static final ApplicationModules MODULES = ApplicationModules.of(VigilApplication.class);
  static final Path DOCS = Path.of("docs", "modules");

  @TempDir
  Path generated;

  @Test
  void featuresAreAcyclicAndUsePublishedTypesOnly() {
    MODULES.verify();
  }

  /**
   * Writes the component diagram and module canvases afresh and compares them with the committed ones; when they
   * differ the committed ones are replaced, so that running the tests once brings the page up to date, and the test
   * fails so that the change is seen and committed.
   */
  @Test
  void moduleDocumentationIsUpToDate() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    Map<String, String> fresh = files(generated);
    Map<String, String> committed = Files.isDirectory(DOCS) ? files(DOCS) : Map.of();
    List<String> changed = new ArrayList<>();
    fresh.forEach((name, text) -> {
      if (!sameLines(text, committed.get(name))) {
        changed.add(name);
      }
    });
    committed.keySet().stream().filter(name -> !fresh.containsKey(name)).forEach(changed::add);
    if (!changed.isEmpty()) {
      replace(fresh);
    }
    assertThat(changed).as("docs/modules/ was out of date and has been regenerated: commit it").isEmpty();
  }

  /**
   * The same lines in any order: the documenter lists modules, relations and events in an order that changes from
   * run to run, and a canvas marks the first entry of a list with a leading {@code |}.
   */
  private static boolean sameLines(String fresh, String committed) {
    return committed != null && normalised(fresh).equals(normalised(committed));
  }

  private static List<String> normalised(String text) {
    return text.lines().map(line -> line.startsWith("|* ") ? line.substring(1) : line).sorted().toList();
  }

  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return out;
  }

  private static void replace(Map<String, String> fresh) throws IOException {
    Files.createDirectories(DOCS);
    try (Stream<Path> old = Files.list(DOCS)) {
      for (Path f : old.toList()) {
        Files.delete(f);
      }
    }
    for (Map.Entry<String, String> e : fresh.entrySet()) {
      Files.writeString(DOCS.resolve(e.getKey()), e.getValue());
    }
  }
}
