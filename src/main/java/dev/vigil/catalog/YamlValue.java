package dev.vigil.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a YAML document as the catalog checks see it: aliases and merge keys already expanded, and
 * every node carrying the line and column where it starts.
 */
sealed interface YamlValue permits YamlValue.Scalar, YamlValue.Mapping, YamlValue.Sequence {

  Mark mark();

  /** A position in the file, 1-based like editors show it. */
  record Mark(int line, int column) {}

  /**
   * A scalar: {@code text} is the value after interpolation, {@code source} the text as written.
   * {@code unresolved} marks a value whose interpolation failed; it was reported already, so the checks
   * leave it alone rather than complain about the unexpanded ${...} text.
   */
  record Scalar(Mark mark, String text, boolean isNull, String source, boolean interpolated, boolean unresolved)
      implements YamlValue {

    static Scalar of(Mark mark, String text, boolean isNull) {
      return new Scalar(mark, text, isNull, text, false, false);
    }

    /**
     * How to quote this value in a message. An interpolated value may be a secret read from the
     * environment or a file, so messages show what was written instead.
     */
    String shown() {
      String s = interpolated ? source : text;
      if (s.length() > 60) {
        s = s.substring(0, 57) + "...";
      }
      return "'" + s + "'" + (interpolated ? " (after interpolation)" : "");
    }
  }

  /** A key of a mapping with its value. */
  record Entry(Scalar key, YamlValue value) {}

  /** A mapping; it keeps duplicate keys so that the checks can report them. */
  record Mapping(Mark mark, List<Entry> entries) implements YamlValue {

    public Mapping {
      entries = List.copyOf(entries);
    }

    /** The value of the first entry with this key, or null. */
    YamlValue get(String key) {
      for (Entry e : entries) {
        if (e.key().text().equals(key)) {
          return e.value();
        }
      }
      return null;
    }

    /** The text of a non-null scalar under this key, or null when absent or not a scalar. */
    String text(String key) {
      return YamlValue.text(get(key));
    }

    /** The items of a list under this key that are mappings; empty when absent or not a list. */
    List<Mapping> mappings(String key) {
      return YamlValue.mappings(get(key));
    }
  }

  /** A list. */
  record Sequence(Mark mark, List<YamlValue> items) implements YamlValue {

    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** The text of a non-null scalar, or null for anything else. */
  static String text(YamlValue value) {
    return value instanceof Scalar s && !s.isNull() ? s.text() : null;
  }

  /** The items of a list that are mappings; empty for anything that is not a list. */
  static List<Mapping> mappings(YamlValue value) {
    List<Mapping> out = new ArrayList<>();
    if (value instanceof Sequence seq) {
      for (YamlValue item : seq.items()) {
        if (item instanceof Mapping m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** True when the value is absent or written as null ({@code ~}, {@code null} or nothing). */
  static boolean isAbsent(YamlValue value) {
    return value == null || value instanceof Scalar s && s.isNull();
  }

  /** Describes a value for "expected X, got Y" messages. */
  static String describe(YamlValue value) {
    return switch (value) {
      case Scalar s when s.isNull() -> "nothing";
      case Scalar s -> s.shown();
      case Mapping m -> "a mapping";
      case Sequence s -> "a list";
    };
  }
}
