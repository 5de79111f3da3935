package dev.vigil.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Keeps who is signed in in the UI session as the account's id alone, and looks the account up at each request:
 * a disabled account, a changed password or a changed role takes effect at once, and sessions stored in the
 * database hold no serialised security objects that a Vigil upgrade could fail to read.
 *
 * <p>A session also ends after {@code vigil.web.session-timeout} without a request from the person. The pages'
 * own background refreshes (header {@value #REFRESH_HEADER}) do not count, so a page left open does not keep a
 * session alive forever.
 */
final class AccountSessions implements SecurityContextRepository {

  static final String ACCOUNT = "vigil.account";
  static final String CREDENTIALS = "vigil.credentials";
  static final String LAST_ACTIVE = "vigil.lastActive";
  /** Sent by the pages' periodic refreshes (hx-headers on the refreshing element). */
  static final String REFRESH_HEADER = "Vigil-Refresh";

  private final AccountRepository accounts;
  private final Clock clock;
  private final Duration timeout;

  AccountSessions(AccountRepository accounts, Clock clock, Duration timeout) {
    this.accounts = accounts;
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return load(holder.getRequest());
  }

  @Override
  public org.springframework.security.core.context.DeferredSecurityContext loadDeferredContext(
      HttpServletRequest request) {
    Supplier<SecurityContext> context = SingletonSupplier.of(() -> load(request));
    return new org.springframework.security.core.context.DeferredSecurityContext() {
      @Override
      public SecurityContext get() {
        return context.get();
      }

      @Override
      public boolean isGenerated() {
        return context.get().getAuthentication() == null;
      }
    };
  }

  private SecurityContext load(HttpServletRequest request) {
    SecurityContext empty = SecurityContextHolder.createEmptyContext();
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(ACCOUNT) instanceof Long id)) {
      return empty;
    }
    long now = clock.millis();
    if (session.getAttribute(LAST_ACTIVE) instanceof Long last && now - last > timeout.toMillis()) {
      session.invalidate();
      return empty;
    }
    Optional<Account> account = accounts.find(id);
    if (account.isEmpty() || account.get().disabled()
        || !Integer.valueOf(account.get().credentialsVersion()).equals(session.getAttribute(CREDENTIALS))) {
      session.removeAttribute(ACCOUNT);
      return empty;
    }
    if (request.getHeader(REFRESH_HEADER) == null) {
      session.setAttribute(LAST_ACTIVE, now);
    }
    return new SecurityContextImpl(authentication(account.get()));
  }

  static Authentication authentication(Account account) {
    return UsernamePasswordAuthenticationToken.authenticated(SignedIn.of(account), null,
        List.of(new SimpleGrantedAuthority(account.role().authority())));
  }

  @Override
  public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication = context.getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof SignedIn signedIn) {
      HttpSession session = request.getSession(true);
      session.setAttribute(ACCOUNT, signedIn.accountId());
      session.setAttribute(CREDENTIALS, signedIn.credentialsVersion());
      session.setAttribute(LAST_ACTIVE, clock.millis());
      // The store's own expiry is a backstop; the idle rule above is the one that counts.
      session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
      return;
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(ACCOUNT);
    }
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(ACCOUNT) != null;
  }
}
