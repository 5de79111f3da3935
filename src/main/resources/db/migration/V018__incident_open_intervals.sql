-- The times each incident was open: one row from its opening or re-opening to its resolution, with the first
-- mitigation within it. An incident re-opened after a quiet spell was not down in between, so its duration and
-- downtime are the sums over these rows, not resolution minus creation (ADR 0018).
--
-- Triggers keep the rows in step with the incident's own status and times, whichever statement changes them
-- (intake, people's actions, merges, splits), with the instants those statements wrote from the application's clock.
-- They fire once per statement over its transition tables, so a batch that opens or resolves a hundred incidents
-- costs one insert or update here, as ingest itself does.
create table incident_interval (
  incident_id  bigint      not null references incident (id) on delete cascade,
  number       int         not null,
  opened_at    timestamptz not null,
  mitigated_at timestamptz,
  resolved_at  timestamptz,
  primary key (incident_id, number)
);

create function incident_interval_opened() returns trigger language plpgsql as $$
begin
  insert into incident_interval (incident_id, number, opened_at, mitigated_at, resolved_at)
  select id, 1, created_at, mitigated_at, resolved_at from opened;
  return null;
end
$$;

create function incident_interval_changed() returns trigger language plpgsql as $$
begin
  -- Re-opened: a new interval from the statement's time (every re-opening sets updated_at to it). The statement
  -- holds the incident's row lock, so nobody else numbers an interval of it meanwhile.
  insert into incident_interval (incident_id, number, opened_at, mitigated_at)
  select n.id, coalesce((select max(v.number) from incident_interval v where v.incident_id = n.id), 0) + 1,
         n.updated_at, n.mitigated_at
  from changed_from o join changed_to n on n.id = o.id
  where o.status = 'resolved' and n.status <> 'resolved';
  -- Mitigated or resolved: the open interval says when (a re-opening's new interval is neither).
  update incident_interval v
  set mitigated_at = coalesce(v.mitigated_at, n.mitigated_at),
      resolved_at = case when n.status = 'resolved' then n.resolved_at end
  from changed_from o join changed_to n on n.id = o.id
  where v.incident_id = n.id and v.resolved_at is null
    and ((n.status = 'resolved' and o.status <> 'resolved')
         or (n.mitigated_at is not null and o.mitigated_at is null));
  return null;
end
$$;

create trigger incident_interval_opened after insert on incident
  referencing new table as opened for each statement execute function incident_interval_opened();
create trigger incident_interval_changed after update on incident
  referencing old table as changed_from new table as changed_to
  for each statement execute function incident_interval_changed();

-- The incidents before this migration, from their timelines: an interval from the creation and from each re-opening,
-- each ending at the first resolution (or merge into another) after it; the last one ends with the incident's own
-- resolution, or not at all while it is open.
with starts as (
  select i.id as incident_id, i.created_at as opened_at from incident i
  union all
  select e.incident_id, e.at from incident_event e where e.kind = 'reopened'
), numbered as (
  select incident_id, opened_at,
         row_number() over (partition by incident_id order by opened_at) as number,
         lead(opened_at) over (partition by incident_id order by opened_at) as next_opened
  from starts
)
insert into incident_interval (incident_id, number, opened_at, mitigated_at, resolved_at)
select n.incident_id, n.number, n.opened_at,
       (select min(e.at) from incident_event e
        where e.incident_id = n.incident_id and e.kind = 'mitigated' and e.at >= n.opened_at
          and (n.next_opened is null or e.at <= n.next_opened)),
       case when n.next_opened is null then i.resolved_at
            else coalesce((select min(e.at) from incident_event e
                           where e.incident_id = n.incident_id and e.at >= n.opened_at and e.at <= n.next_opened
                             and (e.kind = 'resolved' or (e.kind = 'merged' and e.detail ? 'into'))),
                          n.next_opened) end
from numbered n join incident i on i.id = n.incident_id;
