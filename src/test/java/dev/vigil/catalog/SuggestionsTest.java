package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "did you mean" hints. */
class SuggestionsTest {

  private static final List<String> KEYS = List.of("name", "team", "tier", "depends_on", "escalation_policy");

  @Test
  void suggestsTheClosestWordWhenItIsAPlausibleTypo() {
    assertThat(Suggestions.closest("depend_on", KEYS)).isEqualTo("depends_on");
    assertThat(Suggestions.closest("escalation-policy", KEYS)).isEqualTo("escalation_policy");
    assertThat(Suggestions.closest("dependsOn", KEYS)).isEqualTo("depends_on");
    assertThat(Suggestions.closest("teir", KEYS)).isEqualTo("tier");
    assertThat(Suggestions.hint("nmae", KEYS)).isEqualTo(" (did you mean 'name'?)");
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertThat(Suggestions.closest("owner", KEYS)).isNull();
    assertThat(Suggestions.closest("x", KEYS)).isNull();
    assertThat(Suggestions.hint("colour", KEYS)).isEmpty();
    assertThat(Suggestions.closest("anything", List.of())).isNull();
  }

  @Test
  void measuresEditDistance() {
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("same", "same")).isZero();
    assertThat(Suggestions.distance("tier", "teir")).isEqualTo(1);
  }
}
