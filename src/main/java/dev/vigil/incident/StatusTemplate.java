package dev.vigil.incident;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders status-update templates: {@code {{name}}} is replaced by the value of that placeholder. */
final class StatusTemplate {

  /** What a severity without its own template sends. */
  static final String DEFAULT = """
      [{{severity}}] {{title}}: {{status}}

      {{message}}

      Affected: {{impact}}
      Customers: {{customers}}
      Started: {{started_at}}
      Incident: {{url}}""";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

  private StatusTemplate() {}

  /** The template with each placeholder replaced; placeholders without a value become empty. */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template == null ? DEFAULT : template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
