package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.catalog.Catalog;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP, DNS and TLS probes against real servers on 127.0.0.1 ({@link ProbeTargets}): a line-based echo service, a
 * small UDP DNS responder with a fixed zone, and a TLS server with a self-signed certificate expiring in 3 days.
 */
class TcpDnsTlsCheckerTest {

  static ProbeTargets targets;
  static ServerSocket pong;
  static DatagramSocket dns;
  static SSLServerSocket tls;
  static TestCertificates.Issued cert;

  @TempDir
  static Path dir;

  @BeforeAll
  static void servers() throws Exception {
    targets = new ProbeTargets(dir);
    pong = targets.pong;
    dns = targets.dns;
    tls = targets.tls;
    cert = targets.cert;
  }

  @AfterAll
  static void stop() throws Exception {
    targets.close();
  }

  /** One check by {@code checker} of the probe in {@code yaml}, which must be of the checker's kind. */
  @SuppressWarnings("unchecked")
  static <S extends Catalog.ProbeSpec> ProbeChecker.Outcome check(ProbeChecker<S> checker, String yaml)
      throws Exception {
    var probe = TestProbes.probe(yaml);
    return checker.check(probe.name(), (S) probe.check(), probe.timeoutOrDefault());
  }

  @Test
  void tcpConnectsSendsAndExpects() throws Exception {
    TcpChecker tcp = new TcpChecker();
    int port = pong.getLocalPort();
    ProbeChecker.Outcome connected = check(tcp, "kind: tcp\ntcp: {host: 127.0.0.1, port: %d}".formatted(port));
    assertThat(connected.success()).as(connected.message()).isTrue();

    ProbeChecker.Outcome answered = check(tcp, """
        kind: tcp
        tcp: {host: 127.0.0.1, port: %d, send: "PING\\r\\n", expect: ^\\+PONG}
        """.formatted(port));
    assertThat(answered.success()).as(answered.message()).isTrue();

    ProbeChecker.Outcome wrong = check(tcp, """
        kind: tcp
        tcp: {host: 127.0.0.1, port: %d, send: "HELLO\\r\\n", expect: ^\\+PONG}
        """.formatted(port));
    assertThat(wrong.success()).isFalse();
    assertThat(wrong.message()).isEqualTo("answer does not match /^\\+PONG/; got '-ERR unknown command'");
  }

  @Test
  void tcpToAClosedPortFails() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    ProbeChecker.Outcome o = check(new TcpChecker(), "kind: tcp\ntcp: {host: 127.0.0.1, port: %d}".formatted(closed));
    assertThat(o.success()).isFalse();
    assertThat(o.message()).isEqualTo("connection refused by 127.0.0.1:" + closed);
  }

  @Test
  void dnsAnswersAreCheckedAgainstTheExpectedValues() throws Exception {
    DnsChecker checker = new DnsChecker();
    String server = "127.0.0.1:" + dns.getLocalPort();
    ProbeChecker.Outcome a = check(checker, """
        kind: dns
        dns: {name: example.test, server: "%s", expect: [192.0.2.11]}
        """.formatted(server));
    assertThat(a.success()).as(a.message()).isTrue();
    assertThat(a.message()).isEqualTo("192.0.2.10, 192.0.2.11");

    ProbeChecker.Outcome mx = check(checker, """
        kind: dns
        dns: {name: example.test, record_type: MX, server: "%s", expect: [10 MAIL.example.test]}
        """.formatted(server));
    assertThat(mx.success()).as(mx.message()).isTrue();

    ProbeChecker.Outcome moved = check(checker, """
        kind: dns
        dns: {name: example.test, server: "%s", expect: [192.0.2.99]}
        """.formatted(server));
    assertThat(moved.success()).isFalse();
    assertThat(moved.message()).isEqualTo("example.test A is [192.0.2.10, 192.0.2.11], without 192.0.2.99");

    ProbeChecker.Outcome none = check(checker, "kind: dns\ndns: {name: example.test, record_type: AAAA, server: \"%s\"}"
        .formatted(server));
    assertThat(none.message()).isEqualTo("no AAAA record for example.test");

    ProbeChecker.Outcome nx = check(checker, "kind: dns\ndns: {name: nope.test, server: \"%s\"}".formatted(server));
    assertThat(nx.success()).isFalse();
    assertThat(nx.message()).isEqualTo("nope.test A: NXDOMAIN");
  }

  @Test
  void dnsServerAddressForms() {
    assertThat(DnsChecker.server("10.0.0.2")).isEqualTo(new InetSocketAddress("10.0.0.2", 53));
    assertThat(DnsChecker.server("10.0.0.2:5353")).isEqualTo(new InetSocketAddress("10.0.0.2", 5353));
    assertThat(DnsChecker.server("[::1]:5353")).isEqualTo(new InetSocketAddress("::1", 5353));
    assertThat(DnsChecker.server("::1")).isEqualTo(new InetSocketAddress("::1", 53));
  }

  @Test
  void tlsCertificateExpiryAndHostname() throws Exception {
    TlsChecker checker = new TlsChecker();
    Path pem = cert.writePem(dir);
    int port = tls.getLocalPort();
    ProbeChecker.Outcome soon = check(checker, """
        kind: tls
        tls: {host: 127.0.0.1, port: %d, server_name: localhost, trusted_certificates: %s}
        """.formatted(port, pem));
    assertThat(soon.success()).as("3 days left, 14 by default").isFalse();
    assertThat(soon.message()).startsWith("certificate expires in 2 days");
    assertThat(soon.certExpiry()).isEqualTo(cert.certificate().getNotAfter().toInstant());

    ProbeChecker.Outcome fine = check(checker, """
        kind: tls
        tls: {host: 127.0.0.1, port: %d, server_name: localhost, expiry_days: 2, trusted_certificates: %s}
        """.formatted(port, pem));
    assertThat(fine.success()).as(fine.message()).isTrue();

    ProbeChecker.Outcome wrongName = check(checker, """
        kind: tls
        tls: {host: 127.0.0.1, port: %d, server_name: other.example, expiry_days: 1, trusted_certificates: %s}
        """.formatted(port, pem));
    assertThat(wrongName.success()).isFalse();
    assertThat(wrongName.message()).startsWith("certificate is not valid for the server name");

    ProbeChecker.Outcome unchecked = check(checker, """
        kind: tls
        tls: {host: 127.0.0.1, port: %d, server_name: other.example, expiry_days: 1, verify_hostname: false,
              trusted_certificates: %s}
        """.formatted(port, pem));
    assertThat(unchecked.success()).as(unchecked.message()).isTrue();

    ProbeChecker.Outcome untrusted = check(checker, "kind: tls\ntls: {host: 127.0.0.1, port: %d, server_name: localhost}"
        .formatted(port));
    assertThat(untrusted.message()).startsWith("certificate is not trusted");
    assertThat(List.of(soon, fine, wrongName, unchecked, untrusted)).allSatisfy(o ->
        assertThat(o.duration()).isPositive());
  }
}
