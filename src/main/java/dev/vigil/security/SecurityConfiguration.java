package dev.vigil.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import java.util.stream.Stream;

/**
 * Who may call what. Deny by default: every route is listed here with the role it needs, and any route not listed
 * is refused; a path no route serves is a 404 (a 405 for a route's path with another method) for everyone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // vigil apply runs without a web server, hence without HttpSecurity
class SecurityConfiguration {

  /**
   * Routes whose callers are monitoring tools that prove themselves with a key of their own (in the path or the
   * body), not with a bearer token: open to all here, checked by their controllers, and an Authorization header a
   * tool adds on its own is ignored rather than refused.
   */
  static final RequestMatcher ALERT_SENDERS = new OrRequestMatcher(
      Stream.of("/api/v1/integrations/*/alertmanager", "/api/v1/integrations/*/grafana",
              "/api/v1/integrations/*/events", "/v2/enqueue", "/v2/change/enqueue")
          .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path))
          .toList());

  /** A heartbeat's ping URLs: its token, optionally a signal, optionally a trailing slash. */
  private static final String[] PING_URLS = {"/api/v1/heartbeats/*", "/api/v1/heartbeats/*/",
      "/api/v1/heartbeats/*/*", "/api/v1/heartbeats/*/*/"};

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, TokenService tokens, ProblemWriter problems,
      HandlerMappingIntrospector dispatcher) throws Exception {
    http
        .csrf(csrf -> csrf.disable()) // bearer tokens only: no ambient credentials for a forged request to ride on
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .addFilterBefore(new BearerTokenFilter(tokens, problems, ALERT_SENDERS), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e
            .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, 401, "Unauthorized",
                "This endpoint needs 'Authorization: Bearer <token>'."))
            .accessDeniedHandler((req, res, ex) -> problems.write(req, res, 403, "Forbidden",
                "Your token's role may not do this.")))
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
            .permitAll()
            .requestMatchers(HttpMethod.GET, "/api/v1/openapi.json", "/api/v1/openapi.json/**").permitAll()
            .requestMatchers("/error").permitAll()
            // Exists only in `vigil demo`, whose catch-all mail server it shows; elsewhere it is a 404.
            .requestMatchers(HttpMethod.GET, "/demo/mail").permitAll()
            // Alert intake: the integration key in the path or body is the credential, checked by the intake itself.
            .requestMatchers(ALERT_SENDERS).permitAll()
            // Signed action links, Slack button clicks and Twilio webhooks carry their own signatures, checked by
            // their controllers: those signatures are the credentials.
            .requestMatchers("/api/v1/actions/**").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/slack/actions", "/api/v1/twilio/**").permitAll()
            // Heartbeat pings: the heartbeat's token in the path is the credential, checked by the ping route. The
            // list itself, GET /api/v1/heartbeats, is not matched here: viewers read it below. HEAD as well as GET
            // and POST, and with a trailing slash, as healthchecks.io takes them (wget --spider sends HEAD).
            .requestMatchers(HttpMethod.GET, PING_URLS).permitAll()
            .requestMatchers(HttpMethod.HEAD, PING_URLS).permitAll()
            .requestMatchers(HttpMethod.POST, PING_URLS).permitAll()
            // Calendar feeds: calendar apps send no bearer token; the calendar token in the URL is the credential,
            // checked by the feed itself.
            .requestMatchers(HttpMethod.GET, "/api/v1/schedules/*/calendar.ics", "/api/v1/users/*/calendar.ics")
            .permitAll()
            // No route there, or none for this method: a 404 or 405 for everyone, not a 401 that callers read as a
            // bad credential. Every route that exists stays behind the rules below, down to the final deny.
            .requestMatchers(new UnknownRoutes(dispatcher)).permitAll()
            // On-call changes and calendar tokens: people make them ad hoc, so responders may.
            .requestMatchers(HttpMethod.POST, "/api/v1/schedules/*/overrides", "/api/v1/schedules/*/temporary",
                "/api/v1/schedules/*/calendar-tokens", "/api/v1/users/*/calendar-tokens").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.DELETE, "/api/v1/schedules/*/overrides/*", "/api/v1/schedules/*/temporary/*",
                "/api/v1/calendar-tokens/*").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.GET, "/api/v1/schedules/*/calendar-tokens", "/api/v1/users/*/calendar-tokens")
            .hasRole("RESPONDER")
            // Ad-hoc maintenance windows: declared by whoever is working on the service, on any service.
            .requestMatchers(HttpMethod.POST, "/api/v1/maintenance-windows").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.DELETE, "/api/v1/maintenance-windows/*").hasRole("RESPONDER")
            .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole("ADMIN")
            // Remote agents: only their own routes, with a token of role agent (outside the admin ladder).
            .requestMatchers(HttpMethod.GET, "/api/v1/agent/probes").hasRole("AGENT")
            .requestMatchers(HttpMethod.POST, "/api/v1/agent/results").hasRole("AGENT")
            .requestMatchers(HttpMethod.GET, "/api/v1/integrations").hasRole("ADMIN")
            // Deploy pipelines: a deployer token (or an admin's) records deploys and changes; the scope of a
            // deployer's token is checked against each change's service by the change log itself.
            .requestMatchers(HttpMethod.POST, "/api/v1/deploys", "/api/v1/deploys/*/phases", "/api/v1/changes")
            .hasRole("DEPLOYER")
            // The deploy gate is read by pipelines as well as people; a deployer overrides it within its scope.
            .requestMatchers(HttpMethod.GET, "/api/v1/services/*/deploy-gate").hasAnyRole("VIEWER", "DEPLOYER")
            .requestMatchers(HttpMethod.POST, "/api/v1/services/*/deploy-gate/override").hasRole("DEPLOYER")
            // A responder judges whether a change caused an incident.
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/changes/*/verdict").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.GET, "/api/v1/probes", "/api/v1/probes/**").hasRole("VIEWER")
            .requestMatchers(HttpMethod.GET, "/api/v1/**").hasRole("VIEWER")
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/acknowledge", "/api/v1/incidents/*/resolve",
                "/api/v1/incidents/*/escalate", "/api/v1/incidents/*/notes").hasRole("RESPONDER")
            // Running an incident: mitigation, severity, roles, responders, merge, split, status updates, postmortems.
            .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/mitigate", "/api/v1/incidents/*/severity",
                "/api/v1/incidents/*/roles", "/api/v1/incidents/*/responders", "/api/v1/incidents/*/merge",
                "/api/v1/incidents/*/split", "/api/v1/incidents/*/status-updates",
                "/api/v1/incidents/*/postmortem/action-items").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.DELETE, "/api/v1/incidents/*/roles/*").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.PUT, "/api/v1/incidents/*/postmortem").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.PATCH, "/api/v1/incidents/*/postmortem/action-items/*").hasRole("RESPONDER")
            .requestMatchers(HttpMethod.DELETE, "/api/v1/incidents/*/postmortem/action-items/*").hasRole("RESPONDER")
            .requestMatchers("/api/v1/teams/**", "/api/v1/users/**", "/api/v1/services/**").hasRole("ADMIN")
            .anyRequest().denyAll());
    return http.build();
  }

  @Bean
  RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.fromHierarchy(
        "ROLE_ADMIN > ROLE_RESPONDER\nROLE_RESPONDER > ROLE_VIEWER\nROLE_ADMIN > ROLE_DEPLOYER");
  }

  /** No user names and passwords: stops Spring Boot from generating a default user and printing its password. */
  @Bean
  UserDetailsService noUsers() {
    return new InMemoryUserDetailsManager();
  }
}
