-- Alerts and incident events are the tables every alert writes a row to. Their foreign keys made PostgreSQL check
-- each inserted row against its integration and its incident, a locking read per row and key that cost as much as
-- the inserts themselves (ADR 0015). Vigil keeps these references true itself:
-- - incidents are never deleted;
-- - deleting an integration deletes its alerts in the same transaction, after the ingests in flight for it end
--   (IntegrationsDeleting; ingest holds a shared advisory lock on its integration and checks that it still exists).
alter table alert drop constraint alert_integration_id_fkey, drop constraint alert_incident_id_fkey;
alter table incident_event drop constraint incident_event_incident_id_fkey;
