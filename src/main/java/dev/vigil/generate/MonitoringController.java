package dev.vigil.generate;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.system.PublicUrl;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/monitoring/prometheus}: what {@code vigil generate prometheus} and {@code grafana} write for the
 * catalog as applied, and {@code vigil generate alertmanager} when the catalog has an integration to send alerts to, as
 * one zip of the same files, for a deploy pipeline that has no copy of the catalog file.
 */
@RestController
class MonitoringController {

  static final MediaType ZIP = MediaType.parseMediaType("application/zip");

  /** Every entry carries this time, so that the same catalog gives the same bytes. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private final CatalogQueries catalog;
  private final PublicUrl publicUrl;

  MonitoringController(CatalogQueries catalog, PublicUrl publicUrl) {
    this.catalog = catalog;
    this.publicUrl = publicUrl;
  }

  /**
   * The Prometheus rules of every service, their promtool unit tests, the scrape configuration (Vigil's own metrics at
   * its public address) and the Grafana dashboards, with the Alertmanager configuration sending to Vigil's public
   * address when the catalog has an alertmanager or pagerduty integration, as a zip; a 400 naming each service whose
   * monitoring section cannot be generated.
   */
  @ApiResponse(responseCode = "200", description = "rules/, tests/, prometheus/, grafana/ and alertmanager/ as a zip",
      content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
  @GetMapping("/api/v1/monitoring/prometheus")
  ResponseEntity<byte[]> prometheus() {
    Catalog applied = catalog.catalog();
    String source = PrometheusMonitoring.source("as applied", applied);
    SortedMap<String, String> files = new TreeMap<>(PrometheusMonitoring.files(applied, source,
        hostAndPort(URI.create(publicUrl.base()))));
    files.putAll(GrafanaDashboards.files(applied, source));
    if (AlertmanagerConfig.applies(applied)) {
      files.putAll(AlertmanagerConfig.files(applied, source, publicUrl.base()));
    }
    return ResponseEntity.ok().contentType(ZIP)
        .header("Content-Disposition", "attachment; filename=\"prometheus.zip\"").body(zip(files));
  }

  static byte[] zip(SortedMap<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var file : files.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a zip in memory cannot fail to write", e);
    }
    return bytes.toByteArray();
  }

  private static String hostAndPort(URI base) {
    int port = base.getPort() >= 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    return base.getHost() + ":" + port;
  }
}
