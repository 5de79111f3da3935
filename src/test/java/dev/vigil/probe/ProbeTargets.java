package dev.vigil.probe;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Real servers on 127.0.0.1 for probes to check: a line-based echo service, a small UDP DNS responder with a fixed
 * zone, a TLS server with a self-signed certificate expiring in 3 days, an HTTP server that answers health checks
 * and Elasticsearch's cluster health, and a TCP and a UDP socket that take requests and never answer.
 */
final class ProbeTargets implements AutoCloseable {

  final ServerSocket pong;
  final DatagramSocket dns;
  final SSLServerSocket tls;
  final TestCertificates.Issued cert;
  /** The TLS server's certificate as a PEM file, to trust it. */
  final Path pem;
  final HttpServer http;
  /** Accepts connections (the kernel does) and never reads or answers. */
  final ServerSocket silent;
  /** Receives datagrams and never answers. */
  final DatagramSocket silentUdp;

  ProbeTargets(Path dir) throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    pong = new ServerSocket(0, 50, loopback);
    Thread.ofVirtual().start(this::answerPing);

    dns = new DatagramSocket(0, loopback);
    Thread.ofVirtual().start(this::answerDns);

    cert = TestCertificates.selfSigned("localhost", Duration.ofDays(3));
    pem = cert.writePem(dir);
    tls = (SSLServerSocket) cert.serverContext().getServerSocketFactory().createServerSocket(0, 50, loopback);
    Thread.ofVirtual().start(() -> {
      while (!tls.isClosed()) {
        try (SSLSocket s = (SSLSocket) tls.accept()) {
          s.startHandshake();
        } catch (Exception e) {
          // a client that refused the certificate; next connection
        }
      }
    });

    http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    http.createContext("/ok", e -> answer(e, 200, "ok"));
    http.createContext("/green/_cluster/health", e -> answer(e, 200, health("green")));
    http.createContext("/red/_cluster/health", e -> answer(e, 200, health("red")));
    http.createContext("/", e -> answer(e, 404, "no such page"));
    http.start();

    silent = new ServerSocket(0, 50, loopback);
    silentUdp = new DatagramSocket(0, loopback);
  }

  private static String health(String status) {
    return """
        {"cluster_name":"search","status":"%s","timed_out":false,"number_of_nodes":1,"number_of_data_nodes":1,
         "active_primary_shards":5,"active_shards":5,"unassigned_shards":0}""".formatted(status);
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  String httpUrl(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  /** A port nothing listens on. */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

  /**
   * Starts Debian's redis-server on a free port without persistence, with the given extra arguments, and adds it to
   * {@code started} for the caller to stop; returns the port once it answers.
   */
  static int redis(Path dir, List<Process> started, String... arguments) throws Exception {
    if (!Files.isExecutable(REDIS_SERVER)) {
      fail(REDIS_SERVER + " not found: install the Debian package redis-server (apt-get install redis-server);"
          + " .ci/run does");
    }
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
        "--dbfilename", "dump-" + port + ".rdb"));
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
    started.add(p);
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return true;
      }
    });
    return port;
  }

  /** Answers {@code PING} with {@code +PONG} and anything else with an error, one line per connection. */
  private void answerPing() {
    while (!pong.isClosed()) {
      try (Socket s = pong.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        String line = in.readLine();
        OutputStream out = s.getOutputStream();
        out.write(("PING".equals(line) ? "+PONG\r\n" : "-ERR unknown command\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (Exception e) {
        // next connection
      }
    }
  }

  /** Answers A and MX questions for example.test from a fixed zone; anything else is NXDOMAIN. */
  private void answerDns() {
    byte[] buffer = new byte[512];
    while (!dns.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        dns.receive(packet);
        Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
        Record question = query.getQuestion();
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.addRecord(question, Section.QUESTION);
        Name zone = Name.fromString("example.test.");
        if (question.getName().equals(zone) && question.getType() == Type.A) {
          answer.addRecord(new ARecord(zone, DClass.IN, 60, InetAddress.getByName("192.0.2.10")), Section.ANSWER);
          answer.addRecord(new ARecord(zone, DClass.IN, 60, InetAddress.getByName("192.0.2.11")), Section.ANSWER);
        } else if (question.getName().equals(zone) && question.getType() == Type.MX) {
          answer.addRecord(new MXRecord(zone, DClass.IN, 60, 10, Name.fromString("mail.example.test.")),
              Section.ANSWER);
        } else if (!question.getName().equals(zone)) {
          answer.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        byte[] wire = answer.toWire();
        dns.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      } catch (Exception e) {
        // closed, or a malformed query; keep answering
      }
    }
  }

  @Override
  public void close() throws IOException {
    pong.close();
    dns.close();
    tls.close();
    http.stop(0);
    silent.close();
    silentUdp.close();
  }
}
