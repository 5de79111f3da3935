-- Public status pages: the catalog's declarations, their subscribers, and each message to a subscriber.

create table status_page (
  id         bigserial   primary key,
  name       text        not null unique, -- the slug
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create trigger status_page_catalog_stamp after insert or update or delete or truncate on status_page
  for each statement execute function catalog_stamp_bump();

-- One subscription to one page. The token in confirm and unsubscribe links is looked up by its SHA-256 and kept
-- encrypted only to put it into each message's unsubscribe link; a webhook's signing secret likewise. An email
-- subscription receives nothing until confirmed_at is set (double opt-in); a webhook one is confirmed at once.
create table status_page_subscriber (
  id                bigserial   primary key,
  page_id           bigint      not null references status_page (id) on delete cascade,
  kind              text        not null check (kind in ('email', 'webhook')),
  address           text        not null,
  token_hash        bytea       not null unique,
  token_ciphertext  bytea       not null,
  secret_ciphertext bytea,
  created_at        timestamptz not null,
  confirmed_at      timestamptz,
  unique (page_id, kind, address)
);

-- The outbox of status-page messages: one row per subscriber and event, unique by its idempotency key, so an event
-- seen twice queues nothing new; delivered by the db-scheduler job status-page-delivery with retries.
create table status_page_delivery (
  id              bigserial   primary key,
  subscriber_id   bigint      not null references status_page_subscriber (id) on delete cascade,
  idempotency_key text        not null unique,
  event           text        not null,
  subject         text        not null,
  body            text        not null,
  state           text        not null default 'queued' check (state in ('queued', 'sent', 'failed')),
  attempts        int         not null default 0,
  last_error      text,
  created_at      timestamptz not null,
  sent_at         timestamptz
);
create index status_page_delivery_subscriber_idx on status_page_delivery (subscriber_id);
