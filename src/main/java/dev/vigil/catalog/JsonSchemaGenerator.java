package dev.vigil.catalog;

import dev.vigil.catalog.SchemaType.BooleanType;
import dev.vigil.catalog.SchemaType.DurationType;
import dev.vigil.catalog.SchemaType.ExactlyOneOf;
import dev.vigil.catalog.SchemaType.Field;
import dev.vigil.catalog.SchemaType.IntegerType;
import dev.vigil.catalog.SchemaType.ListType;
import dev.vigil.catalog.SchemaType.LocalDateTimeType;
import dev.vigil.catalog.SchemaType.LocalTimeType;
import dev.vigil.catalog.SchemaType.NumberType;
import dev.vigil.catalog.SchemaType.ObjectType;
import dev.vigil.catalog.SchemaType.OnlyWhen;
import dev.vigil.catalog.SchemaType.ReferenceType;
import dev.vigil.catalog.SchemaType.Rule;
import dev.vigil.catalog.SchemaType.StringMapType;
import dev.vigil.catalog.SchemaType.StringType;
import dev.vigil.catalog.SchemaType.TimeZoneType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the {@link SchemaType} model as a JSON Schema (draft 2020-12) so editors can complete and check
 * {@code vigil.yaml}; nested objects go to {@code $defs}, in the order first met.
 */
final class JsonSchemaGenerator {

  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** A value with a ${...} reference in it, which only the loader can check. */
  static final String INTERPOLATED = "\\$\\{[^}]+\\}";

  private final Map<String, Object> defs = new LinkedHashMap<>();

  private JsonSchemaGenerator() {}

  /** The schema as nested maps and lists, ready to be written as JSON. */
  static Map<String, Object> generate(ObjectType root) {
    JsonSchemaGenerator generator = new JsonSchemaGenerator();
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("$schema", DIALECT);
    schema.put("title", "Vigil catalog");
    schema.putAll(generator.object(root));
    schema.put("$defs", generator.defs);
    return schema;
  }

  private Object type(SchemaType type) {
    return switch (type) {
      case ObjectType t -> {
        if (!defs.containsKey(t.id())) {
          defs.put(t.id(), null); // reserve the place first, so the order follows the format
          defs.put(t.id(), object(t));
        }
        yield map("$ref", "#/$defs/" + t.id());
      }
      case StringType t -> {
        Map<String, Object> s = map("type", "string");
        if (t.allowed() != null) {
          s.put("enum", t.allowed());
        }
        if (t.pattern() != null && t.secret()) {
          // A secret is best written as a reference filled in at load time, which the editor cannot see.
          s.put("anyOf", List.of(map("pattern", t.pattern()), map("pattern", INTERPOLATED)));
        } else if (t.pattern() != null) {
          s.put("pattern", t.pattern());
        }
        yield s;
      }
      case IntegerType t -> {
        Map<String, Object> s = map("type", "integer");
        if (t.minimum() != null && t.minimum().equals(t.maximum())) {
          s.put("const", t.minimum());
        } else {
          putIfNotNull(s, "minimum", t.minimum());
          putIfNotNull(s, "maximum", t.maximum());
        }
        yield s;
      }
      case NumberType t -> {
        Map<String, Object> s = map("type", "number");
        putIfNotNull(s, t.exclusiveMinimum() ? "exclusiveMinimum" : "minimum", t.minimum());
        putIfNotNull(s, t.exclusiveMaximum() ? "exclusiveMaximum" : "maximum", t.maximum());
        yield s;
      }
      case BooleanType t -> map("type", "boolean");
      case ListType t -> {
        Map<String, Object> s = map("type", "array");
        s.put("items", type(t.items()));
        if (t.minItems() > 0) {
          s.put("minItems", t.minItems());
        }
        if (t.unique()) {
          s.put("uniqueItems", true);
        }
        yield s;
      }
      case StringMapType t -> {
        Map<String, Object> s = map("type", "object");
        // The loader reads any scalar as text, so an unquoted number or boolean is fine here too.
        s.put("additionalProperties", map("type", List.of("string", "number", "boolean")));
        if (t.minEntries() > 0) {
          s.put("minProperties", t.minEntries());
        }
        yield s;
      }
      case DurationType t -> {
        Map<String, Object> s = map("type", "string");
        s.put("pattern", Durations.PATTERN);
        s.put("minLength", 2);
        yield s;
      }
      case TimeZoneType t -> {
        Map<String, Object> s = map("type", "string");
        s.put("minLength", 1);
        yield s;
      }
      case LocalTimeType t -> {
        Map<String, Object> s = map("type", "string");
        s.put("pattern", LocalTimeType.PATTERN);
        yield s;
      }
      case LocalDateTimeType t -> {
        Map<String, Object> s = map("type", "string");
        s.put("pattern", LocalDateTimeType.PATTERN);
        yield s;
      }
      case ReferenceType t -> {
        Map<String, Object> s = map("type", "string");
        s.put("minLength", 1);
        yield s;
      }
    };
  }

  private Map<String, Object> object(ObjectType t) {
    Map<String, Object> s = map("type", "object");
    s.put("description", t.description());
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Field f : t.fields()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> property = new LinkedHashMap<>((Map<String, Object>) type(f.type()));
      property.put("description", f.description());
      properties.put(f.name(), property);
    }
    s.put("properties", properties);
    List<String> required = t.fields().stream().filter(Field::required).map(Field::name).toList();
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    s.put("additionalProperties", false);
    List<Map<String, Object>> rules = t.rules().stream().map(JsonSchemaGenerator::rule).toList();
    if (rules.size() == 1) {
      s.putAll(rules.getFirst());
    } else if (rules.size() > 1) {
      s.put("allOf", rules);
    }
    return s;
  }

  private static Map<String, Object> rule(Rule rule) {
    return switch (rule) {
      case ExactlyOneOf r -> {
        List<Object> branches = new ArrayList<>();
        for (List<String> group : r.groups()) {
          List<Object> any = group.stream().<Object>map(f -> map("required", List.of(f))).toList();
          branches.add(any.size() == 1 ? any.getFirst() : map("anyOf", any));
        }
        yield map("oneOf", branches);
      }
      case OnlyWhen r -> {
        Map<String, Object> condition = map("properties", map(r.when(), map("const", r.value())));
        condition.put("required", List.of(r.when()));
        Map<String, Object> s = map("if", condition);
        s.put("then", map("required", List.of(r.field())));
        s.put("else", map("not", map("required", List.of(r.field()))));
        yield s;
      }
    };
  }

  private static Map<String, Object> map(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, value);
    return m;
  }

  private static void putIfNotNull(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
