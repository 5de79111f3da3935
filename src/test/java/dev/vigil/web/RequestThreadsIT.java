package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.IntegrationTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/** Requests run on Tomcat's platform threads while virtual threads are on for the rest of the application. */
@IntegrationTest
class RequestThreadsIT {

  @Autowired ServletWebServerApplicationContext context;

  @Test
  void requestsRunOnPlatformThreads() throws Exception {
    TomcatWebServer server = (TomcatWebServer) context.getWebServer();
    Executor requests = server.getTomcat().getConnector().getProtocolHandler().getExecutor();
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    requests.execute(() -> thread.complete(Thread.currentThread()));
    assertThat(thread.get(10, TimeUnit.SECONDS).isVirtual()).as(thread.get().getName()).isFalse();
    assertThat(context.getEnvironment().getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
  }
}
