package dev.vigil.probe;

import dev.vigil.catalog.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** TCP probes: a connection within the timeout, and when asked, an answer to what was sent that matches. */
@Component
class TcpChecker implements ProbeChecker<Catalog.TcpProbe> {

  /** Answers are read up to this size while looking for the expected text. */
  static final int MAX_ANSWER = 64 * 1024;

  @Override
  public Outcome check(String probe, Catalog.TcpProbe tcp, Duration timeout) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    try (Socket socket = new Socket()) {
      InetAddress address = Addresses.of(tcp.host(), tcp.ipVersion()).getFirst();
      socket.connect(new InetSocketAddress(address, tcp.port()), millisLeft(deadline));
      if (tcp.send() != null) {
        socket.getOutputStream().write(tcp.send().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
      }
      if (tcp.expect() == null) {
        return Outcome.ok(since(started), "connected to " + address.getHostAddress() + ":" + tcp.port(), null);
      }
      Pattern expect = Pattern.compile(tcp.expect());
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (answer.size() < MAX_ANSWER) {
        int n;
        try {
          socket.setSoTimeout(millisLeft(deadline));
          n = in.read(buffer);
        } catch (SocketTimeoutException e) {
          return Outcome.failed(since(started), "no answer matching /" + tcp.expect() + "/ within "
              + ProbeDefinition.human(timeout) + "; got " + shown(answer), null);
        }
        if (n < 0) {
          break;
        }
        answer.write(buffer, 0, n);
        if (expect.matcher(answer.toString(StandardCharsets.UTF_8)).find()) {
          return Outcome.ok(since(started), "answer matched /" + tcp.expect() + "/", null);
        }
      }
      return Outcome.failed(since(started), "answer does not match /" + tcp.expect() + "/; got " + shown(answer), null);
    } catch (UnknownHostException e) {
      return Outcome.failed(since(started), "cannot resolve " + e.getMessage(), null);
    } catch (ConnectException e) {
      return Outcome.failed(since(started), "connection refused by " + tcp.host() + ":" + tcp.port(), null);
    } catch (SocketTimeoutException e) {
      return Outcome.failed(since(started), "no connection to " + tcp.host() + ":" + tcp.port() + " within "
          + ProbeDefinition.human(timeout), null);
    } catch (IOException e) {
      return Outcome.failed(since(started), tcp.host() + ":" + tcp.port() + ": " + e.getMessage(), null);
    }
  }

  private static String shown(ByteArrayOutputStream answer) {
    String text = answer.toString(StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "nothing";
    }
    return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
  }

  static int millisLeft(long deadlineNanos) throws SocketTimeoutException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
