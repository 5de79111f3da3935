package dev.vigil.catalog;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies the configured {@code vigil.yaml} when a node starts, before it reports ready; an invalid file stops
 * the start with every problem listed.
 */
@Component
@Order(10)
class CatalogStartup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(CatalogStartup.class);

  private final CatalogProperties properties;
  private final CatalogFiles files;

  CatalogStartup(CatalogProperties properties, CatalogFiles files) {
    this.properties = properties;
    this.files = files;
  }

  @Override
  public void run(ApplicationArguments args) {
    Path file = properties.configFile();
    if (file == null) {
      return;
    }
    CatalogFiles.Outcome outcome = files.apply(file, false);
    outcome.problems().forEach(p -> log.warn("{}", p.format()));
    if (!outcome.valid()) {
      throw new InvalidCatalogException(file, outcome.problems());
    }
    Plan plan = outcome.plan();
    log.info("Catalog {} applied: {} created, {} updated, {} deleted, {} moved to this file", file,
        plan.count(Plan.Action.CREATE), plan.count(Plan.Action.UPDATE), plan.count(Plan.Action.DELETE),
        plan.moves().size());
  }
}
