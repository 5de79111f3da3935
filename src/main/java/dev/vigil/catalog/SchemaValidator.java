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
import dev.vigil.catalog.YamlValue.Entry;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Mark;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.catalog.YamlValue.Sequence;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a YAML tree against the {@link SchemaType} model, reporting every mismatch at the node it is
 * about, and collects declared names and references for {@link Names} to resolve afterwards.
 */
final class SchemaValidator {

  private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private final Problems problems;
  private final Names names;

  SchemaValidator(Problems problems, Names names) {
    this.problems = problems;
    this.names = names;
  }

  /** Checks a whole document; the top of the file must be a mapping. */
  void validateDocument(YamlValue root, ObjectType type) {
    if (!(root instanceof Mapping)) {
      problems.error(root.mark(), "expected a mapping at the top of the file (version: 1, teams, services, ...), got "
          + YamlValue.describe(root));
      return;
    }
    validate(root, type, "file");
  }

  /** Checks one value; {@code field} is the key it is under, used to say what is wrong. */
  void validate(YamlValue value, SchemaType type, String field) {
    if (value instanceof Scalar s && s.unresolved()) {
      return; // its interpolation error was reported; the unexpanded ${...} says nothing about the real value
    }
    switch (type) {
      case ObjectType t -> object(value, t, field);
      case StringType t -> string(value, t, field);
      case IntegerType t -> integer(value, t, field);
      case NumberType t -> number(value, t, field);
      case BooleanType t -> bool(value, field);
      case ListType t -> list(value, t, field);
      case StringMapType t -> stringMap(value, t, field);
      case DurationType t -> duration(value, t, field);
      case TimeZoneType t -> timeZone(value, field);
      case LocalTimeType t -> localTime(value, field);
      case LocalDateTimeType t -> localDateTime(value, field);
      case ReferenceType t -> reference(value, t, field);
    }
  }

  private void object(YamlValue value, ObjectType type, String field) {
    if (!(value instanceof Mapping mapping)) {
      typeError(value, field, "a mapping (" + type.label() + ")");
      return;
    }
    String context = context(type, mapping);
    Map<String, Entry> present = new LinkedHashMap<>();
    for (Entry entry : mapping.entries()) {
      String key = entry.key().text();
      Entry first = present.putIfAbsent(key, entry);
      if (first != null) {
        problems.error(entry.key().mark(), "duplicate key '" + key + "' in " + context + " (first at line "
            + first.key().mark().line() + ")");
        continue;
      }
      Field f = type.field(key);
      if (f == null) {
        problems.error(entry.key().mark(), "unknown key '" + key + "' in " + context
            + Suggestions.hint(key, type.fieldNames()));
      } else if (!YamlValue.isAbsent(entry.value())) {
        validate(entry.value(), f.type(), key);
      }
    }
    for (Field f : type.fields()) {
      Entry entry = present.get(f.name());
      if (f.required() && entry == null) {
        problems.error(mapping.mark(), "missing required field '" + f.name() + "' in " + context);
      } else if (f.required() && YamlValue.isAbsent(entry.value())) {
        problems.error(entry.key().mark(), "required field '" + f.name() + "' in " + context + " has no value");
      }
    }
    if (type.declares() != null && mapping.get("name") instanceof Scalar name && !name.isNull() && !name.unresolved()) {
      names.declare(type.declares(), name.text(), name.mark(), problems);
    }
    for (Rule rule : type.rules()) {
      check(rule, type, mapping, context);
    }
  }

  /** "service 'api'" when the object has a name, else "an escalation step". */
  private static String context(ObjectType type, Mapping mapping) {
    String name = mapping.text("name");
    if (name != null) {
      return type.label() + " '" + name + "'";
    }
    return type.label().startsWith("the ") ? type.label() : withArticle(type.label());
  }

  private static String withArticle(String noun) {
    // An abbreviation is read letter by letter: an SLI, an SLO.
    boolean vowelSound = noun.length() > 1 && Character.isUpperCase(noun.charAt(1))
        ? "AEFHILMNORSX".indexOf(noun.charAt(0)) >= 0 : "aeiou".indexOf(noun.charAt(0)) >= 0;
    return (vowelSound ? "an " : "a ") + noun;
  }

  private void check(Rule rule, ObjectType type, Mapping mapping, String context) {
    switch (rule) {
      case ExactlyOneOf r -> {
        List<String> set = new ArrayList<>();
        int groupsSet = 0;
        for (List<String> group : r.groups()) {
          List<String> inGroup = group.stream().filter(f -> !YamlValue.isAbsent(mapping.get(f))).toList();
          set.addAll(inGroup);
          groupsSet += inGroup.isEmpty() ? 0 : 1;
        }
        String choices = r.groups().stream()
            .map(g -> g.stream().map(f -> "'" + f + "'").collect(Collectors.joining("/")))
            .collect(Collectors.collectingAndThen(Collectors.toList(), SchemaValidator::orList));
        if (groupsSet == 0) {
          problems.error(mapping.mark(), context + " must set one of " + choices);
        } else if (groupsSet > 1) {
          String both = set.stream().map(f -> "'" + f + "'").collect(Collectors.joining(" and "));
          problems.error(mapping.mark(), context + " sets " + both + "; set only one of " + choices);
        }
      }
      case OnlyWhen r -> {
        String when = mapping.text(r.when());
        if (when == null || type.field(r.when()).type() instanceof StringType s && s.allowed() != null
            && !s.allowed().contains(when)) {
          return; // nothing to compare with, or already reported as an invalid value
        }
        boolean set = !YamlValue.isAbsent(mapping.get(r.field()));
        if (when.equals(r.value()) && !set) {
          problems.error(mapping.mark(), "missing required field '" + r.field() + "' in " + context
              + " (required when " + r.when() + " is " + r.value() + ")");
        } else if (!when.equals(r.value()) && set) {
          Mark at = mapping.entries().stream().filter(e -> e.key().text().equals(r.field()))
              .findFirst().orElseThrow().key().mark();
          problems.error(at, "'" + r.field() + "' is only allowed when " + r.when() + " is " + r.value()
              + ", not " + when);
        }
      }
    }
  }

  private static String orList(List<String> items) {
    if (items.size() == 1) {
      return items.getFirst();
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.getLast();
  }

  private void string(YamlValue value, StringType type, String field) {
    Scalar s = scalar(value, field, "text");
    if (s == null) {
      return;
    }
    if (type.allowed() != null && !type.allowed().contains(s.text())) {
      problems.error(s.mark(), "invalid " + field + " " + s.shown() + Suggestions.hint(s.text(), type.allowed())
          + "; expected one of: " + String.join(", ", type.allowed()));
    } else if (!type.matches(s.text())) {
      problems.error(s.mark(), type.secret()
          ? "invalid " + field + " (not shown, it is a secret): " + type.hint()
          : "invalid " + field + " " + s.shown() + ": " + type.hint());
    }
  }

  private void integer(YamlValue value, IntegerType type, String field) {
    Scalar s = scalar(value, field, "a number");
    if (s == null) {
      return;
    }
    long n;
    try {
      n = Long.parseLong(s.text().strip());
    } catch (NumberFormatException e) {
      typeError(s, field, NUMBER.matcher(s.text().strip()).matches() ? "a whole number" : "a number");
      return;
    }
    Long min = type.minimum();
    Long max = type.maximum();
    if ((min != null && n < min) || (max != null && n > max)) {
      String range = min != null && min.equals(max) ? "be " + min
          : min != null && max != null ? "be between " + min + " and " + max
          : min != null ? "be at least " + min : "be at most " + max;
      problems.error(s.mark(), field + " must " + range + ", got " + s.shown());
    }
  }

  private void number(YamlValue value, NumberType type, String field) {
    Scalar s = scalar(value, field, "a number");
    if (s == null) {
      return;
    }
    String text = s.text().strip();
    if (!NUMBER.matcher(text).matches()) {
      typeError(s, field, "a number");
      return;
    }
    double n = new BigDecimal(text).doubleValue();
    Double min = type.minimum();
    Double max = type.maximum();
    boolean low = min != null && (type.exclusiveMinimum() ? n <= min : n < min);
    boolean high = max != null && (type.exclusiveMaximum() ? n >= max : n > max);
    if (low || high) {
      String lower = min == null ? null : (type.exclusiveMinimum() ? "greater than " : "at least ") + format(min);
      String upper = max == null ? null : (type.exclusiveMaximum() ? "less than " : "at most ") + format(max);
      String range = min != null && max != null && !type.exclusiveMinimum() && !type.exclusiveMaximum()
          ? "between " + format(min) + " and " + format(max)
          : lower != null && upper != null ? lower + " and " + upper : lower != null ? lower : upper;
      problems.error(s.mark(), field + " must be " + range + ", got " + s.shown());
    }
  }

  /** Bounds as people write them: 100, not 100.0. */
  static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private void bool(YamlValue value, String field) {
    Scalar s = scalar(value, field, "true or false");
    if (s != null && !s.text().equalsIgnoreCase("true") && !s.text().equalsIgnoreCase("false")) {
      typeError(s, field, "true or false");
    }
  }

  private void list(YamlValue value, ListType type, String field) {
    if (!(value instanceof Sequence seq)) {
      typeError(value, field, "a list");
      return;
    }
    if (seq.items().size() < type.minItems()) {
      problems.error(seq.mark(), field + " must list at least " + type.minItems()
          + (type.minItems() == 1 ? " entry" : " entries"));
    }
    Map<String, Mark> seen = new HashMap<>();
    for (YamlValue item : seq.items()) {
      validate(item, type.items(), field);
      if (type.unique() && item instanceof Scalar s && !s.isNull()) {
        Mark first = seen.putIfAbsent(s.text(), s.mark());
        if (first != null) {
          problems.error(s.mark(), "duplicate entry " + s.shown() + " in " + field + " (first at line "
              + first.line() + ")");
        }
      }
    }
  }

  private void stringMap(YamlValue value, StringMapType type, String field) {
    if (!(value instanceof Mapping mapping)) {
      typeError(value, field, "a mapping of names to values");
      return;
    }
    if (mapping.entries().size() < type.minEntries()) {
      problems.error(mapping.mark(), field + " must have at least " + type.minEntries()
          + (type.minEntries() == 1 ? " entry" : " entries"));
    }
    Map<String, Mark> seen = new HashMap<>();
    for (Entry e : mapping.entries()) {
      Mark first = seen.putIfAbsent(e.key().text(), e.key().mark());
      if (first != null) {
        problems.error(e.key().mark(), "duplicate key '" + e.key().text() + "' in " + field + " (first at line "
            + first.line() + ")");
      } else if (!(e.value() instanceof Scalar s) || s.isNull()) {
        typeError(e.value(), field + "." + e.key().text(), "a text value");
      }
    }
  }

  private void duration(YamlValue value, DurationType type, String field) {
    Scalar s = scalar(value, field, "a duration");
    if (s == null) {
      return;
    }
    Duration d = Durations.parse(s.text().strip());
    if (d == null) {
      problems.error(s.mark(), field + ": " + s.shown() + " is not a duration; " + Durations.HINT);
    } else if (type.positive() && (d.isZero() || d.isNegative())) {
      problems.error(s.mark(), field + " must be longer than zero, got " + s.shown());
    }
  }

  private void timeZone(YamlValue value, String field) {
    Scalar s = scalar(value, field, "a time zone");
    if (s == null) {
      return;
    }
    try {
      ZoneId.of(s.text());
    } catch (DateTimeException e) {
      problems.error(s.mark(), "unknown time zone " + s.shown() + Suggestions.hint(s.text(), ZoneId.getAvailableZoneIds())
          + "; use an IANA name such as Europe/Berlin");
    }
  }

  private void localTime(YamlValue value, String field) {
    Scalar s = scalar(value, field, "a time of day");
    if (s != null && !Pattern.compile(LocalTimeType.PATTERN).matcher(s.text()).matches()) {
      typeError(s, field, "a time of day HH:MM (24-hour clock)");
    }
  }

  private void localDateTime(YamlValue value, String field) {
    Scalar s = scalar(value, field, "a date and time");
    if (s == null) {
      return;
    }
    boolean valid = Pattern.compile(LocalDateTimeType.PATTERN).matcher(s.text()).matches();
    if (valid) {
      try {
        LocalDateTime.parse(s.text());
      } catch (DateTimeException e) {
        valid = false; // the shape is right but the date is not, such as February 30
      }
    }
    if (!valid) {
      typeError(s, field, "a local date and time like 2026-01-05T09:00");
    }
  }

  private void reference(YamlValue value, ReferenceType type, String field) {
    Scalar s = scalar(value, field, "the name of " + withArticle(type.kind().label));
    if (s != null) {
      names.refer(type.kind(), s.text(), s.mark());
    }
  }

  /** The value as a non-null scalar, or null after reporting that it is something else. */
  private Scalar scalar(YamlValue value, String field, String expected) {
    if (value instanceof Scalar s && !s.isNull()) {
      return s;
    }
    typeError(value, field, expected);
    return null;
  }

  private void typeError(YamlValue value, String field, String expected) {
    problems.error(value.mark(), field + ": expected " + expected + ", got " + YamlValue.describe(value));
  }
}
