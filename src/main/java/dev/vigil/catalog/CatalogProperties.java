package dev.vigil.catalog;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Config-as-code settings ({@code vigil.catalog.*}).
 *
 * @param configFile the {@code vigil.yaml} applied at start-up; none keeps the stored catalog as it is
 */
@ConfigurationProperties("vigil.catalog")
public record CatalogProperties(Path configFile) {}
