package dev.vigil.security;

import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Checks a user name and password against the accounts, after the login throttle has let the attempt through. */
final class AccountSignIn implements AuthenticationProvider {

  /** Refused by the throttle: says how long to wait; the password was not checked. */
  static final class Throttled extends AuthenticationException {
    final long seconds;

    Throttled(long seconds) {
      super("too many sign-in attempts; try again in " + seconds + " s");
      this.seconds = seconds;
    }
  }

  private final AccountRepository accounts;
  private final PasswordEncoder passwords;
  private final LoginThrottle throttle;
  private final Clock clock;
  /** Checked against when the name is unknown, so that the answer takes as long as for a known name. */
  private final String unknownUserHash;

  AccountSignIn(AccountRepository accounts, PasswordEncoder passwords, LoginThrottle throttle, Clock clock) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.throttle = throttle;
    this.clock = clock;
    this.unknownUserHash = passwords.encode("no account has this password");
  }

  @Override
  public Authentication authenticate(Authentication request) {
    String username = request.getName() == null ? "" : request.getName().strip();
    String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
    String address = request.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    long wait = throttle.take(username, address);
    if (wait > 0) {
      throw new Throttled(wait);
    }
    Optional<Account> found = username.length() > 64 ? Optional.empty() : accounts.findByUsername(username);
    String hash = found.flatMap(a -> accounts.passwordHash(a.id())).orElse(unknownUserHash);
    // bcrypt refuses passwords over 72 bytes: such a password cannot be right, but takes the same time to refuse.
    boolean matches = passwords.matches(password.length() > 200 ? "" : password, hash) && found.isPresent();
    if (!matches) {
      throw new BadCredentialsException("wrong user name or password");
    }
    Account account = found.get();
    if (account.disabled()) {
      throw new DisabledException("this account is disabled");
    }
    throttle.succeeded(username, address);
    if (passwords.upgradeEncoding(hash)) {
      accounts.upgradeHash(account.id(), passwords.encode(password));
    }
    accounts.signedIn(account.id(), clock.instant());
    return AccountSessions.authentication(account);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
