package dev.vigil.cli;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * Reports a port taken between the command's own check and the web server's start in Vigil's words, naming the
 * options that choose another port, ahead of Spring Boot's generic advice.
 */
class BusyPortFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {

  /** The one line a busy port is reported as, by the command's check and by this analyzer alike. */
  static String inUse(int port) {
    return "vigil: port " + port + " is in use by another process; choose another with --port N or VIGIL_PORT=N.";
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
    return new FailureAnalysis(inUse(cause.getPort()), "Start Vigil with --port N or VIGIL_PORT=N.", cause);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
