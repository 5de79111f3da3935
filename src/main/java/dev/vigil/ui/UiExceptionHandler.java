package dev.vigil.ui;

import dev.vigil.system.DomainProblem;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.DatabaseOutage;
import dev.vigil.web.RequestParameters;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Errors of UI pages as pages that say what was wrong, with the status code a client expects; ahead of
 * {@code ApiExceptionHandler}, which answers the API's clients with problem+json.
 */
@ControllerAdvice(annotations = UiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(UiExceptionHandler.class);

  private final PageModel layout;

  UiExceptionHandler(PageModel layout) {
    this.layout = layout;
  }

  /** What a person asked for that cannot be: bad input (400), nothing there (404), or a state that forbids it (409). */
  @ExceptionHandler(DomainProblem.class)
  String refused(DomainProblem ex, Model model, HttpServletRequest request, HttpServletResponse response) {
    int status = switch (ex) {
      case InvalidException invalid -> 400;
      case NotFoundException notFound -> 404;
      case RefusedException refused -> 409;
    };
    return page(status, status == 404 ? "Not found" : "That did not work", ex.getMessage(), model, request,
        response);
  }

  @ExceptionHandler(RequestParameters.Refused.class)
  String unstorable(RequestParameters.Refused ex, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(400, "That did not work", ex.getMessage(), model, request, response);
  }

  @ExceptionHandler(InvalidParameterException.class)
  String undecodable(InvalidParameterException ex, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(400, "That did not work", RequestParameters.describe(ex), model, request, response);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String mismatch(MethodArgumentTypeMismatchException ex, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(400, "That did not work", RequestParameters.describe(ex.getName(), ex), model, request, response);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  String missing(MissingServletRequestParameterException ex, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(400, "That did not work", ex.getParameterName() + ": missing", model, request, response);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  String method(HttpRequestMethodNotSupportedException ex, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    return page(405, "Not here", "This page does not take " + ex.getMethod() + " requests.", model,
        request, response);
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception ex, Model model, HttpServletRequest request,
      HttpServletResponse response) throws Exception {
    if (DatabaseOutage.causedBy(ex)) {
      // Not as a page of the layout: its CSRF token makes a session, whose saving needs the database too, and the
      // signed-in reader's time zone comes from the catalog. DatabaseOutageFilter answers with a page that needs
      // neither.
      throw ex;
    }
    log.error("Unexpected error", ex);
    return page(500, "Something went wrong", "An unexpected error occurred; it has been logged.", model,
        request, response);
  }

  String page(int status, String title, String message, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    // Exception handlers get a fresh model, without what the layout needs.
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    layout.layout(model, request, authentication == null ? null : authentication.getPrincipal());
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("heading", title);
    model.addAttribute("message", message);
    return "web/problem";
  }
}
