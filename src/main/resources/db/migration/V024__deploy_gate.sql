-- The catalog's change freezes (top-level change_freezes:), which the deploy gate reads; kept like every catalog
-- object, by name with its spec, and bumping the catalog stamp so that every node reloads them.
create table change_freeze (
  id         bigserial   primary key,
  name       text        not null unique,
  spec       jsonb       not null,
  managed_by text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create trigger change_freeze_catalog_stamp after insert or update or delete or truncate on change_freeze
  for each statement execute function catalog_stamp_bump();

-- A deploy let through a blocked gate: who, why, and the reasons it overrode. It lets the service's next deploy
-- through (for an hour at most) and then names that deploy, so that the change shows it went past the gate. The
-- deploy that claims it updates the row under its own lock (select ... for update skip locked is not needed: a
-- deploy's insert runs in one transaction, and two deploys racing for one override are told apart by the
-- "change_id is null" condition of the update, which PostgreSQL re-checks after waiting for the row lock).
create table deploy_gate_override (
  id            bigserial   primary key,
  service       text        not null,
  reason        text        not null,
  blocked_by    jsonb       not null,
  overridden_at timestamptz not null,
  overridden_by text        not null,
  expires_at    timestamptz not null,
  change_id     bigint      references change (id) on delete set null
);
create index deploy_gate_override_service_idx on deploy_gate_override (service, overridden_at desc);
create index deploy_gate_override_change_idx on deploy_gate_override (change_id);
