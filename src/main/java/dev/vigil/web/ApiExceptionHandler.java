package dev.vigil.web;

import dev.vigil.system.DomainProblem;
import dev.vigil.system.InvalidException;
import dev.vigil.system.NotFoundException;
import dev.vigil.system.RefusedException;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
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
      if (t instanceof StorableText.MalformedException malformed) {
        return malformedBody(malformed);
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

  @ExceptionHandler(StorableText.MalformedException.class)
  ResponseEntity<Object> malformedBody(StorableText.MalformedException ex) {
    return problem(HttpStatus.BAD_REQUEST, "The request body is " + ex.getMessage() + ".");
  }

  /** Names the content type to send: the API's clients mostly meet this through curl's default form encoding. */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String sent = ex.getContentType() == null ? "no Content-Type" : "Content-Type '" + ex.getContentType() + "'";
    List<MediaType> supported = ex.getSupportedMediaTypes();
    String send = supported.isEmpty() || supported.contains(MediaType.APPLICATION_JSON)
        ? "send JSON with Content-Type: application/json (with curl: -H 'Content-Type: application/json')"
        : "send it with Content-Type: " + MediaType.toString(supported);
    String detail = "This route does not read a body sent with " + sent + "; " + send + ".";
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    return problem(HttpStatus.BAD_REQUEST, RequestParameters.describe(name, ex));
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Object> undecodableParameter(InvalidParameterException ex) {
    return problem(HttpStatus.BAD_REQUEST, RequestParameters.describe(ex));
  }

  @ExceptionHandler(RequestParameters.Refused.class)
  ResponseEntity<Object> unstorableParameter(RequestParameters.Refused ex) {
    return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<Object> tooLarge(PayloadTooLargeException ex) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
  }

  /**
   * The domain's problems, each kind with its status: invalid input 400 (with an {@code errors} array naming each
   * field, as intake's refusals have), no such thing 404, refused by the state of things 409.
   */
  @ExceptionHandler(DomainProblem.class)
  ResponseEntity<Object> domainProblem(DomainProblem ex) {
    return switch (ex) {
      case InvalidException invalid -> {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setProperty("errors", invalid.problems());
        yield ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
      }
      case NotFoundException notFound -> problem(HttpStatus.NOT_FOUND, notFound.getMessage());
      case RefusedException refused -> problem(HttpStatus.CONFLICT, refused.getMessage());
    };
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
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }
}
