-- API tokens. Only a SHA-256 hash of each token is stored: tokens are 256-bit random, so a fast hash is enough.
create table api_token (
  id           bigserial   primary key,
  name         text        not null,
  token_hash   bytea       not null unique,
  token_prefix text        not null,
  role         text        not null check (role in ('admin', 'responder', 'viewer')),
  created_at   timestamptz not null,
  created_by   text,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
