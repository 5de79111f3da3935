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

  @Override
  public String toString() {
    return base;
  }
}
