import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for bench/probes.sh: drives Debian's prometheus-blackbox-exporter at its maximum rate with many concurrent
 * {@code GET /probe?module=http_2xx&target=...} requests for a fixed time, and counts the probes that succeeded.
 * Run with a JDK 22+: {@code java BlackboxLoad.java EXPORTER_URL TARGET_URL CONCURRENCY SECONDS}. Every loop is
 * bounded by the deadline; all traffic goes to 127.0.0.1.
 */
public class BlackboxLoad {

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: java BlackboxLoad.java EXPORTER_URL TARGET_URL CONCURRENCY SECONDS");
      System.exit(2);
    }
    URI probe = URI.create(args[0] + "/probe?module=http_2xx&target="
        + URLEncoder.encode(args[1], StandardCharsets.UTF_8));
    int concurrency = Integer.parseInt(args[2]);
    long deadline = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[3])).toNanos();
    AtomicLong succeeded = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    // One client, HTTP/1.1 with keep-alive to the exporter: the exporter's work per probe is what is measured.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(10)).GET().build();
        while (System.nanoTime() < deadline) {
          try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\nprobe_success 1")) {
              succeeded.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          } catch (Exception e) {
            failed.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.println("succeeded=" + succeeded.get() + " failed=" + failed.get());
  }
}
