-- Synthetic probes, one row per probe a service declares (kept in step with the catalog by every node). The state
-- is the last one decided (after N failures or successes in a row); alerted says whether an alert is firing for it.
-- owner is the node that runs the probe (see probe_node and ADR 0007).
create table probe (
  id          bigserial   primary key,
  service_id  bigint      not null references service (id) on delete cascade,
  name        text        not null,
  kind        text        not null,
  spec        jsonb       not null,
  state       text        not null default 'unknown' check (state in ('up', 'down', 'unknown')),
  state_since timestamptz not null,
  alerted     boolean     not null default false,
  owner       text,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  unique (service_id, name)
);
create index probe_owner_idx on probe (owner);

-- Every change of a probe's state, so that uptime over any range is exact. Rare: one row per outage edge.
create table probe_transition (
  probe_id bigint      not null references probe (id) on delete cascade,
  at       timestamptz not null,
  state    text        not null check (state in ('up', 'down', 'unknown')),
  message  text,
  primary key (probe_id, at)
);

-- Five-minute rollups, one row per probe and hour: data is a sequence of encoded five-minute records (count,
-- failures, latency histogram) appended as each five minutes closes; see probe.Rollup.
create table probe_rollup (
  probe_id bigint      not null references probe (id) on delete cascade,
  hour     timestamptz not null,
  data     bytea       not null,
  primary key (probe_id, hour)
);

-- The Vigil nodes that run probes, with the database time of their last heartbeat; a node whose heartbeat is older
-- than the lease time has lost its probes to the others.
create table probe_node (
  id           text        primary key,
  heartbeat_at timestamptz not null,
  started_at   timestamptz not null
);
