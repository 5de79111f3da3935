-- The coverage scorecard's daily snapshot: one row per day in the business time zone, written by the recurring job
-- the first time it runs that day, so that the trend reads one point a day. The primary key decides a race between
-- two nodes; a row is never updated, so that a day's figure is what the scorecard said that day. Teams and tiers are
-- kept as JSON objects of their score ({"sre": {"earned": 40, "possible": 52, "percent": 76.9}}), as the catalog
-- names them then.
create table coverage_snapshot (
  day      date        primary key,
  taken_at timestamptz not null,
  earned   bigint      not null,
  possible bigint      not null,
  percent  numeric(4, 1),
  by_team  jsonb       not null,
  by_tier  jsonb       not null
);
