package dev.vigil.catalog;

import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, text, numbers and booleans as indented JSON with a stable key order, so the
 * generated schema file only changes when the format does.
 */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.append('\n').toString();
  }

  private static void write(Object value, StringBuilder out, String indent) {
    switch (value) {
      case null -> out.append("null");
      case Map<?, ?> map when map.isEmpty() -> out.append("{}");
      case Map<?, ?> map -> {
        out.append("{\n");
        String inner = indent + "  ";
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.append(inner);
          string(String.valueOf(e.getKey()), out);
          out.append(": ");
          write(e.getValue(), out, inner);
          out.append(++i < map.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
      }
      case List<?> list when list.stream().noneMatch(v -> v instanceof Map || v instanceof List) -> {
        // Lists of plain values (enums, required keys) read best on one line.
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i > 0 ? ", " : "");
          write(list.get(i), out, indent);
        }
        out.append(']');
      }
      case List<?> list -> {
        out.append("[\n");
        String inner = indent + "  ";
        for (int i = 0; i < list.size(); i++) {
          out.append(inner);
          write(list.get(i), out, inner);
          out.append(i + 1 < list.size() ? ",\n" : "\n");
        }
        out.append(indent).append(']');
      }
      case String s -> string(s, out);
      case Double d -> out.append(SchemaValidator.format(d));
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      default -> throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
