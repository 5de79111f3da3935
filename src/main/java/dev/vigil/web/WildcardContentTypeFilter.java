package dev.vigil.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a body sent with a wildcard Content-Type ({@code *}{@code /*}, {@code application/*}, {@code text/*}),
 * which says nothing of what the body is, as JSON: the one kind of body Vigil's routes take that is not a form.
 * Without this, such a request fails inside Spring, which refuses to hold a wildcard as a body's type.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WildcardContentTypeFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(wildcard(request.getContentType()) ? new AsJson(request) : request, response);
  }

  private static boolean wildcard(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isWildcardType() || type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false; // Spring answers an unreadable Content-Type with 415 itself
    }
  }

  /** The request, with application/json for its Content-Type. */
  private static final class AsJson extends HttpServletRequestWrapper {
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    AsJson(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getContentType() {
      return JSON;
    }

    @Override
    public String getHeader(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? JSON : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(JSON))
          : super.getHeaders(name);
    }
  }
}
