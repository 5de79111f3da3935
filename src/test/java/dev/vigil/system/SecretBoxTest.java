package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored secrets: a key generated once in the data directory, readable by its owner only, or set by the operator. */
class SecretBoxTest {

  @TempDir Path dir;

  SecretBox box(String secretKey) {
    return new SecretBox(secretKey, new SystemProperties(dir, null, 0, null));
  }

  @Test
  void aGeneratedKeyIsKeptPrivateAndReusedAcrossStarts() throws Exception {
    byte[] sealed = box(null).encrypt("integration-key-0123456789");
    Path key = dir.resolve("secret.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(box(null).decrypt(sealed)).as("a restart reads the same key").isEqualTo("integration-key-0123456789");
    assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("integration-key");
  }

  @Test
  void anOperatorKeyIsUsedAndAnotherKeyCannotDecrypt() {
    String operator = Base64.getEncoder().encodeToString(new byte[32]);
    byte[] sealed = box(operator).encrypt("secret");
    assertThat(box(operator).decrypt(sealed)).isEqualTo("secret");
    assertThatThrownBy(() -> box(null).decrypt(sealed)).hasMessageContaining("VIGIL_SECRET_KEY");
    assertThatThrownBy(() -> box(Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
  }
}
