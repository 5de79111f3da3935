package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status-update templates replace their placeholders, and nothing else. */
class StatusTemplateTest {

  @Test
  void replacesPlaceholdersWithTheirValues() {
    assertThat(StatusTemplate.render("[{{severity}}] {{ title }} is {{status}} ({{unknown}}) $1 \\",
        Map.of("severity", "SEV1", "title", "DB down", "status", "mitigated")))
        .isEqualTo("[SEV1] DB down is mitigated () $1 \\");
  }

  @Test
  void valuesAreInsertedLiterally() {
    assertThat(StatusTemplate.render("{{message}}", Map.of("message", "costs $5 and {{title}} \\o/")))
        .isEqualTo("costs $5 and {{title}} \\o/");
  }

  @Test
  void theBuiltInTemplateWithoutOne() {
    String text = StatusTemplate.render(null, Map.of("severity", "SEV2", "title", "Search slow", "status",
        "acknowledged", "message", "We are on it.", "impact", "search, api", "customers", "Atlas"));
    assertThat(text).startsWith("[SEV2] Search slow: acknowledged").contains("We are on it.")
        .contains("Affected: search, api").contains("Customers: Atlas");
  }
}
