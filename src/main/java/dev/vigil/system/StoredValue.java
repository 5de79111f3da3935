package dev.vigil.system;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A constant of a closed set kept as text in a column whose check constraint lists the set (a state, a status): the
 * spelling it is stored, sent and shown as, and the way back from a stored value or from what someone typed.
 */
public interface StoredValue {

  /** The value as stored, and as the API and forms spell it. */
  String value();

  /** The value in words, for pages, mail and Markdown: {@code in_review} is "in review". */
  default String words() {
    return value().replace('_', ' ');
  }

  /** The constant of a stored value; a value the check constraint does not allow is a bug, not input. */
  static <E extends Enum<E> & StoredValue> E of(Class<E> type, String value) {
    return parse(type, value).orElseThrow(() -> new IllegalArgumentException(
        "no " + type.getSimpleName() + " '" + value + "'"));
  }

  /** The constant someone asked for, spelled exactly as stored; empty when it is none. */
  static <E extends Enum<E> & StoredValue> Optional<E> parse(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants()).filter(c -> c.value().equals(text)).findFirst();
  }

  /** Every value as stored, in order, for messages that say what is allowed. */
  static <E extends Enum<E> & StoredValue> String listed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(StoredValue::value).collect(Collectors.joining(", "));
  }
}
