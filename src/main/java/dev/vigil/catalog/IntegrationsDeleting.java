package dev.vigil.catalog;

import java.util.Set;

/**
 * Published inside the transaction that deletes integrations, before their rows go: what was stored under them
 * (their alerts) goes in the same transaction, since those tables carry no foreign key to cascade by (ADR 0015).
 */
public record IntegrationsDeleting(Set<Long> ids) {
  public IntegrationsDeleting {
    ids = Set.copyOf(ids);
  }
}
