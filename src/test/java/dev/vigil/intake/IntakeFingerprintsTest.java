package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Fingerprints}: Alertmanager's label-set fingerprint, text fingerprints and PagerDuty-shaped dedup keys. */
class IntakeFingerprintsTest {

  @Test
  void anEmptyLabelSetHasTheFnvOffsetAsPrometheusDoes() {
    assertThat(Fingerprints.ofLabels(Map.of())).isEqualTo("cbf29ce484222325");
  }

  @Test
  void aLabelSetHasTheFingerprintAlertmanagerSends() {
    // Sent by Alertmanager 0.25 for these labels (IntakeRealAlertmanagerIT checks it against the real one).
    assertThat(Fingerprints.ofLabels(Map.of("alertname", "DiskFull", "instance", "db-1", "severity", "critical")))
        .isEqualTo("9556f853bb27ef8b");
  }

  @Test
  void labelOrderDoesNotMatterAndRepeatsAgree() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("alertname", "HighLatency");
    one.put("instance", "api-1:9100");
    one.put("severity", "critical");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("severity", "critical");
    other.put("instance", "api-1:9100");
    other.put("alertname", "HighLatency");
    assertThat(Fingerprints.ofLabels(one)).isEqualTo(Fingerprints.ofLabels(other))
        .isEqualTo(Fingerprints.ofLabels(Map.copyOf(one))).matches("[0-9a-f]{16}");
  }

  @Test
  void namesAndValuesDoNotRunTogether() {
    assertThat(Fingerprints.ofLabels(Map.of("ab", "c"))).isNotEqualTo(Fingerprints.ofLabels(Map.of("a", "bc")));
    assertThat(Fingerprints.ofLabels(Map.of("a", "b", "c", "d")))
        .isNotEqualTo(Fingerprints.ofLabels(Map.of("a", "b", "c", "e")));
  }

  @Test
  void textFingerprintsAreStableAndDistinct() {
    assertThat(Fingerprints.ofText("disk full on db-1")).isEqualTo(Fingerprints.ofText("disk full on db-1"))
        .isNotEqualTo(Fingerprints.ofText("disk full on db-2")).matches("[0-9a-f]{32}");
  }

  @Test
  void dedupKeysAreNewUuidsAsHex() {
    Set<String> keys = IntStream.range(0, 1000).mapToObj(i -> Fingerprints.newDedupKey()).collect(Collectors.toSet());
    assertThat(keys).hasSize(1000).allMatch(k -> k.matches("[0-9a-f]{32}"));
  }
}
