package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.springframework.stereotype.Component;

/**
 * TLS certificate probes: a handshake with the server name sent (SNI), a certificate chain the trusted authorities
 * vouch for, valid for that name, and not expiring within the threshold.
 */
@Component
class TlsChecker implements ProbeChecker<Catalog.TlsProbe> {

  /** Expiry is judged in real time, like the handshake's own validity check, not on the application clock. */
  private final Clock realTime = Clock.systemUTC();

  @Override
  public Outcome check(String probe, Catalog.TlsProbe tls, Duration timeout) throws Exception {
    String serverName = tls.serverName() == null ? tls.host() : tls.serverName();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Instant expiry = null;
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(tls.host(), tls.portOrDefault()), TcpChecker.millisLeft(deadline));
      plain.setSoTimeout(TcpChecker.millisLeft(deadline));
      try (SSLSocket socket = (SSLSocket) TlsMaterial.context(tls.trustedCertificates(), null).getSocketFactory()
          .createSocket(plain, serverName, tls.portOrDefault(), false)) {
        SSLParameters parameters = socket.getSSLParameters();
        if (!serverName.matches("[0-9.]+|.*:.*")) {
          parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        if (tls.verifiesHostname()) {
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        expiry = TlsMaterial.expiry(socket.getSession());
      }
    } catch (UnknownHostException e) {
      return Outcome.failed(TcpChecker.since(started), "cannot resolve " + e.getMessage(), null);
    } catch (ConnectException e) {
      return Outcome.failed(TcpChecker.since(started), "connection refused by " + tls.host() + ":"
          + tls.portOrDefault(), null);
    } catch (SocketTimeoutException e) {
      return Outcome.failed(TcpChecker.since(started), "no handshake with " + tls.host() + ":" + tls.portOrDefault()
          + " within " + ProbeDefinition.human(timeout), null);
    } catch (SSLException e) {
      return Outcome.failed(TcpChecker.since(started), TlsMaterial.describe(e), null);
    } catch (IOException e) {
      return Outcome.failed(TcpChecker.since(started), tls.host() + ":" + tls.portOrDefault() + ": " + e.getMessage(),
          null);
    }
    Duration took = TcpChecker.since(started);
    String problem = TlsMaterial.expiryProblem(expiry, realTime.instant(), tls.expiryDaysOrDefault());
    return problem == null
        ? Outcome.ok(took, "certificate valid until " + expiry, expiry)
        : Outcome.failed(took, problem, expiry);
  }
}
