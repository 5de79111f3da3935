package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.catalog.SchemaType.BooleanType;
import dev.vigil.catalog.SchemaType.Field;
import dev.vigil.catalog.SchemaType.IntegerType;
import dev.vigil.catalog.SchemaType.NumberType;
import dev.vigil.catalog.SchemaType.ObjectType;
import dev.vigil.catalog.SchemaType.StringMapType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the schema language that the catalog format itself does not exercise. */
class SchemaValidatorTest {

  private static final ObjectType SETTINGS = new ObjectType("settings", "the file", "Test settings.", null, List.of(
      new Field("enabled", new BooleanType(), false, "A switch."),
      new Field("retries", new IntegerType(1L, null), false, "At least one."),
      new Field("budget", new IntegerType(null, 10L), false, "At most ten."),
      new Field("ratio", new NumberType(0.5, false, null), false, "At least a half."),
      new Field("labels", new StringMapType(0), false, "Free-form labels."),
      new Field("name", CatalogSchema.NAME, false, "A name.")), List.of());

  private static List<String> errors(String yaml) {
    Problems problems = new Problems("v.yaml");
    new SchemaValidator(problems, new Names()).validateDocument(YamlReader.read(yaml, problems), SETTINGS);
    return problems.sorted().stream().map(Problem::format).toList();
  }

  @Test
  void booleansAreTrueOrFalse() {
    assertThat(errors("enabled: true\n")).isEmpty();
    assertThat(errors("enabled: False\n")).isEmpty();
    assertThat(errors("enabled: yes\n")).containsExactly("v.yaml:1:10: enabled: expected true or false, got 'yes'");
  }

  @Test
  void oneSidedBoundsSayWhichSide() {
    assertThat(errors("retries: 0\nbudget: 11\nratio: 0.25\n")).containsExactly(
        "v.yaml:1:10: retries must be at least 1, got '0'",
        "v.yaml:2:9: budget must be at most 10, got '11'",
        "v.yaml:3:8: ratio must be at least 0.5, got '0.25'");
    assertThat(errors("retries: 99999999999999999999\n")).containsExactly(
        "v.yaml:1:10: retries: expected a whole number, got '99999999999999999999'");
  }

  @Test
  void mapValuesMustBeScalars() {
    assertThat(errors("labels: {a: [x], b: ~, c: 1}\n")).containsExactly(
        "v.yaml:1:13: labels.a: expected a text value, got a list",
        "v.yaml:1:21: labels.b: expected a text value, got nothing");
  }

  @Test
  void patternsMustMatchTheWholeValueIncludingLineBreaks() {
    assertThat(errors("name: \"ops\\n\"\n")).hasSize(1);
    assertThat(errors("name: ops\n")).isEmpty();
  }

  @Test
  void theJsonSchemaOfTheseTypes() throws Exception {
    JsonNode properties = new ObjectMapper().readTree(SpecMapper.MAPPER.writeValueAsString(JsonSchemaGenerator.generate(SETTINGS)))
        .get("properties");

    assertThat(properties.at("/enabled/type").asText()).isEqualTo("boolean");
    assertThat(properties.at("/retries/minimum").asInt()).isEqualTo(1);
    assertThat(properties.at("/retries/maximum").isMissingNode()).isTrue();
    assertThat(properties.at("/budget/maximum").asInt()).isEqualTo(10);
    assertThat(properties.at("/ratio/minimum").asDouble()).isEqualTo(0.5);
    assertThat(properties.at("/labels/additionalProperties/type")).extracting(JsonNode::asText)
        .containsExactly("string", "number", "boolean");
  }

  @Test
  void everyFieldNeedsADescription() {
    assertThatThrownBy(() -> new Field("x", new BooleanType(), false, " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x needs a description");
  }
}
