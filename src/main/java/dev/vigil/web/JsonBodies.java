package dev.vigil.web;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says why a JSON body could not be read, naming the field: for request bodies Spring reads, and for parts of a body
 * a controller binds itself.
 */
public final class JsonBodies {

  /** Where Jackson says a limit it enforces comes from, in its messages. */
  private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",? from `[A-Za-z]+Constraints\\.[A-Za-z]+\\(\\)`");

  private JsonBodies() {}

  /** A readable account of why JSON could not be read into the expected type, naming the field. */
  public static String describe(Throwable cause) {
    if (cause instanceof StorableTextModule.Refused r) {
      return (r.getPath().isEmpty() ? "The body " : "Field '" + path(r) + "' ") + r.getOriginalMessage() + ".";
    }
    if (cause instanceof UnrecognizedPropertyException u) {
      return "Unknown field '" + path(u) + "'; known fields: " + u.getKnownPropertyIds().stream()
          .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ".";
    }
    if (cause instanceof InvalidFormatException f) {
      return "Field '" + path(f) + "' has the wrong type or format: expected " + simpleType(f.getTargetType())
          + ", got '" + f.getValue() + "'.";
    }
    if (cause instanceof MismatchedInputException m) {
      String where = m.getPath().isEmpty() ? "The body" : "Field '" + path(m) + "'";
      return where + " has the wrong type: expected " + simpleType(m.getTargetType()) + ".";
    }
    if (cause instanceof StreamReadException s) {
      var location = s.getLocation();
      return "Malformed JSON" + (location == null ? "" : " at line " + location.getLineNr() + ", column "
          + location.getColumnNr()) + ": " + readable(s);
    }
    if (cause instanceof JacksonException j) {
      String where = j.getPath().isEmpty() ? "" : " in field '" + path(j) + "'";
      Throwable root = j.getCause() != null ? j.getCause() : j;
      String message = root instanceof JacksonException rj ? readable(rj) : root.getMessage();
      return "Invalid value" + where + ": " + message;
    }
    return "The request body is missing or is not valid JSON.";
  }

  /**
   * Jackson's own account of a problem in the text of a JSON document, without the names of Jackson's settings
   * that it adds to the limits it enforces (such as {@code , from `StreamReadConstraints.getMaxNestingDepth()`}):
   * those mean nothing to a sender.
   */
  public static String readable(JacksonException e) {
    return CONSTRAINT_SOURCE.matcher(e.getOriginalMessage()).replaceAll("");
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
          .collect(Collectors.joining(", "));
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }
}
