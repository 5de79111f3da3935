-- Heartbeats: jobs that report in by pinging a URL. One row per heartbeat declared in a service; the row carries
-- where the heartbeat stands (state, last ping, when the next ping is due and when it will be down), so that the
-- sweeper finds every overdue heartbeat with one indexed query, after a restart too.

-- Alerts Vigil raises itself (heartbeats, probes) go through one internal integration per source, which the
-- catalog's listings, plans and the intake routes ignore.
alter table integration add column internal boolean not null default false;

create table heartbeat (
  id               bigserial   primary key,
  service_id       bigint      not null references service (id) on delete cascade,
  name             text        not null,
  -- The token in the ping URL: looked up by its SHA-256, kept encrypted to show the URL again.
  token_hash       bytea       not null unique,
  token_ciphertext bytea       not null,
  token_declared   boolean     not null,
  spec             jsonb       not null,
  -- new: never pinged; up: pinged in time; down: overdue by the grace time, or reported a failure. Late is up
  -- past due_at, worked out when read.
  state            text        not null default 'new' check (state in ('new', 'up', 'down')),
  last_ping_at     timestamptz,
  last_ping_kind   text,
  last_success_at  timestamptz,
  last_duration_ms bigint,
  -- Set by a start signal until the run ends with a success or a failure.
  started_at       timestamptz,
  due_at           timestamptz,
  -- When the heartbeat goes down if nothing arrives; null when nothing is awaited (new, or already down).
  deadline_at      timestamptz,
  down_since       timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  unique (service_id, name)
);
create index heartbeat_deadline_idx on heartbeat (deadline_at) where deadline_at is not null;

-- The most recent pings of each heartbeat (vigil.heartbeat.pings-kept of them).
create table heartbeat_ping (
  id                bigserial   primary key,
  heartbeat_id      bigint      not null references heartbeat (id) on delete cascade,
  at                timestamptz not null,
  kind              text        not null check (kind in ('success', 'start', 'fail')),
  exit_status       int,
  duration_ms       bigint,
  method            text        not null,
  remote_address    text,
  user_agent        text,
  body              text,
  body_truncated    boolean     not null default false
);
create index heartbeat_ping_heartbeat_idx on heartbeat_ping (heartbeat_id, id desc);
