package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.SchemaType.Field;
import dev.vigil.catalog.SchemaType.ListType;
import dev.vigil.catalog.SchemaType.ObjectType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps docs/configuration.md true: its examples must load cleanly and it must mention every key. */
class ConfigurationDocTest {

  private static final Path DOC = Path.of("docs", "configuration.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @TempDir
  Path dir;

  /** The yaml blocks of the page in order, which together form one file. */
  private static String example() throws IOException {
    Matcher m = YAML_BLOCK.matcher(Files.readString(DOC));
    StringBuilder yaml = new StringBuilder();
    while (m.find()) {
      yaml.append(m.group(1));
    }
    return yaml.toString();
  }

  @Test
  void theExamplesTogetherAreAValidFileWithoutWarnings() throws IOException {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, example());
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/grafana.key"), "grafana-key-0123456789abcdef\n");
    CatalogLoader loader = CatalogLoader.withEnvironment(
        Map.of("PROMETHEUS_INTEGRATION_KEY", "prometheus-key-0123456789abcdef", "PROMETHEUS_TOKEN", "token")::get);

    LoadResult result = loader.load(file);

    assertThat(result.problems()).isEmpty();
    Catalog catalog = result.catalog();
    assertThat(catalog.teams()).isNotEmpty();
    assertThat(catalog.users()).flatExtracting(Catalog.User::contactMethods).extracting(Catalog.ContactMethod::type)
        .containsExactlyInAnyOrder(Catalog.ContactType.values());
    assertThat(catalog.integrations()).anyMatch(i -> i.service() != null).anyMatch(i -> !i.routing().isEmpty());
    assertThat(catalog.schedules()).flatExtracting(Catalog.Schedule::layers).anyMatch(l -> !l.restrictions().isEmpty());
    assertThat(catalog.escalationPolicies()).isNotEmpty();
    assertThat(catalog.customers()).flatExtracting(Catalog.Customer::contracts)
        .anyMatch(c -> !c.creditTiers().isEmpty());
  }

  @Test
  void editorsAcceptTheExamplesToo() throws IOException {
    assertThat(CatalogSchemaTest.editorCheck(example())).isEmpty();
  }

  @Test
  void everyKeyOfTheFormatIsDocumented() throws IOException {
    String doc = Files.readString(DOC);
    List<String> missing = new ArrayList<>();
    for (ObjectType type : objects(CatalogSchema.ROOT, new LinkedHashSet<>())) {
      for (Field field : type.fields()) {
        if (!doc.contains("`" + field.name() + "`")) {
          missing.add(type.id() + "." + field.name());
        }
      }
    }
    assertThat(missing).as("keys not mentioned in %s", DOC).isEmpty();
    assertThat(doc).contains("vigil.schema.json").contains("yaml-language-server: $schema=");
  }

  private static Set<ObjectType> objects(SchemaType type, Set<ObjectType> found) {
    if (type instanceof ListType list) {
      objects(list.items(), found);
    } else if (type instanceof ObjectType object && found.add(object)) {
      object.fields().forEach(f -> objects(f.type(), found));
    }
    return found;
  }
}
