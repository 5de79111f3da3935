-- On-call changes made through the API. Those written in vigil.yaml live in their schedule's spec; a config apply
-- never touches these rows (ADR 0003), and they go with their schedule when it is deleted.
create table schedule_override (
  id          bigserial   primary key,
  schedule_id bigint      not null references schedule (id) on delete cascade,
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  add_user    text,
  remove_user text,
  note        text,
  created_by  text,
  created_at  timestamptz not null,
  check (ends_at > starts_at),
  check (add_user is not null or remove_user is not null)
);
create index schedule_override_schedule_idx on schedule_override (schedule_id, ends_at);
create index schedule_override_time_idx on schedule_override (starts_at, ends_at);

-- Temporary schedules: fixed shifts ([{start, end, users}], instants) replacing the layers for a period.
create table temporary_schedule (
  id          bigserial   primary key,
  schedule_id bigint      not null references schedule (id) on delete cascade,
  name        text,
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  shifts      jsonb       not null,
  created_by  text,
  created_at  timestamptz not null,
  check (ends_at > starts_at)
);
create index temporary_schedule_schedule_idx on temporary_schedule (schedule_id, ends_at);

-- Calendar feed tokens, for one schedule or one user. Calendar apps cannot send a bearer token, so the token is in
-- the feed's URL; like API tokens, only a SHA-256 hash is kept, and a revoked token stops working at once.
create table calendar_token (
  id           bigserial   primary key,
  token_hash   bytea       not null unique,
  token_prefix text        not null,
  schedule_id  bigint      references schedule (id) on delete cascade,
  user_id      bigint      references app_user (id) on delete cascade,
  label        text,
  created_by   text,
  created_at   timestamptz not null,
  revoked_at   timestamptz,
  check ((schedule_id is null) <> (user_id is null))
);

-- Heads-up notices before on-call shifts travel through the same outbox as pages: they concern no incident and
-- carry their own subject and text.
alter table notification alter column incident_id drop not null;
alter table notification add column subject text;
alter table notification add column body text;
alter table notification add constraint notification_incident_or_notice
  check (incident_id is not null or (subject is not null and body is not null));
