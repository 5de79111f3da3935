-- Running incidents: severity, mitigation, roles, downstream impact, merges, status updates, postmortems with
-- action items, RTO breaches; and the one incident policy of the catalog.

create table incident_policy (
  id         bigserial   primary key,
  name       text        not null unique,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

alter table incident drop constraint incident_status_check;
alter table incident add constraint incident_status_check
  check (status in ('triggered', 'acknowledged', 'mitigated', 'resolved'));

-- severity and severity_rule: what the policy decided at creation (or who changed it since, with the reason on the
-- timeline). merged_into: a merged incident is resolved and points at the one that took its alerts.
alter table incident
  add column severity       text,
  add column severity_rule  text,
  add column mitigated_at   timestamptz,
  add column mitigated_by   text,
  add column merged_into    bigint references incident (id) on delete set null,
  add column rto_breached_at timestamptz;
create index incident_merged_idx on incident (merged_into) where merged_into is not null;

-- The first acknowledgement and mitigation survive a re-open, which clears acknowledged_at: reports measure
-- time to acknowledge and to mitigate from them.
alter table incident
  add column first_acknowledged_at timestamptz,
  add column first_mitigated_at    timestamptz;

-- Who holds each role of an incident now; the history is on the timeline.
create table incident_role (
  incident_id bigint      not null references incident (id) on delete cascade,
  role        text        not null check (role in ('commander', 'communications', 'scribe')),
  user_name   text        not null,
  assigned_at timestamptz not null,
  assigned_by text,
  primary key (incident_id, role)
);

-- Services whose alerts joined an incident of a service they depend on, instead of opening their own.
create table incident_impact (
  incident_id bigint      not null references incident (id) on delete cascade,
  service_id  bigint      not null references service (id) on delete cascade,
  first_alert bigint      references alert (id) on delete set null,
  at          timestamptz not null,
  primary key (incident_id, service_id)
);

-- Written updates to stakeholders; each recipient's message goes through the notification outbox.
create table status_update (
  id          bigserial   primary key,
  incident_id bigint      not null references incident (id) on delete cascade,
  at          timestamptz not null,
  author      text,
  status      text        not null,
  severity    text,
  message     text        not null,
  body        text        not null,
  recipients  text[]      not null
);
create index status_update_incident_idx on status_update (incident_id, id);

-- Outbox rows that are not pages (status updates, reminders) carry their own subject and text, in the columns that
-- V007 added for shift notices.

create table postmortem (
  incident_id  bigint      primary key references incident (id) on delete cascade,
  required     boolean     not null,
  status       text        not null check (status in ('draft', 'in_review', 'published')),
  owner        text,
  due_at       timestamptz,
  document     jsonb       not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  published_at timestamptz,
  reminders    int         not null default 0
);
create index postmortem_due_idx on postmortem (due_at) where status <> 'published';

create table action_item (
  id           bigserial   primary key,
  incident_id  bigint      not null references postmortem (incident_id) on delete cascade,
  title        text        not null,
  owner        text,
  due_date     date,
  status       text        not null check (status in ('open', 'in_progress', 'done', 'wont_do')),
  tracker_url  text,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  completed_at timestamptz,
  reminders    int         not null default 0
);
create index action_item_incident_idx on action_item (incident_id, id);
