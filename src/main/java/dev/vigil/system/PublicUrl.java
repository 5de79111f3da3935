package dev.vigil.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address people and providers reach this Vigil at ({@code vigil.notify.base-url}, {@code VIGIL_PUBLIC_URL}):
 * links in notifications and pages, ping URLs and provider callbacks are built on it.
 */
@Component
public final class PublicUrl {

  private final String base;

  public PublicUrl(@Value("${vigil.notify.base-url:}") String base) {
    String url = base == null || base.isBlank() ? "http://localhost:8080" : base.strip();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The address without a trailing slash, so that a path starting with a slash can be appended. */
  public String base() {
    return base;
  }

  /**
   * The incident's page in the web UI, where the person a message reaches can see it and act: not its API resource,
   * which answers a browser with a 401.
   */
  public String incidentPage(long id) {
    return base + "/incidents/" + id;
  }

  @Override
  public String toString() {
    return base;
  }
}
