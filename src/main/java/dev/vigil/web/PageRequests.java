package dev.vigil.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Which requests a browser makes for a page, to be answered with HTML, and which are the API's, answered with
 * problem+json whatever they accept.
 */
public final class PageRequests {

  private PageRequests() {
  }

  /** Whether a path belongs to the API, the PagerDuty-compatible intake or the actuator. */
  public static boolean api(String path) {
    return path.startsWith("/api/") || path.startsWith("/v2/") || path.startsWith("/actuator/");
  }

  /**
   * Whether a browser asks for a page: a path outside the API that names HTML among what it accepts. A client
   * accepting anything ({@code *}{@code /*}, as curl does) is not taken for a browser.
   */
  public static boolean fromBrowser(HttpServletRequest request) {
    if (api(request.getRequestURI().substring(request.getContextPath().length()))) {
      return false;
    }
    String accept = request.getHeader("Accept");
    if (accept == null) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
