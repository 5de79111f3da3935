package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Interpolator.Result;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Scalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filling in ${VAR}, ${VAR:-default} and ${file:...} references, and the errors when that fails. */
class InterpolatorTest {

  private static final Map<String, String> ENV = Map.of("HOST", "db.internal", "PORT", "5432", "EMPTY", "");

  @TempDir
  Path dir;

  private Interpolator interpolator() {
    return new Interpolator(ENV::get, dir);
  }

  private Result resolve(String text) {
    return interpolator().resolve(text);
  }

  @Test
  void textWithoutReferencesIsLeftAlone() {
    assertThat(resolve("plain $ text")).isEqualTo(new Result("plain $ text", false, List.of()));
  }

  @Test
  void fillsInEnvironmentVariables() {
    assertThat(resolve("postgres://${HOST}:${PORT}/app")).isEqualTo(
        new Result("postgres://db.internal:5432/app", true, List.of()));
  }

  @Test
  void aDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() {
    assertThat(resolve("${MISSING:-fallback}").text()).isEqualTo("fallback");
    assertThat(resolve("${EMPTY:-fallback}").text()).isEqualTo("fallback");
    assertThat(resolve("${HOST:-fallback}").text()).isEqualTo("db.internal");
    assertThat(resolve("${MISSING:-}")).isEqualTo(new Result("", true, List.of()));
  }

  @Test
  void aSetButEmptyVariableWithoutDefaultIsEmpty() {
    assertThat(resolve("[${EMPTY}]")).isEqualTo(new Result("[]", true, List.of()));
  }

  @Test
  void anUndefinedVariableIsAnError() {
    assertThat(resolve("${MISSING}").errors()).containsExactly(
        "environment variable MISSING is not set (give a default with ${MISSING:-value})");
  }

  @Test
  void readsFilesWithoutTheTrailingLineBreak() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "s3cr3t-value\r\n\n");

    assertThat(resolve("${file:" + secret + "}")).isEqualTo(new Result("s3cr3t-value", true, List.of()));
  }

  @Test
  void relativeFilePathsAreResolvedAgainstTheCatalogsDirectory() throws IOException {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/key"), "line one\nline two\n");

    assertThat(resolve("${file:secrets/key}").text()).isEqualTo("line one\nline two");
  }

  @Test
  void aMissingOrUnreadableFileIsAnError() throws IOException {
    assertThat(resolve("${file:/no/such/file}").errors()).containsExactly("cannot read /no/such/file: no such file");
    assertThat(resolve("${file:" + dir + "}").errors()).containsExactly("cannot read " + dir + ": not a regular file");
    assertThat(resolve("${file:}").errors()).containsExactly("'${file:}' needs a path, such as ${file:/run/secrets/key}");
    Path big = dir.resolve("big");
    Files.write(big, new byte[Interpolator.MAX_FILE_BYTES + 1]);
    assertThat(resolve("${file:big}").errors()).containsExactly("cannot read big: larger than 1048576 bytes");
    Path binary = dir.resolve("binary");
    Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28});
    assertThat(resolve("${file:binary}").errors()).containsExactly("cannot read binary: not UTF-8 text");
  }

  @Test
  void aDoubleDollarWritesALiteralReference() {
    assertThat(resolve("$${HOST} is ${HOST}")).isEqualTo(new Result("${HOST} is db.internal", true, List.of()));
    assertThat(resolve("cost: $$5, $${NOT_A_VAR}")).isEqualTo(new Result("cost: $$5, ${NOT_A_VAR}", false, List.of()));
  }

  @Test
  void malformedReferencesAreErrors() {
    assertThat(resolve("${HOST").errors()).containsExactly("unterminated '${' (missing '}'); write '$${' for a literal '${'");
    assertThat(resolve("${not valid}").errors()).containsExactly(
        "'${not valid}' is not a valid reference; use ${NAME}, ${NAME:-default} or ${file:/path}");
    assertThat(resolve("${}").errors()).hasSize(1);
  }

  @Test
  void interpolatesValuesButNotKeysAndRemembersWhichValues() {
    Problems problems = new Problems("v.yaml");
    YamlValue tree = YamlReader.read("""
        ${HOST}: ${HOST}
        list: [a, "${PORT}", ~]
        nested: {x: "$${HOST}"}
        """, problems);

    Mapping root = (Mapping) interpolator().interpolate(tree, problems);

    assertThat(problems.hasErrors()).isFalse();
    Scalar host = (Scalar) root.entries().getFirst().value();
    assertThat(root.entries().getFirst().key().text()).isEqualTo("${HOST}");
    assertThat(host.text()).isEqualTo("db.internal");
    assertThat(host.source()).isEqualTo("${HOST}");
    assertThat(host.interpolated()).isTrue();
    List<YamlValue> list = ((YamlValue.Sequence) root.get("list")).items();
    assertThat(list).extracting(v -> ((Scalar) v).interpolated()).containsExactly(false, true, false);
    assertThat(((Scalar) list.get(2)).isNull()).isTrue();
    Scalar escaped = (Scalar) ((Mapping) root.get("nested")).get("x");
    assertThat(escaped.text()).isEqualTo("${HOST}");
    assertThat(escaped.interpolated()).isFalse();
  }

  @Test
  void interpolationErrorsPointAtTheScalar() {
    Problems problems = new Problems("v.yaml");
    YamlValue tree = YamlReader.read("a: 1\nb:\n  - x\n  - \"${NOPE} and ${file:/nope}\"\n", problems);

    Mapping root = (Mapping) interpolator().interpolate(tree, problems);

    assertThat(problems.sorted()).extracting(Problem::format).containsExactly(
        "v.yaml:4:5: environment variable NOPE is not set (give a default with ${NOPE:-value})",
        "v.yaml:4:5: cannot read /nope: no such file");
    Scalar broken = (Scalar) ((YamlValue.Sequence) root.get("b")).items().get(1);
    assertThat(broken.unresolved()).isTrue();
  }

  @Test
  void messagesShowWhatWasWrittenNotTheSecretItResolvedTo() {
    Scalar s = new Scalar(new YamlValue.Mark(1, 1), "hunter2", false, "${DB_PASSWORD}", true, false);

    assertThat(s.shown()).isEqualTo("'${DB_PASSWORD}' (after interpolation)");
    assertThat(Scalar.of(new YamlValue.Mark(1, 1), "x".repeat(100), false).shown()).hasSize(62).endsWith("...'");
  }
}
