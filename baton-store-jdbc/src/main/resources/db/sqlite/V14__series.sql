-- The console's charts: one bucket a minute, rolled up from the ledger once the minute is over
-- (SeriesRollup), so that the last hour and day read a few hundred small rows rather than every
-- transition, survive a restart and read the same on every node. queued is the queue depth sampled
-- just after the minute, null when no node was running to sample it. Instants in epoch ms.
CREATE TABLE series_minutes (
  minute       INTEGER PRIMARY KEY,
  finished     INTEGER NOT NULL,
  failed       INTEGER NOT NULL,
  timed_jobs   INTEGER NOT NULL,
  timed_millis INTEGER NOT NULL,
  queued       INTEGER
) STRICT;
