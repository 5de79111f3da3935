package dev.vigil.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that Vigil must be able to show again (integration keys) with AES-256-GCM, and hashes those it
 * only needs to recognise (API tokens, incoming keys).
 */
@Component
public class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;

  private final SecretKeySpec key;

  /**
   * @param secretKey base64 of a 256-bit key ({@code vigil.security.secret-key}, {@code VIGIL_SECRET_KEY}); when
   *     blank a key is generated in the data directory, and nodes sharing a database must then share that file
   */
  public SecretBox(@Value("${vigil.security.secret-key:}") String secretKey, SystemProperties system) {
    this.key = new SecretKeySpec(loadKey(secretKey, system), "AES");
  }

  private static byte[] loadKey(String secretKey, SystemProperties system) {
    if (secretKey != null && !secretKey.isBlank()) {
      byte[] key = Base64.getDecoder().decode(secretKey.trim());
      if (key.length != 32) {
        throw new IllegalStateException("VIGIL_SECRET_KEY must be the base64 of 32 bytes, got " + key.length);
      }
      return key;
    }
    if (system.database().external()) {
      log.warn("VIGIL_SECRET_KEY is not set: integration keys are encrypted with a key in {}; "
          + "other nodes on the same database need the same key", system.dataDir());
    }
    Path file = system.dataDir().resolve("secret.key");
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      Files.createDirectories(system.dataDir());
      byte[] key = randomBytes(32);
      Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret key " + file, e);
    }
  }

  public byte[] encrypt(String plaintext) {
    try {
      byte[] nonce = randomBytes(NONCE_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(byte[] box) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, box, 0, NONCE_BYTES));
      return new String(cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored secret cannot be decrypted: was VIGIL_SECRET_KEY changed?", e);
    }
  }

  /**
   * A 256-bit key for one purpose (such as signing action links), derived from the secret key with HMAC-SHA256 over
   * the purpose's name: each use gets its own key, none of them is the encryption key, and all nodes sharing
   * {@code VIGIL_SECRET_KEY} derive the same one.
   */
  public byte[] deriveKey(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return mac.doFinal(("vigil-key:" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("key derivation failed", e);
    }
  }

  /** SHA-256 of a high-entropy secret; enough for tokens and keys, which cannot be guessed. */
  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new unguessable secret: 256 random bits, URL-safe, with a prefix saying what it is. */
  public static String newSecret(String prefix) {
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
