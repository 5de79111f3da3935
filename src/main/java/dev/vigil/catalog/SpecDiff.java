package dev.vigil.catalog;

import dev.vigil.system.CatalogDurations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The fields in which a stored spec and a declared one differ, each by its path with its value before and after
 * (ADR 0031): objects are followed key by key, lists of named objects name by name and other lists of objects item by
 * item, while a list of plain values is one field shown whole. Credentials are never shown, only that they changed:
 * those listings hide, declared keys and tokens (stored as hashes) and the password in a URL.
 */
final class SpecDiff {

  /** A URL with a password in it, before its host or as a JDBC URL's parameter. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)://[^/@:\\s]*:[^/@\\s]+@|[?&;]password=");

  /** Plain text that reads the same unquoted in a one-line, YAML-like rendering. */
  private static final Pattern PLAIN = Pattern.compile("[^\\s,:\\[\\]{}\"'#](?:[^,\\[\\]{}\"#]*[^\\s,:\\[\\]{}\"#])?");

  private static final String NONE = "(none)";

  private SpecDiff() {}

  /** The fields of a top-level {@code field} that differ, at least one whenever the two values differ. */
  static List<Plan.FieldChange> of(String field, JsonNode stored, JsonNode desired) {
    List<Plan.FieldChange> changes = new ArrayList<>();
    compare(field, field, false, stored, desired, changes);
    return changes;
  }

  private static void compare(String path, String key, boolean header, JsonNode before, JsonNode after,
      List<Plan.FieldChange> changes) {
    JsonNode b = normalise(before);
    JsonNode a = normalise(after);
    if (Objects.equals(b, a) || sameNumber(b, a)) {
      return;
    }
    if (secret(key, header, b) || secret(key, header, a)) {
      changes.add(Plan.FieldChange.hidden(path));
      return;
    }
    int found = changes.size();
    if (b != null && a != null && b.isObject() && a.isObject()) {
      Set<String> keys = new TreeSet<>();
      b.propertyNames().forEach(keys::add);
      a.propertyNames().forEach(keys::add);
      for (String k : keys) {
        compare(path + "." + k, k, key.equals("headers"), b.get(k), a.get(k), changes);
      }
    } else if (b != null && a != null && b.isArray() && a.isArray() && (hasObjects(b) || hasObjects(a))) {
      Map<String, JsonNode> beforeByName = byName(b);
      Map<String, JsonNode> afterByName = byName(a);
      if (beforeByName != null && afterByName != null) {
        Set<String> names = new java.util.LinkedHashSet<>(beforeByName.keySet());
        names.addAll(afterByName.keySet());
        for (String name : names) {
          compare(path + "[" + name + "]", key, false, beforeByName.get(name), afterByName.get(name), changes);
        }
      } else {
        for (int i = 0; i < Math.max(b.size(), a.size()); i++) {
          compare(path + "[" + i + "]", key, false, b.get(i), a.get(i), changes);
        }
      }
    }
    // A list of plain values, a value of another type, or named items only put in another order: the field whole.
    if (changes.size() == found) {
      String was = compact(b);
      String is = compact(a);
      // Two lists of credentials that differ read alike once masked: say only that the field changed.
      changes.add(was.equals(is) ? Plan.FieldChange.hidden(path) : new Plan.FieldChange(path, was, is, false));
    }
  }

  /**
   * Whether both are equal but for numbers written differently: a declared fee is a decimal, while the stored spec
   * reads back as whatever JSON number its text makes (15000 an integer, 12000.5 a double).
   */
  private static boolean sameNumber(JsonNode before, JsonNode after) {
    return before != null && after != null && before.equals(SAME_NUMBER, after);
  }

  private static final java.util.Comparator<JsonNode> SAME_NUMBER = (x, y) -> x.equals(y)
      || x.isNumber() && y.isNumber() && x.decimalValue().compareTo(y.decimalValue()) == 0 ? 0 : 1;

  /** Treats an absent field, null and an empty list or map alike, as the file does. */
  private static JsonNode normalise(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || (node.isContainer() && node.isEmpty())) {
      return null;
    }
    return node;
  }

  private static boolean hasObjects(JsonNode array) {
    for (JsonNode item : array) {
      if (item.isObject()) {
        return true;
      }
    }
    return false;
  }

  /** The items of a list by their {@code name}, or null when some item has none or two share one. */
  private static Map<String, JsonNode> byName(JsonNode array) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode item : array) {
      JsonNode name = item.get("name");
      if (name == null || !name.isString() || byName.put(name.asString(), item) != null) {
        return null;
      }
    }
    return byName;
  }

  /**
   * Whether a value under {@code key} (the name of an HTTP header when {@code header}) is a credential: by its key, as
   * a stored hash, or as a URL's password.
   */
  private static boolean secret(String key, boolean header, JsonNode value) {
    if (value == null) {
      return false;
    }
    if (header ? JsonDeclarations.secretHeader(key) : JsonDeclarations.secretKey(key)) {
      return true;
    }
    if (value.isString()) {
      String text = value.asString();
      return text.startsWith(CatalogRepository.HASHED) || URL_PASSWORD.matcher(text).find();
    }
    return false;
  }

  /** A value on one line, lists in brackets and maps in braces, with any credential inside it masked. */
  private static String compact(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, "", false, out);
    return out.toString();
  }

  private static void write(JsonNode node, String key, boolean header, StringBuilder out) {
    JsonNode value = normalise(node);
    if (value == null) {
      out.append(NONE);
    } else if (secret(key, header, value)) {
      out.append("(secret)");
    } else if (value.isObject()) {
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (normalise(e.getValue()) != null) {
          out.append(separator).append(e.getKey()).append(": ");
          write(e.getValue(), e.getKey(), key.equals("headers"), out);
          separator = ", ";
        }
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        write(value.get(i), key, false, out);
      }
      out.append(']');
    } else if (value.isString()) {
      String text = value.asString();
      // Specs keep durations as ISO-8601 (PT10M); the plan shows them as the file writes them (10m).
      java.time.Duration duration = text.startsWith("P") ? Durations.parse(text) : null;
      if (duration != null) {
        out.append(CatalogDurations.text(duration));
      } else {
        out.append(PLAIN.matcher(text).matches() ? text : SpecMapper.MAPPER.writeValueAsString(text));
      }
    } else {
      out.append(value);
    }
  }
}
