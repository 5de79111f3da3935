package dev.vigil.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients may send, and the web UI's sessions and sign-in ({@code vigil.web.*}).
 *
 * @param maxBodySize largest request body accepted; larger ones get 413 before they are read
 * @param sessionTimeout a signed-in UI session ends after this long without a request from the person (the
 *     pages' own background refreshes do not count)
 * @param loginAttempts sign-in attempts allowed per user name within {@code loginWindow}; a client address gets
 *     five times as many across all names. Further attempts are refused without checking the password.
 * @param loginWindow the window over which {@code loginAttempts} refill
 * @param demoAccount {@code vigil demo} only: create (or reset) the account {@code demo} with a new password at
 *     each start and print it
 * @param tls HTTPS served by Vigil itself; without it Vigil speaks plain HTTP (behind a proxy that does TLS)
 */
@ConfigurationProperties("vigil.web")
public record WebProperties(DataSize maxBodySize, Duration sessionTimeout, Integer loginAttempts,
    Duration loginWindow, boolean demoAccount, Tls tls) {

  /**
   * The certificate and key Vigil serves HTTPS with ({@code vigil.web.tls.*}); both or neither. Each is a PEM file's
   * path (reloaded when the file changes) or the PEM text itself.
   *
   * @param certificate the certificate chain, the server's own certificate first ({@code VIGIL_TLS_CERTIFICATE})
   * @param privateKey its private key, PKCS#8, PKCS#1 or SEC 1 ({@code VIGIL_TLS_PRIVATE_KEY})
   * @param privateKeyPassword the key's password when it is encrypted ({@code VIGIL_TLS_PRIVATE_KEY_PASSWORD})
   */
  public record Tls(String certificate, String privateKey, String privateKeyPassword) {
    public Tls {
      certificate = blankAsNull(certificate);
      privateKey = blankAsNull(privateKey);
      privateKeyPassword = blankAsNull(privateKeyPassword);
      if ((certificate == null) != (privateKey == null)) {
        throw new IllegalArgumentException("vigil.web.tls: set both the certificate (VIGIL_TLS_CERTIFICATE) and its"
            + " private key (VIGIL_TLS_PRIVATE_KEY), or neither");
      }
      readable("certificate (VIGIL_TLS_CERTIFICATE)", certificate);
      readable("private key (VIGIL_TLS_PRIVATE_KEY)", privateKey);
    }

    /** Whether Vigil serves HTTPS. */
    public boolean enabled() {
      return certificate != null;
    }

    /** Whether the PEM text is given inline rather than as a file. */
    static boolean inline(String value) {
      return value.contains("-----BEGIN");
    }

    private static void readable(String what, String value) {
      if (value != null && !inline(value) && !Files.isReadable(Path.of(value))) {
        throw new IllegalArgumentException("vigil.web.tls: cannot read the " + what + " file " + value);
      }
    }

    private static String blankAsNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }

  public WebProperties {
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
    sessionTimeout = sessionTimeout == null ? Duration.ofHours(1) : sessionTimeout;
    loginAttempts = loginAttempts == null ? 10 : loginAttempts;
    loginWindow = loginWindow == null ? Duration.ofMinutes(15) : loginWindow;
    if (sessionTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("vigil.web.session-timeout must be at least 1m, got " + sessionTimeout);
    }
    if (loginAttempts < 1) {
      throw new IllegalArgumentException("vigil.web.login-attempts must be at least 1, got " + loginAttempts);
    }
    tls = tls == null ? new Tls(null, null, null) : tls;
  }
}
