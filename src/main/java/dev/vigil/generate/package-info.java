/**
 * Monitoring generated from the catalog: Prometheus alerting and recording rules per service kind and tier, their
 * {@code promtool test rules} unit tests, and the scrape configuration, the same bytes for the same catalog. See
 * docs/monitoring.md.
 */
@ApplicationModule(displayName = "Generated monitoring")
package dev.vigil.generate;

import org.springframework.modulith.ApplicationModule;
