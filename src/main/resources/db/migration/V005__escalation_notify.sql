-- Where each incident's escalation stands. A run restarts the policy (re-open, acknowledgement timeout); jobs of
-- an older run find their run number outdated and do nothing.
create table escalation (
  incident_id bigint      primary key references incident (id) on delete cascade,
  policy      text        not null,
  run         int         not null,
  cycle       int         not null,
  step        int         not null,
  state       text        not null check (state in ('waiting', 'active', 'acknowledged', 'done')),
  next_at     timestamptz,
  updated_at  timestamptz not null
);

-- The notification outbox: one row per message to one person through one contact method. The idempotency key
-- makes a repeated escalation step or a retried job unable to queue the same page twice.
create table notification (
  id              bigserial   primary key,
  incident_id     bigint      not null references incident (id) on delete cascade,
  user_name       text        not null,
  contact_index   int         not null,
  type            text        not null,
  address         text        not null,
  reason          text        not null,
  state           text        not null check (state in ('queued', 'held', 'sending', 'sent', 'delivered', 'failed')),
  attempts        int         not null default 0,
  idempotency_key text        not null unique,
  provider_id     text,
  last_error      text,
  bundled_into    bigint      references notification (id),
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  sent_at         timestamptz
);
create index notification_incident_idx on notification (incident_id, id);
create index notification_address_idx on notification (type, address, sent_at desc);
create index notification_provider_idx on notification (provider_id) where provider_id is not null;
