-- What the minutely evaluation of each SLO found. Rows are keyed by the SLO's name, unique across the catalog; an
-- SLO removed from the catalog keeps its history until the evaluation that no longer finds it deletes it.
--
-- slo_state: one row per SLO, the latest evaluation, written only by the node running the recurring job (db-scheduler
-- runs it on one node at a time), so an upsert needs no lock beyond its row's.
create table slo_state (
  slo                 text        primary key,
  service             text        not null,
  evaluated_at        timestamptz not null,
  -- the instant the figures are measured up to: probe data only to the end of the last whole five minutes
  measured_at         timestamptz,
  state               text        not null check (state in ('no_data', 'zero_traffic', 'measured')),
  sli                 numeric,
  -- the budget in its unit (events, slices or seconds) and, for slices and time, one unit's length in seconds
  budget_total        numeric     not null default 0,
  budget_consumed     numeric     not null default 0,
  budget_unit_seconds numeric,
  consumed_share      numeric,
  -- the burn rate over each lookback, by ISO-8601 duration ({"PT5M": 14.4}); a lookback with nothing measured is absent
  burn_rates          jsonb       not null default '{}',
  exhausted_at        timestamptz,
  period_start        timestamptz not null,
  period_end          timestamptz not null,
  -- the rules firing ("page 14.4 PT1H/PT5M") and the responses raised as alerts (page, ticket)
  firing              text[]      not null default '{}',
  raised              text[]      not null default '{}',
  -- the highest budget threshold (percent consumed) the owning team was told of in this period, and since when
  notified_threshold  numeric,
  notified_at         timestamptz,
  -- the source's last answer and last failure: a failing source leaves the figures of its last answer in place
  last_data_at        timestamptz,
  last_error          text,
  last_error_at       timestamptz
);

-- History: five-minute points kept for the SLO's window, daily points (the day in the SLO's zone) kept 13 months.
-- good and total are the point's own step (events, judged slices, or seconds up and counted), so that any calendar
-- period's SLI is the sum of its days; sli and remaining_share are the whole window's at the point's last evaluation.
create table slo_point (
  slo             text        not null,
  step            text        not null check (step in ('5m', '1d')),
  at              timestamptz not null,
  good            numeric     not null default 0,
  total           numeric     not null default 0,
  sli             numeric,
  remaining_share numeric,
  burn_rate       numeric,
  primary key (slo, step, at)
);
create index slo_point_step_at_idx on slo_point (step, at);
