package dev.vigil;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A person using the web UI over real HTTP: keeps cookies like a browser, follows no redirects (tests look at
 * them), and sends the CSRF token of the last page it loaded with each form.
 */
public final class WebSession {

  private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  /** Cheap hashes for test accounts; a sign-in upgrades them to the application's strength. */
  private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);

  private final HttpClient http;
  private final String base;
  private String csrf;

  public WebSession(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A response; {@code location} is the Location header's path, or null. */
  public record Page(int status, String body, java.net.http.HttpHeaders headers) {
    public String location() {
      return headers.firstValue("Location").map(l -> l.replaceFirst("^https?://[^/]+", "")).orElse(null);
    }
  }

  /** Creates an account straight in the database; role is admin, responder or viewer. */
  public static void account(JdbcClient jdbc, String username, String password, String role, String userName) {
    jdbc.sql("""
            insert into web_account (username, password_hash, role, user_name, created_at, created_by, updated_at)
            values (:u, :h, :r, :n, now(), 'test', now())""")
        .param("u", username).param("h", "{bcrypt}" + FAST.encode(password)).param("r", role).param("n", userName)
        .update();
  }

  /** Removes every account and session. */
  public static void resetAccounts(JdbcClient jdbc) {
    jdbc.sql("truncate web_account, spring_session, spring_session_attributes restart identity").update();
  }

  public Page get(String path) {
    return get(path, Map.of());
  }

  public Page get(String path, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(b::header);
    Page page = send(b);
    Matcher m = CSRF.matcher(page.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return page;
  }

  /** Posts a form with the CSRF token of the last page loaded (loading /login first if none was). */
  public Page post(String path, Map<String, String> form) {
    if (csrf == null) {
      get("/login");
    }
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.put("_csrf", csrf);
    return postWithoutCsrf(path, withToken);
  }

  /** Posts a form body exactly as given (already percent-encoded), with the CSRF token of the last page loaded. */
  public Page postEncoded(String path, String encodedForm) {
    if (csrf == null) {
      get("/login");
    }
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encodedForm + "&_csrf=" + enc(csrf))));
  }

  public Page postWithoutCsrf(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Signs in and returns the answer to the sign-in form (a redirect either way). */
  public Page signIn(String username, String password) {
    get("/login");
    Page page = post("/login", Map.of("username", username, "password", password));
    get("/"); // the session's id and CSRF token change at sign-in
    return page;
  }

  /** A new session signed in as {@code username}; fails the test unless the sign-in led to the home page. */
  public static WebSession signedIn(int port, String username, String password) {
    WebSession web = new WebSession(port);
    Page page = web.signIn(username, password);
    if (!"/".equals(page.location())) {
      throw new AssertionError("sign-in of " + username + " led to " + page.location());
    }
    return web;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private Page send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(r.statusCode(), r.body(), r.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
