-- The catalog: what vigil.yaml declares. Every object keeps its declared form in spec (canonical JSON), so that
-- a plan compares declared with stored without loss; the columns beside it are what other features query.
-- managed_by names the config file that owns the object; null means it was created through the API.

create table catalog_version (
  id         bigserial   primary key,
  applied_at timestamptz not null,
  source     text        not null,
  sha256     text        not null,
  created    int         not null,
  updated    int         not null,
  deleted    int         not null
);

create table team (
  id         bigserial   primary key,
  name       text        not null unique,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table app_user (
  id         bigserial   primary key,
  name       text        not null unique,
  email      text        not null,
  time_zone  text,
  role       text        not null,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table team_member (
  team_id bigint not null references team (id) on delete cascade,
  user_id bigint not null references app_user (id) on delete cascade,
  primary key (team_id, user_id)
);

create table schedule (
  id         bigserial   primary key,
  name       text        not null unique,
  time_zone  text        not null,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table escalation_policy (
  id         bigserial   primary key,
  name       text        not null unique,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table service (
  id                   bigserial   primary key,
  name                 text        not null unique,
  team_id              bigint      not null references team (id),
  tier                 int         not null check (tier between 1 and 4),
  kind                 text,
  escalation_policy_id bigint      references escalation_policy (id),
  spec                 jsonb       not null,
  managed_by           text,
  created_at           timestamptz not null,
  updated_at           timestamptz not null
);

create table service_dependency (
  service_id    bigint not null references service (id) on delete cascade,
  depends_on_id bigint not null references service (id),
  primary key (service_id, depends_on_id)
);

-- The key itself is kept encrypted (admins can read it back); lookups on intake go by its hash.
create table integration (
  id             bigserial   primary key,
  name           text        not null unique,
  type           text        not null,
  service_id     bigint      references service (id),
  key_hash       bytea       not null unique,
  key_ciphertext bytea       not null,
  spec           jsonb       not null,
  managed_by     text,
  created_at     timestamptz not null,
  updated_at     timestamptz not null
);

create table customer (
  id         bigserial   primary key,
  name       text        not null unique,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
