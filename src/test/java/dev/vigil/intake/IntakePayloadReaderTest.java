package dev.vigil.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link PayloadReader}: parsing, times, text that PostgreSQL can store, truncation and the problem list. */
class IntakePayloadReaderTest {

  static JsonNode json(String text) {
    return PayloadReader.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThatThrownBy(() -> json("{\"a\":\n }")).isInstanceOf(InvalidPayloadException.class)
        .hasMessageStartingWith("body: malformed JSON at line 2, column 2");
    assertThatThrownBy(() -> json("{} {}"))
        .hasMessage("body: malformed JSON at line 1, column 4: unexpected content after the end of the JSON value");
    assertThatThrownBy(() -> json("{} trailing")).hasMessageStartingWith("body: malformed JSON");
    assertThatThrownBy(() -> PayloadReader.parse(new byte[0])).hasMessage("body: is empty; expected a JSON object");
    assertThatThrownBy(() -> PayloadReader.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b}))
        .isInstanceOf(InvalidPayloadException.class);
    assertThatThrownBy(() -> json("[".repeat(5000))).isInstanceOf(InvalidPayloadException.class);
  }

  @Test
  void timesInTheSpellingsSendersUse() {
    PayloadReader reader = new PayloadReader();
    assertThat(reader.time(json("\"2026-03-01T10:00:00Z\""), "t")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(reader.time(json("\"2026-03-01T10:00:00.5+02:00\""), "t"))
        .isEqualTo(Instant.parse("2026-03-01T08:00:00.5Z"));
    assertThat(reader.time(json("\"2026-03-01T10:00:00-0130\""), "t")).isEqualTo(Instant.parse("2026-03-01T11:30:00Z"));
    assertThat(reader.time(json("\"2026-03-01T10:00:00\""), "t")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(reader.time(json("\"0001-01-01T00:00:00Z\""), "t")).as("Go's zero time").isNull();
    assertThat(reader.time(json("\"\""), "t")).isNull();
    assertThat(reader.hasProblems()).isFalse();
    assertThat(reader.time(json("\"2026-02-30T00:00:00Z\""), "t")).isNull();
    assertThat(reader.time(json("1700000000"), "u")).isNull();
    assertThatThrownBy(reader::throwIfInvalid).isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("t: expected an RFC 3339 time").hasMessageContaining("u: expected a string, got a number");
  }

  @Test
  void textPostgresCannotStoreIsAProblemNamingWhere() {
    PayloadReader reader = new PayloadReader();
    assertThat(reader.text(json("\"plain ✓ 🚨\""), "a", 100)).isEqualTo("plain ✓ 🚨");
    assertThat(reader.text(json("\"nul\\u0000\""), "b", 100)).isNull();
    assertThat(reader.text(json("\"lone \\ud83d!\""), "d", 100)).isNull();
    assertThat(reader.stringMap(json("{\"x\\u0000\": \"v\"}"), "c", PayloadReader.Entries.LABELS,
        PayloadReader.Overflow.REJECT)).isEmpty();
    assertThatThrownBy(reader::throwIfInvalid).isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("b: contains a NUL character").hasMessageContaining("d: contains a lone surrogate")
        .hasMessageContaining("c: a name contains a NUL character");
  }

  @Test
  void truncationNeverSplitsASurrogatePair() {
    assertThat(PayloadReader.truncate("abcdef", 4)).isEqualTo("abc…");
    assertThat(PayloadReader.truncate("ab🚨def", 4)).isEqualTo("ab…");
    assertThat(PayloadReader.truncate("abc", 4)).isEqualTo("abc");
  }

  @Test
  void webUrls() {
    assertThat(PayloadReader.isWebUrl("https://grafana.example.com/d/x?var-a={a|b}")).isTrue();
    assertThat(PayloadReader.isWebUrl("HTTP://h")).isTrue();
    assertThat(PayloadReader.isWebUrl("javascript:alert(1)")).isFalse();
    assertThat(PayloadReader.isWebUrl("https://")).isFalse();
    assertThat(PayloadReader.isWebUrl("https://a b")).isFalse();
  }

  @Test
  void aGarbledPayloadGetsABoundedList() {
    PayloadReader reader = new PayloadReader();
    for (int i = 0; i < 50; i++) {
      reader.problem("alerts[" + i + "]", "expected an object, got a number");
    }
    try {
      reader.throwIfInvalid();
    } catch (InvalidPayloadException e) {
      assertThat(e.problems()).hasSize(21).last().isEqualTo("and 30 more problems");
      return;
    }
    throw new AssertionError("expected problems");
  }
}
