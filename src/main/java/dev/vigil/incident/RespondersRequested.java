package dev.vigil.incident;

import dev.vigil.catalog.Catalog;
import java.util.List;

/**
 * Published inside an incident's transaction when a responder asks for more people (another team, a schedule's
 * on-call person, a user): escalation pages them at once.
 *
 * @param requestId distinguishes two requests for the same people, so that each pages once
 */
public record RespondersRequested(long incidentId, List<Catalog.Target> targets, String actor, String requestId,
    String message) {}
