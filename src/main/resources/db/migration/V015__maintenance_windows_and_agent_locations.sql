-- Maintenance windows made through the API ("maintenance now for 30 minutes"), on any service including those a file
-- manages: they are not part of any file, so an apply leaves them alone (ADR 0013). They pause the alerting of the
-- service's probes (all of them when probes is empty) from starts_at until ends_at, exactly like a file's windows.
create table maintenance_window (
  id         bigserial   primary key,
  service_id bigint      not null references service (id) on delete cascade,
  probes     text[]      not null default '{}',
  starts_at  timestamptz not null,
  ends_at    timestamptz not null,
  reason     text        not null,
  created_by text        not null,
  created_at timestamptz not null,
  check (ends_at > starts_at)
);
create index maintenance_window_service_idx on maintenance_window (service_id, ends_at);

-- When each remote agent location was last heard from (it fetched its probes or posted results), whichever node it
-- reached, for listings; whether a location counts for a probe is decided by the probe's owner from the results.
create table probe_location (
  location     text        primary key,
  last_seen_at timestamptz not null
);
