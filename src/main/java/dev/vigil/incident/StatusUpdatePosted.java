package dev.vigil.incident;

/**
 * Published inside the incident's transaction when a status update has been stored, so that features telling the
 * outside world (public status pages) can queue it in the same transaction.
 */
public record StatusUpdatePosted(long incidentId, long statusUpdateId) {}
