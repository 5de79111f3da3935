package dev.vigil.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what clients may send ({@code vigil.web.*}).
 *
 * @param maxBodySize largest request body accepted; larger ones get 413 before they are read
 */
@ConfigurationProperties("vigil.web")
public record WebProperties(DataSize maxBodySize) {
  public WebProperties {
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
  }
}
