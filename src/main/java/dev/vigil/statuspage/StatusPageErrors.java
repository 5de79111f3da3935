package dev.vigil.statuspage;

import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.DatabaseOutage;
import dev.vigil.web.RequestParameters;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the public status pages as plain pages for the public: what was wrong, with the right status code, and
 * nothing of Vigil's inside (no stack traces, none of the signed-in layout).
 */
@ControllerAdvice(assignableTypes = StatusPageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class StatusPageErrors {

  private static final Logger log = LoggerFactory.getLogger(StatusPageErrors.class);

  @ExceptionHandler({InvalidException.class, NotFoundException.class, RefusedException.class})
  String refused(RuntimeException ex, Model model, HttpServletResponse response) {
    int status = ex instanceof NotFoundException ? 404 : ex instanceof RefusedException ? 409 : 400;
    return page(status, status == 404 ? "Not found" : "That did not work", ex.getMessage(), model, response);
  }

  @ExceptionHandler(RequestParameters.Refused.class)
  String unstorable(RequestParameters.Refused ex, Model model, HttpServletResponse response) {
    return page(400, "That did not work", ex.getMessage(), model, response);
  }

  @ExceptionHandler(InvalidParameterException.class)
  String undecodable(InvalidParameterException ex, Model model, HttpServletResponse response) {
    return page(400, "That did not work", RequestParameters.describe(ex), model, response);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  String method(HttpRequestMethodNotSupportedException ex, Model model, HttpServletResponse response) {
    return page(405, "Not here", "This address does not take " + ex.getMethod() + " requests.", model, response);
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception ex, Model model, HttpServletResponse response) {
    if (DatabaseOutage.causedBy(ex)) {
      log.warn("Database unavailable: {}", ex.getMessage());
      response.setHeader("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
      return page(503, "Status temporarily unavailable", "Try again in a moment.", model, response);
    }
    log.error("Unexpected error on a status page", ex);
    return page(500, "Something went wrong", "An unexpected error occurred; it has been logged.", model, response);
  }

  private static String page(int status, String title, String message, Model model, HttpServletResponse response) {
    response.setStatus(status);
    // A badge or feed URL that fails answers with this page too: its content type must say so.
    response.setContentType("text/html;charset=UTF-8");
    model.addAttribute("status", status);
    model.addAttribute("heading", title);
    model.addAttribute("message", message);
    return "statuspage/problem";
  }
}
