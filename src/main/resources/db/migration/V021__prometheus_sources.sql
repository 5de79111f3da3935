-- The catalog's Prometheus data sources, which SLOs read. A bearer token or basic-auth password stays in the spec as
-- a probe's password does: Vigil sends it with every query, and plans and listings never show it.

create table prometheus_source (
  id         bigserial   primary key,
  name       text        not null unique,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create trigger prometheus_source_catalog_stamp after insert or update or delete or truncate on prometheus_source
  for each statement execute function catalog_stamp_bump();
