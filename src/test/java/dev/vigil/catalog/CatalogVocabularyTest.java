package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.AlertSeverity;
import dev.vigil.security.Role;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The catalog sits below the features that own alert severities and roles, so its schema spells their values out;
 * this holds those lists to {@link AlertSeverity} and {@link Role}, so that a value added to either reaches the file.
 */
class CatalogVocabularyTest {

  @Test
  void alertSeveritiesAreTheIncidentsOwn() {
    assertThat(CatalogSchema.ALERT_SEVERITIES)
        .containsExactlyElementsOf(Arrays.stream(AlertSeverity.values()).map(AlertSeverity::value).toList());
  }

  @Test
  void aUserMayHaveEveryRoleButThoseOfMachines() {
    // Agents and deploy pipelines act through tokens only, never as a person signed in.
    assertThat(CatalogSchema.ROLES).containsExactlyElementsOf(Arrays.stream(Role.values())
        .filter(r -> r != Role.AGENT && r != Role.DEPLOYER).map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    assertThat(CatalogSchema.ROLES).contains(CatalogBinder.DEFAULT_ROLE);
  }
}
