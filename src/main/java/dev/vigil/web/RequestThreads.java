package dev.vigil.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Serves HTTP requests on Tomcat's pool of platform threads, not on virtual threads, whatever
 * {@code spring.threads.virtual.enabled} says; see ADR 0017.
 *
 * <p>When the database stops answering, every waiting request gives up at the same instant and takes its error path
 * for the first time, so they load its classes together. A virtual thread that blocks while the JVM loads or
 * initializes a class for it keeps its carrier (JDK 25 cannot unmount it there), and there are only as many carriers
 * as cores: once every carrier waits for a class that a virtual thread without a carrier is loading, no request is
 * answered again, not even after the database is back. A platform thread that waits for a class blocks only itself.
 */
@Component
class RequestThreads implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    // No executor of its own: Tomcat then starts its pool (server.tomcat.threads.*) when the connector starts.
    factory.addProtocolHandlerCustomizers(protocol -> protocol.setExecutor(null));
  }

  /** After Spring Boot's customizer, which gives Tomcat a virtual-thread executor. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
