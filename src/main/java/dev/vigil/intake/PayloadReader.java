package dev.vigil.intake;

import dev.vigil.web.JsonBodies;
import dev.vigil.web.StorableText;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an incoming JSON payload field by field and collects every problem with the path where it is, such as
 * {@code alerts[3].labels: expected an object, got an array}; adapters read the whole payload before anything is
 * stored, so that a request is taken whole or not at all.
 *
 * <p>Payloads are read as trees rather than bound to classes: Alertmanager and Grafana add fields over time, and
 * those must be ignored, while the application's own JSON binding refuses unknown fields.
 */
final class PayloadReader {

  /** Most alerts or events in one request. */
  static final int MAX_ALERTS = 1_000;
  /** Longest label or annotation value, link or other free text, in characters. */
  static final int MAX_VALUE_LENGTH = 10_240;
  /** Longest label or annotation name, in characters. */
  static final int MAX_NAME_LENGTH = 1_024;
  /** Longest summary, in characters (PagerDuty's limit). */
  static final int MAX_SUMMARY_LENGTH = 1_024;
  /** Longest fingerprint or dedup key, in characters (PagerDuty's limit). */
  static final int MAX_FINGERPRINT_LENGTH = 255;

  /** Enough problems to fix a payload without making the answer to a garbled one huge. */
  private static final int MAX_PROBLEMS = 20;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** RFC 3339 and the ISO 8601 spellings senders use: {@code Z}, {@code +02:00}, {@code +0200}, or no offset (UTC). */
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter(Locale.ROOT)
      .withChronology(IsoChronology.INSTANCE)
      .withResolverStyle(ResolverStyle.STRICT);

  /** Go's zero time, which Alertmanager and Grafana send as the end of an alert that is still firing. */
  private static final String GO_ZERO_TIME_TEXT = "0001-01-01T00:00:00Z";
  private static final Instant GO_ZERO_TIME = Instant.parse(GO_ZERO_TIME_TEXT);
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /**
   * What an alert carries as names and values, and how much of it: enough for any real alert many times over, and
   * small enough that an incident's page, which shows them and refreshes every few seconds, stays small.
   */
  enum Entries {
    /** Labels identify the alert (its fingerprint, routing, grouping): short by nature. */
    LABELS("labels", 100, 16_384),
    /** Annotations describe it: descriptions, log tails, values. */
    ANNOTATIONS("annotations", 100, 65_536);

    final String what;
    final int max;
    final int maxCharacters;

    Entries(String what, int max, int maxCharacters) {
      this.what = what;
      this.max = max;
      this.maxCharacters = maxCharacters;
    }
  }

  /** What to do with a value over its length limit. */
  enum Overflow {
    /** A problem: the value is the sender's own and it can send a shorter one. */
    REJECT,
    /** Cut it short: descriptive text from a monitoring tool is better stored in part than the alert lost. */
    TRUNCATE
  }

  private final List<String> problems = new ArrayList<>();
  /**
   * Times already read in this payload, by their text: the alerts of one rule evaluation share their start, and
   * parsing a time is a good part of reading an alert.
   */
  private final Map<String, Instant> times = new HashMap<>();
  private int dropped;

  /**
   * The whole body of a request, as sent, whatever its Content-Type says: senders that cannot set one (curl's
   * {@code -d} sends a form's type, some tools {@code *}{@code /*}) still send JSON.
   */
  static byte[] read(InputStream body) {
    try {
      return body.readAllBytes();
    } catch (IOException e) {
      throw new InvalidPayloadException(List.of("body: could not be read to its end"));
    }
  }

  /**
   * Parses a request body as JSON; anything that is not one JSON value is a problem of the body, and so are bytes
   * that are not well-formed UTF-8, which Jackson would read (an overlong {@code /} as {@code /}).
   */
  static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidPayloadException(List.of("body: is empty; expected a JSON object"));
    }
    try {
      StorableText.checkUtf8(body);
    } catch (StorableText.MalformedException e) {
      throw new InvalidPayloadException(List.of("body: " + e.getMessage()));
    }
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      // Trailing content is the one binding error a tree read raises; its own message names Jackson's internals.
      String why = e instanceof MismatchedInputException ? "unexpected content after the end of the JSON value"
          : JsonBodies.readable(e);
      throw new InvalidPayloadException(List.of("body: malformed JSON" + where + ": " + why));
    }
  }

  void problem(String path, String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(path + ": " + message);
    } else {
      dropped++;
    }
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  /** How many problems were found so far, to tell whether reading one part found any. */
  int problemCount() {
    return problems.size() + dropped;
  }

  /** Throws every problem found so far, if there is any. */
  void throwIfInvalid() {
    if (problems.isEmpty()) {
      return;
    }
    List<String> all = new ArrayList<>(problems);
    if (dropped > 0) {
      all.add("and " + dropped + " more problems");
    }
    throw new InvalidPayloadException(all);
  }

  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** The object at {@code path}; null when absent, or when it is something else (a problem). */
  JsonNode object(JsonNode node, String path) {
    if (absent(node)) {
      return null;
    }
    if (!node.isObject()) {
      problem(path, "expected an object, got " + kind(node));
      return null;
    }
    return node;
  }

  /** The elements of the array at {@code path}; none when absent or when it is something else (a problem). */
  List<JsonNode> array(JsonNode node, String path, int max, String what) {
    if (absent(node)) {
      return List.of();
    }
    if (!node.isArray()) {
      problem(path, "expected an array, got " + kind(node));
      return List.of();
    }
    if (node.size() > max) {
      problem(path, String.format(Locale.ROOT, "at most %,d %s per request, got %,d", max, what, node.size()));
      return List.of();
    }
    List<JsonNode> elements = new ArrayList<>(node.size());
    node.forEach(elements::add);
    return elements;
  }

  /** The string at {@code path}; null when absent, or when it is not a storable string of at most {@code max}. */
  String text(JsonNode node, String path, int max) {
    return text(node, path, max, Overflow.REJECT);
  }

  String text(JsonNode node, String path, int max, Overflow overflow) {
    if (absent(node)) {
      return null;
    }
    if (!node.isString()) {
      problem(path, "expected a string, got " + kind(node));
      return null;
    }
    return checked(node.stringValue(), path, max, overflow);
  }

  /** Like {@link #text}, and a problem when absent or blank. */
  String requiredText(JsonNode node, String path, int max) {
    String value = text(node, path, max);
    if (value == null && absent(node)) {
      problem(path, "is required");
    } else if (value != null && value.isBlank()) {
      problem(path, "must not be blank");
      return null;
    }
    return value;
  }

  private String checked(String value, String path, int max, Overflow overflow) {
    String unstorable = StorableText.problem(value);
    if (unstorable != null) {
      problem(path, unstorable);
      return null;
    }
    if (value.length() > max) {
      if (overflow == Overflow.TRUNCATE) {
        return truncate(value, max);
      }
      problem(path, String.format(Locale.ROOT, "at most %,d characters, got %,d", max, value.length()));
      return null;
    }
    return value;
  }

  /**
   * The string-to-string object at {@code path}, such as labels or annotations, in the sender's order; empty when
   * absent. Names are at most {@link #MAX_NAME_LENGTH}, values at most {@link #MAX_VALUE_LENGTH} characters, and
   * the whole within the limits of {@code entries}.
   */
  Map<String, String> stringMap(JsonNode node, String path, Entries entries, Overflow overflow) {
    Map<String, String> map = new LinkedHashMap<>();
    JsonNode object = object(node, path);
    if (object == null || !countWithin(entries, path, object.size())) {
      return map;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String name = entry.getKey();
      String where = path + "." + name;
      String unstorable = StorableText.problem(name);
      if (unstorable != null) {
        problem(path, "a name " + unstorable);
        continue;
      }
      if (name.length() > MAX_NAME_LENGTH) {
        problem(path, String.format(Locale.ROOT, "names are at most %,d characters, got one of %,d",
            MAX_NAME_LENGTH, name.length()));
        continue;
      }
      String value = text(entry.getValue(), where, MAX_VALUE_LENGTH, overflow);
      if (value == null && absent(entry.getValue())) {
        problem(where, "expected a string, got null");
      } else if (value != null) {
        map.put(name, value);
      }
    }
    sizeWithin(entries, path, map);
    return map;
  }

  /** Whether an alert may carry {@code count} {@code entries}; a problem when it may not. */
  boolean countWithin(Entries entries, String path, int count) {
    if (count <= entries.max) {
      return true;
    }
    problem(path, String.format(Locale.ROOT, "at most %,d %s per alert, got %,d", entries.max, entries.what, count));
    return false;
  }

  /** A problem when the names and values of {@code map} are more characters than an alert's {@code entries}. */
  void sizeWithin(Entries entries, String path, Map<String, String> map) {
    long characters = 0;
    for (Map.Entry<String, String> entry : map.entrySet()) {
      characters += entry.getKey().length() + entry.getValue().length();
    }
    if (characters > entries.maxCharacters) {
      problem(path, String.format(Locale.ROOT, "at most %,d characters of names and values per alert, got %,d",
          entries.maxCharacters, characters));
    }
  }

  /**
   * A JSON value as an annotation's text: a string as it is, anything else as JSON, cut at
   * {@link #MAX_VALUE_LENGTH} characters; null when it cannot be stored (a problem).
   */
  String jsonText(JsonNode value, String path) {
    String text = value.isString() ? value.stringValue() : value.toString();
    String unstorable = StorableText.problem(text);
    if (unstorable != null) {
      problem(path, unstorable);
      return null;
    }
    return truncate(text, MAX_VALUE_LENGTH);
  }

  /** The time at {@code path}; null when absent, empty or Go's zero time. */
  Instant time(JsonNode node, String path) {
    String text = text(node, path, 64);
    if (text == null || text.isBlank() || text.equals(GO_ZERO_TIME_TEXT)) {
      // Go's zero time is how Alertmanager says "no end" for every firing alert: common enough to skip parsing.
      return null;
    }
    Instant known = times.get(text);
    if (known != null) {
      return known;
    }
    Instant instant;
    try {
      TemporalAccessor parsed = TIME.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
      instant = parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      problem(path, "expected an RFC 3339 time such as 2026-01-05T09:00:00Z, got '" + text + "'");
      return null;
    }
    if (instant.equals(GO_ZERO_TIME)) {
      return null;
    }
    if (instant.isBefore(GO_ZERO_TIME) || instant.isAfter(LATEST)) {
      problem(path, "the year must be between 1 and 9999, got '" + text + "'");
      return null;
    }
    times.put(text, instant);
    return instant;
  }

  /**
   * The http(s) URL at {@code path}; null when absent or blank. A URL of another scheme (which a browser might run,
   * such as javascript:) or over {@link #MAX_VALUE_LENGTH} is a problem when {@code strict}, and else left out: a
   * monitoring tool's odd link is no reason to lose its alert.
   */
  String webUrl(JsonNode node, String path, boolean strict) {
    String text = text(node, path, Integer.MAX_VALUE);
    if (text == null || text.isBlank()) {
      return null;
    }
    String url = text.strip();
    if (url.length() > MAX_VALUE_LENGTH) {
      if (strict) {
        problem(path, String.format(Locale.ROOT, "at most %,d characters, got %,d", MAX_VALUE_LENGTH, url.length()));
      }
      return null;
    }
    if (!isWebUrl(url)) {
      if (strict) {
        problem(path, "expected an http or https URL, got '" + truncate(url, 100) + "'");
      }
      return null;
    }
    return url;
  }

  /**
   * Whether {@code url} is http(s) with something after the scheme and no spaces or control characters. Senders'
   * URLs are not always strictly encoded (braces, pipes in PromQL), so this does not insist on RFC 3986.
   */
  static boolean isWebUrl(String url) {
    int start = url.regionMatches(true, 0, "https://", 0, 8) ? 8 : url.regionMatches(true, 0, "http://", 0, 7) ? 7 : -1;
    if (start < 0 || url.length() == start) {
      return false;
    }
    return url.chars().noneMatch(c -> c <= 0x20 || c == 0x7f);
  }

  /** A problem for each field of {@code object} that is not one of {@code known}. */
  void onlyKnownFields(JsonNode object, String path, Collection<String> known) {
    for (String name : object.propertyNames()) {
      if (!known.contains(name)) {
        problem(path.isEmpty() ? name : path + "." + name,
            "unknown field; known fields: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** A JSON value's kind as a person says it, for messages. */
  static String kind(JsonNode node) {
    if (absent(node)) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case BINARY -> "binary data";
      case MISSING, NULL -> "null";
    };
  }

  /** Cuts {@code s} to at most {@code max} characters, ending with an ellipsis, never inside a surrogate pair. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
