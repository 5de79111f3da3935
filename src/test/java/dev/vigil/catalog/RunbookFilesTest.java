package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runbooks beside the catalog file: read into their services, and every broken one reported where it is. */
class RunbookFilesTest {

  @TempDir
  Path dir;

  private static final String CATALOG = """
      version: 1
      teams:
        - name: platform
      services:
        - name: db
          team: platform
          tier: 1
          runbook: runbooks/db.md
        - name: api
          team: platform
          tier: 2
          depends_on: [db]
          runbook: %s
      """;

  private LoadResult load(String apiRunbook) throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, CATALOG.formatted(apiRunbook));
    return CatalogLoader.withEnvironment(name -> null).load(file);
  }

  private void write(String path, String markdown) throws IOException {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.writeString(dir.resolve(path), markdown);
  }

  private String shown(String path) {
    return dir.resolve(path).toString();
  }

  @Test
  void eachServiceCarriesItsRunbooksTextWithThePathAsDeclared() throws IOException {
    write("runbooks/db.md", "# Primary down\n\n## Fail over\n\nPromote the standby.\n");
    write("runbooks/api.md", "# API errors\n\nFirst [fail over the database](db.md#fail-over), then [check](#api-errors)."
        + " See [the dashboard](https://grafana.example.com/d/api).\n");

    LoadResult result = load("runbooks/api.md");

    assertThat(result.errors()).isEmpty();
    Catalog.Service api = result.catalog().service("api").orElseThrow();
    assertThat(api.runbook().path()).isEqualTo("runbooks/api.md");
    assertThat(api.runbook().markdown()).startsWith("# API errors\n");
    assertThat(result.catalog().service("db").orElseThrow().runbook().markdown()).contains("Promote the standby.");
  }

  @Test
  void aMissingFileIsAnErrorAtTheRunbookField() throws IOException {
    write("runbooks/db.md", "# Primary down\n");

    LoadResult result = load("runbooks/api-errors.md");

    assertThat(result.catalog()).isNull();
    assertThat(result.errors()).extracting(Problem::format).containsExactly(shown("vigil.yaml")
        + ":13:14: runbook: cannot read runbooks/api-errors.md: no such file (paths are relative to the catalog file)");
  }

  @Test
  void aLinkToAHeadingThatIsNotThereIsAnErrorAtTheLinkInTheRunbook() throws IOException {
    write("runbooks/db.md", "# Primary down\n\n## Fail over\n");
    write("runbooks/api.md", "# API errors\n\nCheck the [gateway](#gatway-errors) and\n"
        + "  [fail over](db.md#failover).\n\n## Gateway errors\n");

    LoadResult result = load("runbooks/api.md");

    assertThat(result.catalog()).isNull();
    assertThat(result.errors()).extracting(Problem::format).containsExactly(
        shown("runbooks/api.md") + ":3:11: link to '#gatway-errors': no heading in this runbook has that anchor"
            + " (did you mean 'gateway-errors'?)",
        shown("runbooks/api.md") + ":4:3: link to '#failover': no heading in " + shown("runbooks/db.md")
            + " has that anchor (did you mean 'fail-over'?)");
  }

  @Test
  void aRelativeLinkToAFileThatIsNotAnotherServicesRunbookIsAnErrorAtTheLink() throws IOException {
    write("runbooks/db.md", "# Primary down\n");
    write("runbooks/notes.txt", "not a runbook\n");
    write("runbooks/api.md", "# API errors\n\n- see [the cache runbook](cache.md)\n- and [notes](notes.txt)\n");

    LoadResult result = load("runbooks/api.md");

    assertThat(result.errors()).extracting(Problem::format).containsExactly(
        shown("runbooks/api.md") + ":3:7: link to 'cache.md': no such runbook (paths are relative to this runbook)",
        shown("runbooks/api.md") + ":4:7: link to 'notes.txt': not the runbook of a service in this catalog;"
            + " runbooks link to each other and to web addresses");
  }

  @Test
  void aPathThatIsNotMarkdownRelativeToTheFileIsRefusedByTheSchema() throws IOException {
    write("runbooks/db.md", "# Primary down\n");

    assertThat(load("/etc/runbooks/api.md").errors()).extracting(Problem::message).singleElement()
        .satisfies(m -> assertThat(m).contains("expected a Markdown file relative to this file"));
    assertThat(load("runbooks/api.txt").errors()).hasSize(1);
  }
}
