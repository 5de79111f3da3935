-- Deploy pipelines authenticate with tokens of role deployer, each scoped to the services and teams it may record
-- deploys for (ADR 0049); the other roles have no scope.
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check
  check (role in ('admin', 'responder', 'viewer', 'agent', 'deployer'));
alter table api_token add column scope_services text[];
alter table api_token add column scope_teams text[];
alter table api_token add constraint api_token_scope_check
  check ((role = 'deployer') = (scope_services is not null and scope_teams is not null));

-- The change log: deploys (with a version, moving through phases) and other changes (config, feature flag,
-- infrastructure: recorded once, without a version). Services and teams are kept by name, as the catalog names
-- them, so that a change outlives a service renamed or removed from the file. client_id is the id a pipeline chose:
-- its unique index decides a race between two posts of the same deploy, and request_hash tells a replay (same body)
-- from a conflict (another body). Rows are written by one transaction per request and updated only by phases, which
-- lock their row first (select ... for update), so that two phases of one deploy cannot both pass the check.
create table change (
  id             bigserial   primary key,
  client_id      text        unique,
  request_hash   bytea,
  kind           text        not null check (kind in ('deploy', 'config', 'feature_flag', 'infrastructure', 'other')),
  service        text        not null,
  team           text,
  environment    text        not null,
  version        text,
  summary        text        not null,
  author         text,
  pipeline_url   text,
  source         text        not null,
  outcome        text        not null check (outcome in ('in_progress', 'succeeded', 'failed', 'rolled_back')),
  started_at     timestamptz not null,
  finished_at    timestamptz,
  rolled_back_at timestamptz,
  rollback_of    bigint      references change (id),
  details        jsonb,
  recorded_at    timestamptz not null,
  recorded_by    text,
  check ((kind = 'deploy') = (version is not null))
);
-- The changes page and an incident's suspects read by service and time; DORA will read by environment and time.
create index change_service_started_idx on change (service, started_at desc);
create index change_started_idx on change (started_at desc, id desc);

-- The commits a deploy ships, with their commit times (lead time for changes starts at the first).
create table change_commit (
  change_id    bigint      not null references change (id) on delete cascade,
  sha          text        not null,
  committed_at timestamptz,
  primary key (change_id, sha)
);

-- Each phase a deploy went through, when it was reported and by whom.
create table change_phase (
  change_id   bigint      not null references change (id) on delete cascade,
  phase       text        not null check (phase in ('started', 'succeeded', 'failed', 'rolled_back')),
  at          timestamptz not null,
  recorded_by text,
  primary key (change_id, phase)
);

-- A change linked to an incident: marked by a responder as its cause or not, or a rollback recorded during the
-- incident that linked itself. These links are what change failure rate will count. One row per incident and
-- change: marking again replaces the verdict (the timeline keeps each).
create table incident_change (
  incident_id bigint      not null,
  change_id   bigint      not null references change (id) on delete cascade,
  link        text        not null check (link in ('cause', 'not_cause', 'rollback')),
  linked_at   timestamptz not null,
  linked_by   text,
  primary key (incident_id, change_id)
);
create index incident_change_change_idx on incident_change (change_id);
