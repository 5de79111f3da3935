package dev.vigil.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Posts a notification to an HTTP endpoint and turns the outcome into the channel contract: a 2xx answer, or a
 * {@link ChannelException} that says whether retrying can help. Messages never contain the target URL, since
 * Slack and Teams webhook URLs are themselves credentials.
 */
@Component
public class HttpSender {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final int MAX_ERROR_BODY = 300;

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      // A redirect of a POST is a misconfigured endpoint; following it could also send the page elsewhere.
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /** An HTTP answer. */
  public record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Posts {@code body} and returns the 2xx answer. Anything else is a failure: 4xx are permanent (the request
   * itself is wrong) except 408 and 429, which like 5xx and network errors are worth retrying.
   */
  public Response post(String what, String url, String contentType, String body, Map<String, String> headers)
      throws ChannelException {
    Response response = exchange(what, url, contentType, body, headers);
    if (!response.ok()) {
      throw new ChannelException(what + " at " + uri(what, url).getHost() + " answered " + response.status()
          + errorBody(response.body()), permanent(response.status()));
    }
    return response;
  }

  /** Posts {@code body} and returns whatever the server answered; only network failures are exceptions. */
  Response exchange(String what, String url, String contentType, String body, Map<String, String> headers)
      throws ChannelException {
    URI uri = uri(what, url);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", contentType)
        .header("User-Agent", "Vigil")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (HttpTimeoutException e) {
      throw new ChannelException(what + " at " + uri.getHost() + " did not answer in time", false, e);
    } catch (IOException e) {
      throw new ChannelException(what + " at " + uri.getHost() + " could not be reached: " + e, false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelException(what + " was interrupted", false, e);
    }
  }

  /** Whether a failed HTTP status means retrying the same request cannot succeed. */
  static boolean permanent(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  static URI uri(String what, String url) throws ChannelException {
    try {
      URI uri = URI.create(url.strip());
      if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ChannelException(what + ": the address is not an http(s) URL", true, e);
    }
  }

  static String errorBody(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + (oneLine.length() > MAX_ERROR_BODY ? oneLine.substring(0, MAX_ERROR_BODY) + "..." : oneLine);
  }
}
