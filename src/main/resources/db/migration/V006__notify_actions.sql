-- Signed action links (acknowledge/resolve from an email, Teams card, webhook or Slack button) work once: the
-- SHA-256 of a used token is kept until the token has expired anyway, after which the row may be pruned.

create table action_link_use (
  token_hash  bytea       primary key,
  used_at     timestamptz not null,
  expires_at  timestamptz not null
);
create index action_link_use_expires_idx on action_link_use (expires_at);
