package dev.vigil.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error a client can cause into RFC 9457 problem+json that says what was wrong and where; a client
 * never sees a stack trace, and a database outage is a 503 so that senders retry.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLargeException tooLarge) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
      }
    }
    return problem(HttpStatus.BAD_REQUEST, describe(ex));
  }

  /**
   * A path no route serves. Spring MVC hands it to the static files last, whose own words ("No static resource")
   * would point the caller at the wrong thing.
   */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI()
        : "/" + ex.getResourcePath();
    return problem(HttpStatus.NOT_FOUND, "Nothing here: no route takes " + ex.getHttpMethod() + " " + path
        + ". The API's routes are listed in /api/v1/openapi.json.");
  }

  /** A readable account of why a JSON body could not be read, naming the field. */
  static String describe(HttpMessageNotReadableException ex) {
    return JsonBodies.describe(ex.getCause());
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<Object> tooLarge(PayloadTooLargeException ex) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<Object> conflict(ConflictException ex) {
    return problem(HttpStatus.CONFLICT, ex.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<Object> notFound(NotFoundException ex) {
    return problem(HttpStatus.NOT_FOUND, ex.getMessage());
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<Object> badRequest(BadRequestException ex) {
    return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
  }

  private static ResponseEntity<Object> databaseDown(Exception ex) {
    log.warn("Database unavailable: {}", ex.getMessage());
    ResponseEntity<Object> response = problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseOutage.DETAIL);
    return ResponseEntity.status(503).headers(h -> h.set(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS))
        .body(response.getBody());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex) {
    if (DatabaseOutage.causedBy(ex)) {
      return databaseDown(ex);
    }
    log.error("Unexpected error", ex);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
