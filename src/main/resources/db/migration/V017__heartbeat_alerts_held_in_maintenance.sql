-- A heartbeat that goes down during one of its service's maintenance windows does not page: its alert is held here
-- (the summary it would have had) and raised when the window ends, if the heartbeat is still down by then.
alter table heartbeat add column held_alert text;
create index heartbeat_held_idx on heartbeat (id) where held_alert is not null;
