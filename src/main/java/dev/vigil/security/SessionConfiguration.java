package dev.vigil.security;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.vigil.web.WebProperties;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * UI sessions in PostgreSQL (Spring Session JDBC, tables from V011), so that every node serves every signed-in
 * request and restarts sign nobody out; see ADR 0010. Expired sessions are deleted by a durable job, once across
 * nodes, instead of by every node's own timer.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableJdbcHttpSession(cleanupCron = Scheduled.CRON_DISABLED)
class SessionConfiguration {

  static final String COOKIE = "VIGIL_SESSION";

  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(WebProperties properties) {
    return repository -> repository.setDefaultMaxInactiveInterval(properties.sessionTimeout());
  }

  /** Saves attributes with INSERT ... ON CONFLICT: a page's refresh and a click may write the same session at once. */
  @Bean
  PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessions() {
    return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
  }

  /**
   * HttpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS (directly, or through a proxy that says
   * so with X-Forwarded-Proto: see {@code server.forward-headers-strategy}).
   */
  @Bean
  CookieSerializer sessionCookie() {
    DefaultCookieSerializer cookie = new DefaultCookieSerializer();
    cookie.setCookieName(COOKIE);
    cookie.setSameSite("Lax");
    cookie.setUseHttpOnlyCookie(true);
    return cookie;
  }

  /** Spring Session's own clean-up (its expiry times are its own, from the system clock), once across nodes. */
  @Bean
  RecurringTask<Void> sessionCleanup(ObjectProvider<JdbcIndexedSessionRepository> sessions) {
    return Tasks.recurring("web-session-cleanup", FixedDelay.of(Duration.ofMinutes(10)))
        .execute((instance, context) -> sessions.getObject().cleanUpExpiredSessions());
  }

  /** bcrypt now, as {bcrypt}...; the prefix lets a later default (argon2) take over as people sign in. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
