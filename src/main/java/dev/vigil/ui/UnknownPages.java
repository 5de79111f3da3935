package dev.vigil.ui;

import dev.vigil.web.PageRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A browser's request for a page no route serves, as the layout's 404 page; any other client gets the API's
 * problem+json, exactly as the API answers it.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPages {

  private final UiExceptionHandler pages;
  private final ResponseEntityExceptionHandler api;

  UnknownPages(UiExceptionHandler pages, ResponseEntityExceptionHandler api) {
    this.pages = pages;
    this.api = api;
  }

  @ExceptionHandler(NoResourceFoundException.class)
  Object notFound(NoResourceFoundException ex, Model model, HttpServletRequest request, HttpServletResponse response,
      WebRequest webRequest) throws Exception {
    if (!PageRequests.fromBrowser(request)) {
      return api.handleException(ex, webRequest);
    }
    return pages.page(404, "Not found", "There is no page at " + request.getRequestURI() + ".", model, request,
        response);
  }
}
