package dev.vigil.heartbeat;

import dev.vigil.heartbeat.Heartbeats.Received;
import dev.vigil.heartbeat.Heartbeats.Signal;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ping URLs, as healthchecks.io has them: {@code GET}, {@code HEAD} or {@code POST /api/v1/heartbeats/{token}}
 * is a success, {@code /start} a job starting, {@code /fail} a failure, {@code /0} to {@code /255} an exit status,
 * each with or without a trailing slash. The token is the credential, so no login is needed. A POST body (a log
 * tail, Alertmanager's JSON) is kept as the ping's message, cut to {@code vigil.heartbeat.message-size}; bodies over
 * {@code vigil.web.max-body-size} get 413.
 */
@RestController
class HeartbeatPingController {

  static final String PATH = "/api/v1/heartbeats/";

  private final Heartbeats heartbeats;
  private final int messageSize;

  HeartbeatPingController(Heartbeats heartbeats, HeartbeatProperties properties) {
    this.heartbeats = heartbeats;
    this.messageSize = (int) Math.min(Integer.MAX_VALUE - 16, properties.messageSize().toBytes());
  }

  @Operation(summary = "Ping a heartbeat: success, or /start, /fail, /{exit-status}",
      description = "No token needed: the heartbeat's token in the path is the credential. 200 'OK' once the ping"
          + " is stored; 404 for an unknown token; 429 over vigil.heartbeat.rate-limit; 503 while the database is"
          + " down. See docs/heartbeats.md.",
      responses = {
          @ApiResponse(responseCode = "200", description = "Stored",
              content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", example = "OK"))),
          @ApiResponse(responseCode = "413", description = "The body is larger than vigil.web.max-body-size"),
          @ApiResponse(responseCode = "429", description = "Over vigil.heartbeat.rate-limit; retry after"
              + " Retry-After seconds")})
  @RequestMapping(path = {PATH + "{token}", PATH + "{token}/{signal}"},
      method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST})
  ResponseEntity<String> ping(@PathVariable String token, @PathVariable(required = false) String signal,
      HttpServletRequest request) throws IOException {
    Signal parsed = Signal.of(signal);
    Body body = read(request.getInputStream(), messageSize);
    heartbeats.ping(token, parsed, new Received(request.getMethod(), request.getRemoteAddr(),
        request.getHeader(HttpHeaders.USER_AGENT), body.text(), body.truncated()));
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("OK");
  }

  /** The same URLs written with a trailing slash, as some tools and hand-made crontabs have them. */
  @Hidden
  @RequestMapping(path = {PATH + "{token}/", PATH + "{token}/{signal}/"},
      method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST})
  ResponseEntity<String> pingWithTrailingSlash(@PathVariable String token,
      @PathVariable(required = false) String signal, HttpServletRequest request) throws IOException {
    return ping(token, signal, request);
  }

  /** A body's first bytes as text (null when empty), and whether there was more. */
  record Body(String text, boolean truncated) {}

  /**
   * Keeps the first {@code keep} bytes and reads the rest to its end, so that the body-size limit sees a chunked
   * body whole and the connection can be reused.
   */
  static Body read(InputStream in, int keep) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; total += n) {
      if (kept.size() < keep) {
        kept.write(buffer, 0, (int) Math.min(n, keep - kept.size()));
      }
    }
    return kept.size() == 0 ? new Body(null, false) : new Body(text(kept.toByteArray()), total > keep);
  }

  /**
   * UTF-8 text of the bytes, without a character cut in half at the end; other bytes become U+FFFD, and NUL
   * characters, which PostgreSQL text cannot hold, are dropped.
   */
  private static String text(byte[] bytes) {
    return decode(bytes).replace("\u0000", "");
  }

  private static String decode(byte[] bytes) {
    for (int cut = 0; cut < 4 && cut < bytes.length; cut++) {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, bytes.length - cut)).toString();
      } catch (CharacterCodingException e) {
        // Try again without the last bytes: a multi-byte character cut by the size limit.
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @ExceptionHandler(HeartbeatRateLimits.Exceeded.class)
  ResponseEntity<ProblemDetail> rateLimited(HeartbeatRateLimits.Exceeded e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
  }
}
