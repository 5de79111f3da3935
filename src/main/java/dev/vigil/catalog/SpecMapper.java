package dev.vigil.catalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns catalog records into the canonical JSON kept in each object's {@code spec} column and back; the same
 * snake_case names as {@code vigil.yaml}, so a stored spec reads like the file.
 */
final class SpecMapper {

  static final JsonMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .build();

  private SpecMapper() {}

  static JsonNode toSpec(Object record) {
    return MAPPER.valueToTree(record);
  }

  /**
   * Declarations as the file writes them: only the records' components, not what their {@code isX()} methods derive
   * ({@code Impact.isRegulated()} is no key of an impact). Stored specs keep such keys, so that they stay as they are.
   */
  private static final JsonMapper DECLARED = MAPPER.rebuild()
      .changeDefaultVisibility(v -> v.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
      .build();

  /**
   * A part of a declaration as someone would write it in vigil.yaml: snake_case, without the fields left unset
   * (null or empty), which the stored spec keeps.
   */
  static JsonNode declared(Object record) {
    return withoutUnset(DECLARED.valueToTree(record));
  }

  private static JsonNode withoutUnset(JsonNode node) {
    if (node instanceof tools.jackson.databind.node.ObjectNode o) {
      java.util.List<String> unset = new java.util.ArrayList<>();
      for (java.util.Map.Entry<String, JsonNode> e : o.properties()) {
        withoutUnset(e.getValue());
        if (e.getValue().isNull() || e.getValue().isContainer() && e.getValue().isEmpty()) {
          unset.add(e.getKey());
        }
      }
      unset.forEach(o::remove);
    } else if (node instanceof tools.jackson.databind.node.ArrayNode a) {
      a.forEach(SpecMapper::withoutUnset);
    }
    return node;
  }

  static <T> T fromSpec(String json, Class<T> type) {
    return MAPPER.readValue(json, type);
  }

  static <T> T fromSpec(JsonNode spec, Class<T> type) {
    return MAPPER.treeToValue(spec, type);
  }

  static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }

  static String write(JsonNode spec) {
    return MAPPER.writeValueAsString(spec);
  }
}
