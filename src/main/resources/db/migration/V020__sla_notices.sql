-- The SLA notices sent: one row per customer, contract, period (2026-11, 2026-Q4, 2026) and threshold of the allowed
-- downtime used, inserted in the transaction that queues the notices to the customer's contacts, so that each
-- threshold is announced once per period however often the job looks. The primary key decides a race between two
-- inserts; no row is ever updated. Customers and contracts are keyed by name, as the catalog names them.
create table sla_notice (
  customer  text        not null,
  contract  text        not null,
  period    text        not null,
  threshold integer     not null check (threshold in (50, 75, 100)),
  sent_at   timestamptz not null,
  primary key (customer, contract, period, threshold)
);
