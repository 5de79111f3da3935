package dev.vigil.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem+json from filters, which run before Spring MVC's exception handling can. */
@Component
class ProblemWriter {

  private final JsonMapper mapper;

  ProblemWriter(JsonMapper mapper) {
    this.mapper = mapper;
  }

  void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.valueOf(status),
        detail);
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status);
    response.setContentType("application/problem+json");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
    }
    mapper.writeValue(response.getOutputStream(), problem);
  }
}
