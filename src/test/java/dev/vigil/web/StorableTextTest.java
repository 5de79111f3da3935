package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StorableText}: which text can be stored, and which bytes are well-formed UTF-8. */
class StorableTextTest {

  @Test
  void textPostgresCannotStoreExactlyIsNamed() {
    assertThat(StorableText.problem("plain ✓ 🚨")).isNull();
    assertThat(StorableText.problem("nul\0")).startsWith("contains a NUL character");
    assertThat(StorableText.problem("lone \ud83d")).startsWith("contains a lone surrogate (U+D83D");
    assertThat(StorableText.problem("\ude00 low first")).startsWith("contains a lone surrogate (U+DE00");
    assertThat(StorableText.problem("pair last \ud83d\udea8")).isNull();
    assertThat(StorableText.storable("")).isTrue();
  }

  @Test
  void quotedTextHasNoControlCharactersOrHalfPairs() {
    assertThat(StorableText.printable("labels.a\nFAKE LOG LINE\u001b[31m")).isEqualTo("labels.a?FAKE LOG LINE?[31m");
    assertThat(StorableText.printable("a\0b\ud800c 🚨")).isEqualTo("a?b?c 🚨");
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void overlongFormsEncodedSurrogatesAndStrayBytesAreRefusedWithWhereTheyStart() {
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes('{', '"', 'a', '"', ':', '\n', ' ', '"', 'x', 0xC3)))
        .isInstanceOf(StorableText.MalformedException.class).hasMessage("not valid UTF-8 at line 2, column 4:"
            + " a sequence cut short at the end")
        .satisfies(e -> assertThat(((StorableText.MalformedException) e).line()).isEqualTo(2));
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes('a', 0xC0, 0xAF)))
        .hasMessage("not valid UTF-8 at line 1, column 2: an overlong form");
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes(0xE0, 0x80, 0xAF)))
        .hasMessage("not valid UTF-8 at line 1, column 1: an overlong form");
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes('é' >> 6 | 0xC0, 'é' & 0x3F | 0x80, 0xED, 0xA0, 0x80)))
        .hasMessage("not valid UTF-8 at line 1, column 2: an encoded surrogate");
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes(0xF4, 0x90, 0x80, 0x80)))
        .hasMessage("not valid UTF-8 at line 1, column 1: a code point above U+10FFFF");
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes(0x80)))
        .hasMessage("not valid UTF-8 at line 1, column 1: a continuation byte without a lead byte");
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes(0xC3, 'a')))
        .hasMessage("not valid UTF-8 at line 1, column 1: a sequence cut short");
    assertThatThrownBy(() -> StorableText.checkUtf8(bytes(0xFF)))
        .hasMessage("not valid UTF-8 at line 1, column 1: a byte that never occurs in UTF-8");
  }

  /** Agrees with the JDK's strict decoder on random bytes, fed in random pieces. */
  @Test
  void agreesWithTheJdksDecoderWhateverThePieces() {
    Random random = new Random(20261207L);
    int malformed = 0;
    for (int run = 0; run < 20_000; run++) {
      byte[] input = new byte[random.nextInt(12)];
      for (int i = 0; i < input.length; i++) {
        // Mostly bytes that start or continue sequences, so that both outcomes are common.
        input[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
      }
      boolean jdk;
      try {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(input));
        jdk = true;
      } catch (java.nio.charset.CharacterCodingException e) {
        jdk = false;
      }
      StorableText.Utf8Check check = new StorableText.Utf8Check();
      boolean ours;
      try {
        int at = 0;
        while (at < input.length) {
          int n = 1 + random.nextInt(input.length - at);
          check.accept(input, at, n);
          at += n;
        }
        check.end();
        ours = true;
      } catch (StorableText.MalformedException e) {
        ours = false;
      }
      assertThat(ours).as("%s", java.util.HexFormat.of().formatHex(input)).isEqualTo(jdk);
      malformed += ours ? 0 : 1;
    }
    assertThat(malformed).as("both outcomes tried").isBetween(1_000, 19_000);
  }
}
