-- A stamp that changes with every write to the catalog's tables, so that a node can keep the whole catalog in memory
-- and know with one cheap read whether it is still current (severity rules read the whole catalog for every new
-- incident). Triggers bump it whatever writes (apply, the API, internal integrations, tests' truncates). The value
-- comes from a sequence, which never goes back: a stamp a rolled-back transaction set is never seen again.
create sequence catalog_stamp_seq;
create table catalog_stamp (
  id      int    primary key check (id = 1),
  version bigint not null
);
insert into catalog_stamp values (1, nextval('catalog_stamp_seq'));

create function catalog_stamp_bump() returns trigger language plpgsql as $$
begin
  update catalog_stamp set version = nextval('catalog_stamp_seq') where id = 1;
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['team', 'app_user', 'schedule', 'escalation_policy', 'service', 'integration',
                           'customer', 'incident_policy'] loop
    execute format('create trigger %I after insert or update or delete or truncate on %I'
                   || ' for each statement execute function catalog_stamp_bump()', t || '_catalog_stamp', t);
  end loop;
end
$$;
