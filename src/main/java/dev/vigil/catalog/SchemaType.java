package dev.vigil.catalog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The small schema language that describes the catalog format once; {@link SchemaValidator} checks files
 * with it and {@link JsonSchemaGenerator} turns it into a JSON Schema for editors.
 */
sealed interface SchemaType {

  /** One key of an object; every field has a description because the JSON Schema shows it in editors. */
  record Field(String name, SchemaType type, boolean required, String description) {
    public Field {
      Objects.requireNonNull(type, name);
      if (description == null || description.isBlank()) {
        throw new IllegalArgumentException("field " + name + " needs a description");
      }
    }
  }

  /**
   * A mapping with known keys only. {@code declares} is the kind whose names its {@code name} field
   * declares (null for nested objects); {@code label} names it in messages ("escalation step").
   */
  record ObjectType(String id, String label, String description, Kind declares, List<Field> fields, List<Rule> rules)
      implements SchemaType {

    public ObjectType {
      fields = List.copyOf(fields);
      rules = List.copyOf(rules);
    }

    Field field(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    List<String> fieldNames() {
      return fields.stream().map(Field::name).toList();
    }

    ObjectType withRules(Rule... more) {
      return new ObjectType(id, label, description, declares,
          fields, Stream.concat(rules.stream(), Stream.of(more)).toList());
    }
  }

  /**
   * Text, optionally limited to a pattern (with a hint that explains it to people) or to a set of values.
   * A {@code secret} value is never repeated in messages.
   */
  record StringType(String pattern, String hint, List<String> allowed, boolean secret) implements SchemaType {

    public StringType {
      allowed = allowed == null ? null : List.copyOf(allowed);
    }

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    /**
     * Whether the text matches as JSON Schema would: the pattern is searched for, so it anchors itself.
     * Java's {@code $} also matches before a final line break, which ECMA-262's does not; {@code \z} does.
     */
    boolean matches(String text) {
      if (pattern == null) {
        return true;
      }
      Pattern compiled = COMPILED.computeIfAbsent(pattern,
          p -> Pattern.compile(p.endsWith("$") && !p.endsWith("\\$") ? p.substring(0, p.length() - 1) + "\\z" : p));
      return compiled.matcher(text).find();
    }
  }

  /** A whole number within optional inclusive bounds. */
  record IntegerType(Long minimum, Long maximum) implements SchemaType {}

  /**
   * A number within optional bounds; either may be exclusive (an availability of 0% makes no sense, an objective of
   * 100% leaves no budget).
   */
  record NumberType(Double minimum, boolean exclusiveMinimum, Double maximum, boolean exclusiveMaximum)
      implements SchemaType {

    NumberType(Double minimum, boolean exclusiveMinimum, Double maximum) {
      this(minimum, exclusiveMinimum, maximum, false);
    }
  }

  /** true or false. */
  record BooleanType() implements SchemaType {}

  /** A list of items of one type; {@code unique} forbids listing the same value twice. */
  record ListType(SchemaType items, int minItems, boolean unique) implements SchemaType {}

  /** A mapping of free-form names to text, such as tags or alert labels. */
  record StringMapType(int minEntries) implements SchemaType {}

  /** A duration, in the short form ({@code 1h30m}) or ISO-8601 ({@code PT90M}). */
  record DurationType(boolean positive) implements SchemaType {}

  /** An IANA time zone such as {@code Europe/Berlin}, as {@link java.time.ZoneId} knows them. */
  record TimeZoneType() implements SchemaType {}

  /** A time of day {@code HH:MM}. */
  record LocalTimeType() implements SchemaType {
    static final String PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
  }

  /** A date and time without zone, {@code 2026-01-05T09:00}; the zone comes from the enclosing schedule. */
  record LocalDateTimeType() implements SchemaType {
    static final String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$";
  }

  /** The name of something of {@code kind} declared elsewhere in the file. */
  record ReferenceType(Kind kind) implements SchemaType {}

  /** A constraint across several fields of one object. */
  sealed interface Rule {}

  /**
   * Exactly one group of fields is set: a group counts as set when any of its fields is. A target sets
   * one of user, schedule or team; an integration sets service, or routing and default_service.
   */
  record ExactlyOneOf(List<List<String>> groups) implements Rule {
    public ExactlyOneOf {
      groups = groups.stream().map(List::copyOf).toList();
    }
  }

  /** {@code field} is required when {@code when} equals {@code value}, and not allowed otherwise. */
  record OnlyWhen(String field, String when, String value) implements Rule {}

  /** The YAML spelling of an enum constant: {@code HTTP_SERVICE} is {@code http-service}. */
  static String yamlName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The YAML spellings of all constants of an enum, in declaration order. */
  static List<String> yamlNames(Class<? extends Enum<?>> type) {
    return Stream.of(type.getEnumConstants()).map(SchemaType::yamlName).toList();
  }
}
