package dev.vigil.generate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The YAML the generator writes, by hand so that the bytes never depend on a library's version: every scalar a
 * double-quoted string, multi-line expressions as literal blocks, map keys sorted.
 */
final class Yaml {

  private final StringBuilder out = new StringBuilder();

  Yaml(String header) {
    out.append(header);
  }

  /** {@code key: "value"} at this indentation. */
  Yaml field(int indent, String key, String value) {
    return line(indent, key + ": " + quote(value));
  }

  /** {@code key: value} with the value written as it is (a number, a list, an empty map). */
  Yaml raw(int indent, String key, String value) {
    return line(indent, key + ": " + value);
  }

  /** A PromQL expression: quoted on one line, or a literal block when it has several. */
  Yaml expr(int indent, String key, String expr) {
    if (!expr.contains("\n")) {
      return field(indent, key, expr);
    }
    line(indent, key + ": |-");
    expr.lines().forEach(l -> line(indent + 2, l));
    return this;
  }

  /** A mapping of text to text, keys sorted, under {@code key}. */
  Yaml map(int indent, String key, Map<String, String> values) {
    if (values.isEmpty()) {
      return raw(indent, key, "{}");
    }
    line(indent, key + ":");
    new TreeMap<>(values).forEach((k, v) -> field(indent + 2, k, v));
    return this;
  }

  Yaml line(int indent, String text) {
    out.append(" ".repeat(indent)).append(text).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A YAML double-quoted scalar, which reads back as exactly the text. */
  static String quote(String text) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\x%02x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
