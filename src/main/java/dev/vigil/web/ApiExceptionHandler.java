package dev.vigil.web;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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

  /** A readable account of why a JSON body could not be read, naming the field. */
  static String describe(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getCause();
    if (cause instanceof UnrecognizedPropertyException u) {
      return "Unknown field '" + path(u) + "'; known fields: " + u.getKnownPropertyIds().stream()
          .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ".";
    }
    if (cause instanceof InvalidFormatException f) {
      return "Field '" + path(f) + "' has the wrong type or format: expected " + simpleType(f.getTargetType())
          + ", got '" + f.getValue() + "'.";
    }
    if (cause instanceof MismatchedInputException m) {
      String where = m.getPath().isEmpty() ? "The body" : "Field '" + path(m) + "'";
      return where + " has the wrong type: expected " + simpleType(m.getTargetType()) + ".";
    }
    if (cause instanceof StreamReadException s) {
      var location = s.getLocation();
      return "Malformed JSON" + (location == null ? "" : " at line " + location.getLineNr() + ", column "
          + location.getColumnNr()) + ": " + s.getOriginalMessage();
    }
    if (cause instanceof JacksonException j) {
      String where = j.getPath().isEmpty() ? "" : " in field '" + path(j) + "'";
      Throwable root = j.getCause() != null ? j.getCause() : j;
      String message = root instanceof JacksonException rj ? rj.getOriginalMessage() : root.getMessage();
      return "Invalid value" + where + ": " + message;
    }
    return "The request body is missing or is not valid JSON.";
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
          .collect(Collectors.joining(", "));
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
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

  @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
      DataAccessResourceFailureException.class, QueryTimeoutException.class})
  ResponseEntity<Object> databaseDown(Exception ex) {
    log.warn("Database unavailable: {}", ex.getMessage());
    ResponseEntity<Object> response = problem(HttpStatus.SERVICE_UNAVAILABLE,
        "Vigil's database is unavailable; nothing was stored. Retry later.");
    return ResponseEntity.status(503).headers(h -> h.set(HttpHeaders.RETRY_AFTER, "5")).body(response.getBody());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex) {
    log.error("Unexpected error", ex);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
  }

  private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
