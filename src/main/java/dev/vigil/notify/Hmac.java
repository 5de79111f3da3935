package dev.vigil.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The keyed hashes that sign outgoing webhooks and action links and check Slack's and Twilio's requests. */
final class Hmac {

  private Hmac() {}

  static byte[] sha256(byte[] key, byte[] data) {
    return mac("HmacSHA256", key, data);
  }

  static byte[] sha256(byte[] key, String data) {
    return sha256(key, data.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(String key, String data) {
    return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8), data));
  }

  static byte[] sha1(String key, String data) {
    return mac("HmacSHA1", key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares in constant time, so that a forger learns nothing from how long a refusal took. */
  static boolean equal(String expected, String given) {
    if (expected == null || given == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] mac(String algorithm, byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
