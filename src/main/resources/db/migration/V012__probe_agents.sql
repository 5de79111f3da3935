-- Remote agents authenticate with API tokens of role agent, each bound to the one location it serves (ADR 0011).
alter table api_token drop constraint api_token_role_check;
alter table api_token add constraint api_token_role_check check (role in ('admin', 'responder', 'viewer', 'agent'));
alter table api_token add column location text;
alter table api_token add constraint api_token_location_check check ((role = 'agent') = (location is not null));

-- Results that agents posted, waiting for the node that runs the probe (probe.owner) to take them into its state;
-- taken within about a second, so the table stays small.
create table probe_agent_result (
  id          bigserial   primary key,
  probe_id    bigint      not null references probe (id) on delete cascade,
  location    text        not null,
  at          timestamptz not null,
  success     boolean     not null,
  duration_us bigint      not null,
  message     text,
  cert_expiry timestamptz,
  received_at timestamptz not null
);
create index probe_agent_result_probe_idx on probe_agent_result (probe_id, id);
