package dev.vigil.incident;

/**
 * Published inside the transaction that flags an incident as still open past its service's RTO: escalation pages
 * the management step of the service's escalation policy.
 */
public record RtoBreached(long incidentId, String service) {}
