package dev.vigil.notify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server speaking Twilio's documented REST API for creating messages and calls: form-encoded POSTs to
 * {@code /2010-04-01/Accounts/{AccountSid}/Messages.json} and {@code Calls.json} with Basic auth, JSON answers with
 * {@code sid} and {@code status}, and errors as {@code code}/{@code message}/{@code status}.
 */
final class FakeTwilio implements AutoCloseable {

  static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
  static final String AUTH_TOKEN = "fake-twilio-auth-token";
  /** A recipient this server refuses, as Twilio refuses an invalid number. */
  static final String INVALID_NUMBER = "+15005550001";

  private static final Pattern RESOURCE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");

  private final HttpSink sink = HttpSink.start();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile int failWith;

  FakeTwilio() {
    sink.respondWith(this::answer);
  }

  String baseUrl() {
    return sink.url("");
  }

  List<HttpSink.Request> requests() {
    return sink.requests();
  }

  /** Makes every following request fail with this HTTP status, as during an outage; 0 to stop. */
  void failWith(int status) {
    this.failWith = status;
  }

  private HttpSink.Reply answer(HttpSink.Request request) {
    Matcher m = RESOURCE.matcher(request.path());
    if (!request.method().equals("POST") || !m.matches()) {
      return error(404, 20404, "The requested resource " + request.path() + " was not found");
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString(
        (ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
    if (!m.group(1).equals(ACCOUNT_SID) || !expected.equals(request.header("Authorization"))) {
      return error(401, 20003, "Authenticate");
    }
    if (failWith != 0) {
      return error(failWith, 20500, "Internal Server Error");
    }
    if (!"application/x-www-form-urlencoded".equals(request.header("Content-Type"))) {
      return error(400, 20001, "Expected a form-encoded body");
    }
    Map<String, List<String>> form = Forms.parse(request.body());
    String to = Forms.first(form, "To");
    if (to == null || Forms.first(form, "From") == null) {
      return error(400, 21604, "A 'To' and 'From' phone number is required.");
    }
    if (to.equals(INVALID_NUMBER)) {
      return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
    }
    boolean message = m.group(2).equals("Messages");
    if (message && Forms.first(form, "Body") == null) {
      return error(400, 21602, "Message body is required.");
    }
    if (!message && Forms.first(form, "Twiml") == null && Forms.first(form, "Url") == null) {
      return error(400, 21205, "Url or Twiml parameter is required.");
    }
    String sid = (message ? "SM" : "CA") + String.format("%032x", ids.incrementAndGet());
    return new HttpSink.Reply(201, "application/json", "{\"sid\": \"" + sid + "\", \"account_sid\": \""
        + ACCOUNT_SID + "\", \"to\": \"" + to + "\", \"status\": \"queued\"}");
  }

  private static HttpSink.Reply error(int status, int code, String message) {
    return new HttpSink.Reply(status, "application/json", "{\"code\": " + code + ", \"message\": \""
        + message.replace("\"", "\\\"") + "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + code
        + "\", \"status\": " + status + "}");
  }

  @Override
  public void close() {
    sink.close();
  }
}
