package dev.vigil.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer TOKEN}; a token that is present but unknown or revoked is a 401 at once. */
final class BearerTokenFilter extends OncePerRequestFilter {

  private final TokenService tokens;
  private final ProblemWriter problems;
  private final RequestMatcher ownCredentials;

  /** {@code ownCredentials}: the routes whose callers prove themselves otherwise, which this filter leaves alone. */
  BearerTokenFilter(TokenService tokens, ProblemWriter problems, RequestMatcher ownCredentials) {
    this.tokens = tokens;
    this.problems = problems;
    this.ownCredentials = ownCredentials;
  }

  /**
   * Alert senders authenticate with the integration key; an Authorization header some tool adds on its own must
   * not turn their alerts away.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return ownCredentials.matches(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 512) {
      problems.write(request, response, 401, "Unauthorized",
          "The Authorization header must be 'Bearer <token>'.");
      return;
    }
    Optional<ApiPrincipal> principal = tokens.authenticate(header.substring(7).trim());
    if (principal.isEmpty()) {
      problems.write(request, response, 401, "Unauthorized", "The bearer token is unknown or has been revoked.");
      return;
    }
    ApiPrincipal p = principal.get();
    var authentication = new UsernamePasswordAuthenticationToken(p, null,
        List.of(new SimpleGrantedAuthority(p.role().authority())));
    SecurityContextHolder.getContext().setAuthentication(authentication);
    chain.doFilter(request, response);
  }
}
