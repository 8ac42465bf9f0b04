-- Schedules and their runs. A fire is claimed by the guarded update of its schedule's version
-- (one process wins) and recorded once by the primary key of schedule_runs.
CREATE TABLE schedules (
  id           TEXT    PRIMARY KEY,
  name         TEXT    NOT NULL UNIQUE,
  enabled      INTEGER NOT NULL,
  next_run_at  INTEGER,
  queued       INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  body         TEXT    NOT NULL
) STRICT;

CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled = 1;

CREATE TABLE schedule_runs (
  schedule_id  TEXT    NOT NULL,
  fire_at      INTEGER NOT NULL,
  fired_at     INTEGER NOT NULL,
  outcome      TEXT    NOT NULL,
  job_id       TEXT,
  reason       TEXT,
  PRIMARY KEY (schedule_id, fire_at)
) STRICT;

-- The control loop looks at the last hour of runs of every schedule.
CREATE INDEX schedule_runs_fired ON schedule_runs (fire_at);
