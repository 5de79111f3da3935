package dev.vigil.catalog;

import dev.vigil.catalog.YamlValue.Entry;
import dev.vigil.catalog.YamlValue.Mapping;
import dev.vigil.catalog.YamlValue.Scalar;
import dev.vigil.catalog.YamlValue.Sequence;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Fills in {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${file:/path}} in scalar values so secrets
 * can stay out of the file; <code>$${</code> writes a literal <code>${</code>. Keys are never interpolated.
 */
final class Interpolator {

  /** A secret file is a few bytes; this only stops a mistaken path from reading something huge. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Function<String, String> environment;
  private final Path baseDirectory;

  /** {@code baseDirectory} resolves relative {@code ${file:...}} paths: the catalog file's own directory. */
  Interpolator(Function<String, String> environment, Path baseDirectory) {
    this.environment = environment;
    this.baseDirectory = baseDirectory;
  }

  /** The result of interpolating one text; {@code errors} say why a reference could not be filled in. */
  record Result(String text, boolean interpolated, List<String> errors) {}

  YamlValue interpolate(YamlValue value, Problems problems) {
    return switch (value) {
      case Scalar s when s.isNull() -> s;
      case Scalar s -> {
        Result r = resolve(s.text());
        r.errors().forEach(message -> problems.error(s.mark(), message));
        yield new Scalar(s.mark(), r.text(), false, s.text(), r.interpolated(), !r.errors().isEmpty());
      }
      case Mapping m -> {
        List<Entry> entries = new ArrayList<>();
        for (Entry e : m.entries()) {
          entries.add(new Entry(e.key(), interpolate(e.value(), problems)));
        }
        yield new Mapping(m.mark(), entries);
      }
      case Sequence s -> new Sequence(s.mark(), s.items().stream().map(i -> interpolate(i, problems)).toList());
    };
  }

  Result resolve(String text) {
    if (!text.contains("$")) {
      return new Result(text, false, List.of());
    }
    StringBuilder out = new StringBuilder();
    List<String> errors = new ArrayList<>();
    boolean interpolated = false;
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          errors.add("unterminated '${' (missing '}'); write '$${' for a literal '${'");
          out.append(text, i, text.length());
          break;
        }
        interpolated = true;
        out.append(lookup(text.substring(i + 2, end), errors));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return new Result(out.toString(), interpolated, errors);
  }

  private String lookup(String reference, List<String> errors) {
    if (reference.startsWith("file:")) {
      return readFile(reference.substring("file:".length()), errors);
    }
    int colon = reference.indexOf(":-");
    String name = colon < 0 ? reference : reference.substring(0, colon);
    if (!VARIABLE_NAME.matcher(name).matches()) {
      errors.add("'${" + reference + "}' is not a valid reference; use ${NAME}, ${NAME:-default} or ${file:/path}");
      return "";
    }
    String value = environment.apply(name);
    if (colon >= 0 && (value == null || value.isEmpty())) {
      return reference.substring(colon + 2);
    }
    if (value == null) {
      errors.add("environment variable " + name + " is not set (give a default with ${" + name + ":-value})");
      return "";
    }
    return value;
  }

  private String readFile(String pathText, List<String> errors) {
    if (pathText.isBlank()) {
      errors.add("'${file:}' needs a path, such as ${file:/run/secrets/key}");
      return "";
    }
    Path path;
    try {
      path = baseDirectory.resolve(pathText);
    } catch (InvalidPathException e) {
      errors.add("'" + pathText + "' is not a valid path");
      return "";
    }
    // Only regular files: a device such as /dev/zero or a FIFO would never end or block the load.
    if (!Files.isRegularFile(path)) {
      errors.add("cannot read " + pathText + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
      return "";
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        errors.add("cannot read " + pathText + ": larger than " + MAX_FILE_BYTES + " bytes");
        return "";
      }
      String content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      // Secret files usually end with a line break that is not part of the secret.
      int end = content.length();
      while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
        end--;
      }
      return content.substring(0, end);
    } catch (CharacterCodingException e) {
      errors.add("cannot read " + pathText + ": not UTF-8 text");
    } catch (AccessDeniedException e) {
      errors.add("cannot read " + pathText + ": permission denied");
    } catch (IOException e) {
      errors.add("cannot read " + pathText + ": " + e.getClass().getSimpleName());
    }
    return "";
  }
}
