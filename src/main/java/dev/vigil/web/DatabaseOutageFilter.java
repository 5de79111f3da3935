package dev.vigil.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} when the database fails a request outside Spring MVC's error handling. The
 * bearer-token and session look-ups run in filters, before any controller, and a failure there reached the servlet
 * container as a 500. Ordered first, around every other filter, the session repository's and the security chains'
 * included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

  static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
      + "\"detail\":\"" + DatabaseOutage.DETAIL + "\"}";

  /** For people: the UI's error page without the layout, whose session and reader's time zone need the database. */
  static final String PAGE = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Vigil's database is unavailable · Vigil</title>
      <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/css/vigil.css">
      </head><body><main><section class="problem"><h1>Vigil's database is unavailable</h1>
      <p class="error" role="alert">Nothing was changed. Try again in a moment.</p></section></main></body></html>
      """;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("Database unavailable: {}", e.getMessage());
      response.reset();
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS);
      String accept = request.getHeader(HttpHeaders.ACCEPT);
      boolean person = accept != null && accept.contains("text/html");
      response.setContentType(person ? "text/html;charset=UTF-8" : "application/problem+json");
      response.getWriter().write(person ? PAGE : PROBLEM);
    }
  }
}
