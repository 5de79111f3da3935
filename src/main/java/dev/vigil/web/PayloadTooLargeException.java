package dev.vigil.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A request body over the configured limit; answered with 413. */
public class PayloadTooLargeException extends RuntimeException {

  private final long limit;

  public PayloadTooLargeException(long limit) {
    super("The request body is larger than the limit of " + limit + " bytes.");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  static void write(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
    response.setStatus(413);
    response.setContentType("application/problem+json");
    response.setHeader("Connection", "close");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
        + "\"detail\":\"The request body is larger than the limit of " + limit + " bytes.\"}");
  }
}
