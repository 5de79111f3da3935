-- Accounts of the web UI: people who sign in with a user name and password. An account may be linked to a catalog
-- user (by name, as notifications and the timeline record people), so that its home page shows what paged them.
-- No foreign key to app_user: catalog users come and go with config files, and an account outlives a rename.
create table web_account (
  id               bigserial   primary key,
  username         text        not null,
  password_hash    text        not null,
  role             text        not null check (role in ('admin', 'responder', 'viewer')),
  user_name        text,
  disabled_at      timestamptz,
  -- Bumped when the password changes or the account is disabled: sessions signed in before no longer count.
  credentials_version int      not null default 1,
  created_at       timestamptz not null,
  created_by       text        not null,
  updated_at       timestamptz not null,
  last_sign_in_at  timestamptz
);
create unique index web_account_username_idx on web_account (lower(username));

-- Spring Session's tables (its schema-postgresql.sql): signed-in sessions live in PostgreSQL, so that any node
-- serves any request and a restart or rolling upgrade signs nobody out.
create table spring_session (
  primary_id            char(36)     not null,
  session_id            char(36)     not null,
  creation_time         bigint       not null,
  last_access_time      bigint       not null,
  max_inactive_interval int          not null,
  expiry_time           bigint       not null,
  principal_name        varchar(100),
  constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
  session_primary_id char(36)     not null,
  attribute_name     varchar(200) not null,
  attribute_bytes    bytea        not null,
  constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
  constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id)
    on delete cascade
);
