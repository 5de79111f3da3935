package dev.vigil.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The duration forms a catalog accepts. */
class DurationsTest {

  @ParameterizedTest
  @CsvSource({
      "30s, PT30S",
      "5m, PT5M",
      "1h30m, PT1H30M",
      "2d, PT48H",
      "1w, PT168H",
      "1w2d3h4m5s, PT219H4M5S",
      "0s, PT0S",
      "PT5M, PT5M",
      "P1DT12H, PT36H",
      "PT0.5S, PT0.5S"
  })
  void readsShortAndIsoForms(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    assertThat(Pattern.compile(Durations.PATTERN).matcher(text).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 m", "1m1h", "1y", "-5m", "-PT5M", "P", "PT", "5min", "1.5h", "P1W",
      "99999999999999999999w", "9999999999999999w"})
  void rejectsEverythingElse(String text) {
    assertThat(Durations.parse(text)).isNull();
  }
}
