-- Incidents and their alerts. An alert is identified by its integration and fingerprint: a repeat updates it.
-- At most one open incident per service and grouping key (the partial unique index), so concurrent alerts of one
-- group join one incident instead of racing to open two.

create table incident (
  id              bigserial   primary key,
  service_id      bigint      not null references service (id),
  integration_id  bigint      references integration (id) on delete set null,
  grouping_key    text        not null,
  title           text        not null,
  status          text        not null check (status in ('triggered', 'acknowledged', 'resolved')),
  urgency         text        not null check (urgency in ('high', 'low')),
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by text,
  resolved_at     timestamptz,
  resolved_by     text,
  assignees       text[]      not null default '{}'
);
create unique index incident_open_group_idx on incident (service_id, grouping_key) where status <> 'resolved';
create index incident_created_idx on incident (created_at desc, id desc);
create index incident_status_created_idx on incident (status, created_at desc, id desc);
create index incident_service_created_idx on incident (service_id, created_at desc, id desc);

create table alert (
  id             bigserial   primary key,
  integration_id bigint      not null references integration (id) on delete cascade,
  fingerprint    text        not null,
  incident_id    bigint      not null references incident (id) on delete cascade,
  source         text        not null,
  status         text        not null check (status in ('firing', 'resolved')),
  summary        text        not null,
  severity       text        not null,
  labels         jsonb       not null,
  annotations    jsonb       not null,
  links          jsonb       not null,
  starts_at      timestamptz not null,
  ends_at        timestamptz,
  first_seen     timestamptz not null,
  last_seen      timestamptz not null,
  repeats        int         not null default 0,
  unique (integration_id, fingerprint)
);
create index alert_incident_idx on alert (incident_id);

-- Every event of an incident, in order: who did what, when, through which channel.
create table incident_event (
  id          bigserial   primary key,
  incident_id bigint      not null references incident (id) on delete cascade,
  at          timestamptz not null,
  kind        text        not null,
  actor       text,
  channel     text,
  detail      jsonb       not null default '{}'
);
create index incident_event_incident_idx on incident_event (incident_id, id);
