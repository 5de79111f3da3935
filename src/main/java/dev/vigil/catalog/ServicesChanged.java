package dev.vigil.catalog;

import java.util.List;

/**
 * Published inside the transaction that created or updated services (an apply, or an edit through the API), with
 * their declarations as written, secrets in clear: features that keep rows per declared part of a service (its
 * heartbeats) bring them up to date in the same transaction. Rows of deleted services go with them by foreign key.
 */
public record ServicesChanged(List<Catalog.Service> services) {
  public ServicesChanged {
    services = List.copyOf(services);
  }
}
