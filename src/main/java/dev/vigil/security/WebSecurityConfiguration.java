package dev.vigil.security;

import dev.vigil.web.PageRequests;
import dev.vigil.web.WebProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The web UI's security: a filter chain of its own, ordered before the API's, that matches only the UI's paths.
 * People sign in with a form and hold a session cookie; every form carries a CSRF token; deny by default, like
 * the API. The API's chain ({@link SecurityConfiguration}) stays stateless with bearer tokens. See ADR 0010.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebSecurityConfiguration {

  /** Every path the UI chain handles; anything else goes to the API chain, which refuses what it does not know. */
  static final RequestMatcher UI_PATHS = new OrRequestMatcher(Stream.of("/", "/login", "/logout", "/setup",
          "/denied", "/incidents", "/incidents/**", "/services", "/services/**", "/schedules", "/schedules/**", "/admin/accounts",
          "/admin/accounts/**", "/webjars/**", "/css/**", "/favicon.svg", "/favicon.ico", "/status/**", "/teams",
          "/teams/**", "/users", "/users/**", "/integrations", "/integrations/**", "/probes", "/probes/**",
          "/heartbeats", "/heartbeats/**", "/maintenance", "/maintenance/**", "/reports", "/reports.csv",
          "/status-pages", "/status-pages/**",
          "/customers", "/customers/**", "/slos", "/slos/*", "/changes",
          "/coverage")
      .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());

  /** The pages' own requests (htmx sends this header on each). */
  static final RequestMatcher HTMX = new RequestHeaderRequestMatcher("HX-Request", "true");

  /** Same-origin only, no inline script or style: a piece of text that slipped through escaping could not run. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  AccountSessions accountSessions(AccountRepository accounts, Clock clock, WebProperties properties) {
    return new AccountSessions(accounts, clock, properties.sessionTimeout());
  }

  @Bean
  @Order(1)
  SecurityFilterChain uiSecurity(HttpSecurity http, AccountRepository accounts, PasswordEncoder passwords,
      LoginThrottle throttle, Clock clock, AccountSessions sessions, HandlerMappingIntrospector dispatcher)
      throws Exception {
    UnknownRoutes unknown = new UnknownRoutes(dispatcher);
    // Only this provider, no parent: the API chain's global manager must not answer for UI sign-ins.
    ProviderManager signIn = new ProviderManager(new AccountSignIn(accounts, passwords, throttle, clock));
    HttpSessionRequestCache savedPages = new HttpSessionRequestCache();
    // Back to the page asked for after signing in, but never to a fragment a page fetched in the background.
    savedPages.setRequestMatcher(new AndRequestMatcher(
        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/**"), new NegatedRequestMatcher(HTMX)));
    AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
    denied.setErrorPage("/denied");
    LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
    http
        // A browser asking for a page no route serves comes here too, so that the 404 page knows who is signed in.
        .securityMatcher(new OrRequestMatcher(UI_PATHS,
            new AndRequestMatcher(PageRequests::fromBrowser, unknown)))
        .authenticationManager(signIn)
        .securityContext(c -> c.securityContextRepository(sessions))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .requestCache(c -> c.requestCache(savedPages))
        .formLogin(f -> f
            .loginPage("/login")
            .defaultSuccessUrl("/", false)
            .failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath() + "/login?"
                + (ex instanceof AccountSignIn.Throttled t ? "throttled=" + t.seconds
                    : ex instanceof DisabledException ? "disabled" : "error"))))
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
        .exceptionHandling(e -> e
            // A page's background refresh after the session ended: tell htmx to load the sign-in page instead of
            // swapping it into the page.
            .defaultAuthenticationEntryPointFor((request, response, ex) -> {
              response.setHeader("HX-Redirect", request.getContextPath() + "/login");
              response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }, HTMX)
            .defaultAuthenticationEntryPointFor(loginPage, request -> true)
            .accessDeniedHandler(denied))
        .headers(h -> h
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .authorizeHttpRequests(a -> a
            .requestMatchers(HttpMethod.GET, "/webjars/**", "/css/**", "/favicon.svg", "/favicon.ico").permitAll()
            .requestMatchers("/login", "/denied").permitAll()
            .requestMatchers(HttpMethod.GET, "/setup").permitAll()
            .requestMatchers(HttpMethod.POST, "/setup").permitAll()
            .requestMatchers(HttpMethod.POST, "/logout").authenticated()
            .requestMatchers("/admin/accounts", "/admin/accounts/**").hasRole("ADMIN")
            .requestMatchers(HttpMethod.POST, "/incidents/*/acknowledge", "/incidents/*/resolve",
                "/incidents/*/escalate", "/incidents/*/notes").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.POST, "/incidents/*/severity", "/incidents/*/responders", "/incidents/*/roles",
                "/incidents/*/assignee",
                "/incidents/*/status-updates", "/incidents/*/postmortem", "/incidents/*/postmortem/document",
                "/incidents/*/postmortem/preview",
                "/incidents/*/postmortem/action-items", "/incidents/*/postmortem/action-items/*",
                "/incidents/*/postmortem/action-items/*/delete").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.POST, "/schedules/*/take", "/schedules/*/overrides/*/remove")
            .hasRole("RESPONDER")
            .requestMatchers("/schedules/*/cover").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.GET, "/", "/incidents", "/incidents/**", "/services", "/services/**")
            .hasRole("VIEWER")
            .requestMatchers(HttpMethod.GET, "/schedules", "/schedules/*").hasRole("VIEWER")
            // Everyone signed in sees these pages; they leave out contact details and keys for those who may not see them.
            .requestMatchers(HttpMethod.GET, "/teams", "/teams/*", "/users", "/users/*", "/integrations",
                "/integrations/*").hasRole("VIEWER")
            .requestMatchers(HttpMethod.POST, "/integrations/*/test").hasRole("ADMIN")
            // Ping URLs are shown to admins only, as in the API; maintenance windows are made and ended by responders.
            .requestMatchers(HttpMethod.GET, "/probes", "/probes/*", "/heartbeats", "/heartbeats/*/*", "/maintenance")
            .hasRole("VIEWER")
            .requestMatchers(HttpMethod.POST, "/maintenance", "/maintenance/*/end", "/maintenance/*/cancel")
            .hasRole("RESPONDER")
            .requestMatchers(HttpMethod.GET, "/reports", "/reports.csv", "/status-pages", "/status-pages/*")
            .hasRole("VIEWER")
            .requestMatchers(HttpMethod.GET, "/customers", "/customers/*", "/customers/*/statement").hasRole("VIEWER")
            .requestMatchers(HttpMethod.GET, "/slos", "/slos/*").hasRole("VIEWER")
            .requestMatchers(HttpMethod.GET, "/coverage").hasRole("VIEWER")
            .requestMatchers(HttpMethod.GET, "/changes").hasRole("VIEWER")
            .requestMatchers(HttpMethod.POST, "/incidents/*/changes/*/verdict").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.POST, "/status-pages/*/subscribers/*/remove").hasRole("ADMIN")
            // Public status pages: no sign-in; each page shows only what its catalog definition exposes.
            .requestMatchers(HttpMethod.GET, "/status/*", "/status/*/feed.rss", "/status/*/feed.atom",
                "/status/*/badge.svg", "/status/*/subscribe", "/status/*/confirm/*", "/status/*/unsubscribe/*")
            .permitAll()
            .requestMatchers(HttpMethod.POST, "/status/*/subscribe", "/status/*/confirm/*", "/status/*/unsubscribe/*")
            .permitAll()
            // No page there, or none for this method: a 404 or 405 page for everyone, as the API answers, rather than
            // a refusal of a page that does not exist. Every page that exists stays behind the rules above.
            .requestMatchers(unknown).permitAll()
            .anyRequest().denyAll());
    return http.build();
  }
}
