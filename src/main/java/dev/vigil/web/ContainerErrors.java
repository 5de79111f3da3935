package dev.vigil.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that happen before a request reaches a controller, which Tomcat forwards to {@code /error}: a parameter
 * {@link RequestParameters} refuses, a path Spring Security's firewall refuses, an exception out of a filter. The
 * API's clients get problem+json and people the UI's problem page, as from the controllers' own handlers, never
 * Spring Boot's default error body.
 */
@UiController
class ContainerErrors implements ErrorController {

  @RequestMapping("/error")
  Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
    HttpStatus status = status(request);
    String detail = request.getAttribute(RequestParameters.REFUSAL) instanceof String refusal ? refusal
        : detail(status);
    if (api(request)) {
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
    response.setStatus(status.value());
    model.addAttribute("status", status.value());
    model.addAttribute("heading", status.is5xxServerError() ? "Something went wrong" : "That did not work");
    model.addAttribute("message", detail);
    return "web/problem";
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
    return status == null || status.value() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  static String detail(HttpStatus status) {
    if (status.is5xxServerError()) {
      return "An unexpected error occurred; it has been logged.";
    }
    if (status == HttpStatus.BAD_REQUEST) {
      return "The request could not be read: its request line, a header or its path is malformed (such as a"
          + " Content-Length that is not a number, or an encoded NUL, '/', '\\' or '..' in the path).";
    }
    return status.getReasonPhrase() + ".";
  }

  /** Whether the request was for the API (problem+json) rather than a page. */
  private static boolean api(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String s ? s : request.getRequestURI();
    return PageRequests.api(path);
  }
}
