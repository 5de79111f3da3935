package dev.vigil.web;

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
 */
@ConfigurationProperties("vigil.web")
public record WebProperties(DataSize maxBodySize, Duration sessionTimeout, Integer loginAttempts,
    Duration loginWindow, boolean demoAccount) {
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
  }
}
