package dev.vigil.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Identities of alerts whose sender gives none: the same alert always gets the same fingerprint. */
final class Fingerprints {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  /** Cannot occur in UTF-8, so no two label sets run together into the same bytes. */
  private static final int SEPARATOR = 0xff;

  private Fingerprints() {}

  /**
   * The fingerprint of a label set, independent of the labels' order. It is the one Prometheus and Alertmanager
   * compute (64-bit FNV-1a over the labels sorted by name, as 16 hex digits), so an alert from an Alertmanager too
   * old to send its fingerprint keeps its identity when Alertmanager is upgraded.
   */
  static String ofLabels(Map<String, String> labels) {
    List<String> names = new ArrayList<>(labels.keySet());
    names.sort(Fingerprints::compareUtf8);
    long hash = FNV_OFFSET;
    for (String name : names) {
      hash = add(hash, name.getBytes(StandardCharsets.UTF_8));
      hash = add(hash, SEPARATOR);
      hash = add(hash, labels.get(name).getBytes(StandardCharsets.UTF_8));
      hash = add(hash, SEPARATOR);
    }
    return String.format("%016x", hash);
  }

  /** The fingerprint of a free text, for events that have neither a fingerprint nor labels. */
  static String ofText(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A new random dedup key, shaped like PagerDuty's: a UUID as 32 hex digits. */
  static String newDedupKey() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static long add(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash = add(hash, b & 0xff);
    }
    return hash;
  }

  private static long add(long hash, int b) {
    return (hash ^ b) * FNV_PRIME;
  }

  /** Go compares strings by their UTF-8 bytes, which is code point order, not Java's UTF-16 order. */
  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
