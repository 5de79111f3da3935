package dev.vigil.catalog;

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
