package dev.vigil.change;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A change recorded once, as it happened: a config change, a feature flag, infrastructure, through
 * {@code POST /api/v1/changes}; or, from PagerDuty's Change Events, anything a tool reports, a deploy when it names
 * the version it shipped.
 *
 * @param id the sender's id, which makes the request idempotent; null to have Vigil make one
 * @param details what else the sender said, kept as it was sent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewChange(String id, ChangeKind kind, String service, String environment, String version,
    String summary, String author, String url, Instant at, Map<String, Object> details) {}
