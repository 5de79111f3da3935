/**
 * The catalog as code: {@code vigil.yaml}'s schema, loading, checks and plans, and API edits through the same
 * pipeline. Owns the tables of teams, users, services and their dependencies, schedules' declarations, policies,
 * integrations, customers and catalog versions, and {@code vigil.catalog.*}. Other features read it through
 * {@link dev.vigil.catalog.CatalogQueries}.
 */
@ApplicationModule(displayName = "Catalog")
package dev.vigil.catalog;

import org.springframework.modulith.ApplicationModule;
