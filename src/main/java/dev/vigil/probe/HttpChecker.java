package dev.vigil.probe;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * HTTP(S) probes: one request with a fresh connection each time (so DNS, connect and TLS are part of what is
 * measured), judged on status, response time, body text, JSONPath assertions and the server certificate's expiry.
 *
 * <p>Apache HttpClient rather than the JDK's client because a probe may insist on IPv4 or IPv6, which needs control
 * over name resolution while TLS still checks the certificate against the host name.
 */
@Component
class HttpChecker implements ProbeChecker<Catalog.HttpProbe>, AutoCloseable {

  /** Bodies are read up to this size; a health page larger than that is not what a probe is for. */
  static final int MAX_BODY = 1 << 20;

  private static final Configuration JSON = Configuration.defaultConfiguration();

  /**
   * Certificate expiry is judged in real time, like the TLS handshake's own validity check, not on the
   * application clock (which tests move forward).
   */
  private final Clock realTime = Clock.systemUTC();
  private final Map<ClientKey, CloseableHttpClient> clients = new LinkedHashMap<>(16, 0.75f, true);

  @Override
  public Outcome check(String probe, Catalog.HttpProbe http, Duration timeout) throws Exception {
    CloseableHttpClient client = client(http, timeout);
    HttpUriRequestBase request = new HttpUriRequestBase(http.methodOrDefault(), URI.create(http.url()));
    http.headers().forEach(request::setHeader);
    if (http.body() != null) {
      request.setEntity(new StringEntity(http.body(), contentType(http.headers())));
    }
    HttpClientContext context = HttpClientContext.create();
    long started = System.nanoTime();
    // The client's timeouts bound each phase; this bounds the whole exchange.
    ScheduledFuture<?> abort = Deadlines.after(timeout, request::cancel);
    Response response;
    try {
      response = client.execute(request, context, r -> new Response(r.getCode(), r.getReasonPhrase(),
          body(r.getEntity()), TlsMaterial.expiry(context.getSSLSession())));
    } catch (IOException e) {
      if (request.isCancelled()) {
        return Outcome.failed(timeout, "timed out after " + ProbeDefinition.human(timeout), null);
      }
      return Outcome.failed(Duration.ofNanos(System.nanoTime() - started), describe(e), null);
    } finally {
      abort.cancel(false);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String problem = judge(http, response, took);
    return problem == null
        ? Outcome.ok(took, response.status + (response.reason == null || response.reason.isBlank() ? ""
            : " " + response.reason), response.certExpiry)
        : Outcome.failed(took, problem, response.certExpiry);
  }

  /** What a response got wrong, the first thing only, or null when it meets every expectation. */
  String judge(Catalog.HttpProbe http, Response response, Duration took) {
    boolean statusOk = http.expectedStatus().isEmpty() ? response.status / 100 == 2
        : http.expectedStatus().contains(response.status);
    if (!statusOk) {
      String expected = http.expectedStatus().isEmpty() ? "2xx" : http.expectedStatus().toString();
      return "status " + response.status + ", expected " + expected
          + (response.status / 100 == 3 && !http.followsRedirects() ? " (redirects are not followed)" : "");
    }
    if (http.maxResponseTime() != null && took.compareTo(http.maxResponseTime()) > 0) {
      return "answered in " + ProbeDefinition.human(took) + ", slower than " + ProbeDefinition.human(http.maxResponseTime());
    }
    if (http.bodyContains() != null && !response.body.contains(http.bodyContains())) {
      return "body does not contain '" + clip(http.bodyContains()) + "'";
    }
    if (http.bodyMatches() != null && !Pattern.compile(http.bodyMatches()).matcher(response.body).find()) {
      return "body does not match /" + clip(http.bodyMatches()) + "/";
    }
    for (Catalog.JsonPathAssertion assertion : http.jsonPath()) {
      String problem = jsonPath(assertion, response.body);
      if (problem != null) {
        return problem;
      }
    }
    if (http.certExpiryDays() != null) {
      String problem = TlsMaterial.expiryProblem(response.certExpiry, realTime.instant(), http.certExpiryDays());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String jsonPath(Catalog.JsonPathAssertion assertion, String body) {
    String trimmed = body.strip();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return "body is not JSON, so JSONPath " + assertion.path() + " cannot read it";
    }
    Object found;
    try {
      found = JsonPath.using(JSON).parse(body).read(assertion.path());
    } catch (PathNotFoundException e) {
      return "JSONPath " + assertion.path() + " finds nothing";
    } catch (RuntimeException e) {
      return "body is not JSON that JSONPath " + assertion.path() + " can read: " + clip(String.valueOf(e.getMessage()));
    }
    if (found == null || found instanceof List<?> list && list.isEmpty()) {
      return "JSONPath " + assertion.path() + " finds nothing";
    }
    String value = found instanceof List<?> list && list.size() == 1 ? String.valueOf(list.getFirst())
        : String.valueOf(found);
    if (assertion.equals() != null && !assertion.equals().equals(value)) {
      return "JSONPath " + assertion.path() + " is '" + clip(value) + "', expected '" + clip(assertion.equals()) + "'";
    }
    if (assertion.matches() != null && !Pattern.compile(assertion.matches()).matcher(value).find()) {
      return "JSONPath " + assertion.path() + " is '" + clip(value) + "', which does not match /"
          + clip(assertion.matches()) + "/";
    }
    return null;
  }

  /** The parts of an answer the checks look at. */
  record Response(int status, String reason, String body, Instant certExpiry) {}

  private static String body(HttpEntity entity) throws IOException {
    if (entity == null) {
      return "";
    }
    try {
      // The declared charset, else UTF-8.
      return EntityUtils.toString(entity, StandardCharsets.UTF_8, MAX_BODY);
    } catch (org.apache.hc.core5.http.ParseException e) {
      throw new IOException("unreadable body: " + e.getMessage(), e);
    }
  }

  private static ContentType contentType(Map<String, String> headers) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type")).findFirst()
        .map(e -> ContentType.parseLenient(e.getValue())).orElse(null);
  }

  private static String describe(IOException e) {
    if (e instanceof UnknownHostException) {
      return "cannot resolve " + e.getMessage();
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return TlsMaterial.describe(e);
    }
    if (e instanceof java.net.SocketTimeoutException || e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
      return "timed out: " + e.getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof java.net.ConnectException ? "connection refused: " + message : message;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /**
   * One client per probe declaration (and the TLS files' modification times, so a renewed certificate is picked
   * up), kept while in use; connections are never reused, so every check measures a whole exchange.
   */
  private CloseableHttpClient client(Catalog.HttpProbe http, Duration timeout)
      throws IOException, GeneralSecurityException {
    ClientKey key = new ClientKey(http, timeout, modified(http.trustedCertificates()),
        http.clientCertificate() == null ? 0 : modified(http.clientCertificate().file()));
    synchronized (clients) {
      CloseableHttpClient client = clients.get(key);
      if (client != null) {
        return client;
      }
    }
    CloseableHttpClient client = build(http, timeout);
    synchronized (clients) {
      CloseableHttpClient raced = clients.putIfAbsent(key, client);
      if (raced != null) {
        client.close();
        return raced;
      }
      // Declarations that changed leave their old clients behind; drop the least recently used beyond a bound.
      if (clients.size() > 20_000) {
        var eldest = clients.entrySet().iterator().next();
        clients.remove(eldest.getKey());
        eldest.getValue().close();
      }
      return client;
    }
  }

  private static long modified(String file) throws IOException {
    return file == null ? 0 : Files.getLastModifiedTime(Path.of(file)).toMillis();
  }

  private record ClientKey(Catalog.HttpProbe http, Duration timeout, long trustedModified, long clientModified) {}

  private static CloseableHttpClient build(Catalog.HttpProbe http, Duration timeout)
      throws IOException, GeneralSecurityException {
    Timeout t = Timeout.of(timeout);
    PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
        .setDnsResolver(resolver(http.ipVersion()));
    if (http.trustedCertificates() != null || http.clientCertificate() != null) {
      connections.setTlsSocketStrategy(
          new DefaultClientTlsStrategy(TlsMaterial.context(http.trustedCertificates(), http.clientCertificate())));
    }
    return HttpClients.custom()
        .setConnectionManager(connections.build())
        .setConnectionReuseStrategy((request, response, context) -> false)
        .disableAutomaticRetries()
        .disableCookieManagement()
        .setUserAgent("Vigil-Probe/1")
        .setDefaultRequestConfig(RequestConfig.custom()
            .setRedirectsEnabled(http.followsRedirects())
            .setMaxRedirects(10)
            .setConnectionRequestTimeout(t)
            .setResponseTimeout(t)
            .build())
        .build();
  }

  /** Resolves names to the addresses of one family only, when the probe asks for one. */
  static DnsResolver resolver(Catalog.IpVersion version) {
    if (version == null) {
      return SystemDefaultDnsResolver.INSTANCE;
    }
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        return Addresses.of(host, version).toArray(InetAddress[]::new);
      }

      @Override
      public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
      }
    };
  }

  @Override
  public void close() throws IOException {
    List<CloseableHttpClient> all;
    synchronized (clients) {
      all = new ArrayList<>(clients.values());
      clients.clear();
    }
    for (CloseableHttpClient c : all) {
      c.close();
    }
  }

  /** Shared timer that aborts exchanges at their deadline; its thread only ever cancels requests. */
  static final class Deadlines {
    private static final java.util.concurrent.ScheduledExecutorService TIMER =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
            .name("vigil-probe-deadlines").factory());

    private Deadlines() {}

    static ScheduledFuture<?> after(Duration delay, Runnable action) {
      return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }
}
