package dev.vigil.incident;

/**
 * What became of one alert event: the alert it updated and the incident it belongs to (null for a resolve or an
 * acknowledge of an alert Vigil never saw), and whether the event opened that incident.
 */
public record IngestedAlert(String fingerprint, Long alertId, Long incidentId, boolean openedIncident) {}
