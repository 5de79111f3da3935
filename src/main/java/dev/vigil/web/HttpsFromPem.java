package dev.vigil.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * HTTPS served by Vigil itself: given a PEM certificate and key ({@code vigil.web.tls.*}), the server's port speaks
 * TLS through a Spring Boot SSL bundle that reloads the files when they change, and links built on the default
 * public URL say https.
 */
class HttpsFromPem implements EnvironmentPostProcessor, Ordered {

  static final String BUNDLE = "vigil";

  /** After application.yml has been read, which maps VIGIL_TLS_* onto {@code vigil.web.tls.*}. */
  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    WebProperties.Tls tls = Binder.get(environment).bind("vigil.web.tls", WebProperties.Tls.class)
        .orElse(new WebProperties.Tls(null, null, null));
    if (!tls.enabled()) {
      return;
    }
    String pem = "spring.ssl.bundle.pem." + BUNDLE + ".";
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(pem + "keystore.certificate", location(tls.certificate()));
    properties.put(pem + "keystore.private-key", location(tls.privateKey()));
    if (tls.privateKeyPassword() != null) {
      properties.put(pem + "keystore.private-key-password", tls.privateKeyPassword());
    }
    // A renewed certificate is served without a restart; only files can be watched.
    properties.put(pem + "reload-on-update",
        !WebProperties.Tls.inline(tls.certificate()) && !WebProperties.Tls.inline(tls.privateKey()));
    properties.put("server.ssl.bundle", BUNDLE);
    properties.put("vigil.web.scheme", "https");
    // Last: whatever an operator sets for the bundle or server.ssl.* directly still wins.
    environment.getPropertySources().addLast(new MapPropertySource("vigil-https", properties));
  }

  /** A file's path as a resource location; PEM text as it is. */
  private static String location(String value) {
    return WebProperties.Tls.inline(value) || value.startsWith("file:") ? value : "file:" + value;
  }
}
