package dev.vigil.slo;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** YAML as both sides write it: block style, lists indented under their key, numbers without trailing zeros. */
final class OpenSloYaml {

  /** Vigil's own SLIs in OpenSLO: the metric source types only Vigil reads. */
  static final String PROBE = "vigil-probe";
  static final String INCIDENTS = "vigil-incidents";
  static final String PROMETHEUS = "Prometheus";

  /** The prefix of the annotations that carry what OpenSLO has no field for, so that it comes back on import. */
  static final String ANNOTATION = "vigil.dev/";
  static final String ALERTING = ANNOTATION + "alerting";
  static final String BUDGET_THRESHOLDS = ANNOTATION + "budget-thresholds";
  static final String SHORT_WINDOW = ANNOTATION + "short-window";

  /** The notification target of the alert policies Vigil writes: its own escalation policies. */
  static final String NOTIFICATION_TARGET = "vigil";

  /** A credential as a reference to the environment, the only form in which one crosses over. */
  static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

  private OpenSloYaml() {}

  static String dumpAll(List<?> documents) {
    return yaml().dumpAll(documents.iterator());
  }

  static String dump(Object document) {
    return yaml().dump(document);
  }

  /** A decimal as people write it: {@code 0.999}, {@code 14.4}, {@code 100}. */
  static Number number(BigDecimal value) {
    BigDecimal plain = value.stripTrailingZeros();
    return plain.scale() <= 0 ? (Number) plain.toBigIntegerExact() : plain;
  }

  static Number number(double value) {
    return number(BigDecimal.valueOf(value));
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setExplicitStart(false);
    return new Yaml(options);
  }
}
