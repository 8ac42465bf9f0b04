-- As PostgreSQL's V18: what a fire advances (next fire, last run, run count, queued fire, and the
-- version that guards a fire and an edit) has a narrow row of its own, so a fire no longer
-- rewrites the schedule's row with its JSON body; schedules keeps what only an operator writes.
CREATE TABLE schedule_states (
  schedule_id  TEXT    PRIMARY KEY,
  enabled      INTEGER NOT NULL,
  since        INTEGER NOT NULL,
  next_run_at  INTEGER,
  last_run_at  INTEGER,
  last_job_id  TEXT,
  run_count    INTEGER NOT NULL,
  queued_fire  INTEGER,
  updated_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL
) STRICT;

-- Existing schedules: their state comes out of the body, where stores before V18 kept it.
INSERT INTO schedule_states (schedule_id, enabled, since, next_run_at, last_run_at, last_job_id,
                             run_count, queued_fire, updated_at, version)
SELECT id, enabled,
       json_extract(body, '$.since'),
       next_run_at,
       json_extract(body, '$.last_run_at'),
       json_extract(body, '$.last_job_id'),
       json_extract(body, '$.run_count'),
       json_extract(body, '$.queued_fire'),
       json_extract(body, '$.updated_at'),
       version
  FROM schedules;

CREATE INDEX schedule_states_due ON schedule_states (next_run_at) WHERE enabled = 1;

DROP INDEX schedules_due;
ALTER TABLE schedules DROP COLUMN enabled;
ALTER TABLE schedules DROP COLUMN next_run_at;
ALTER TABLE schedules DROP COLUMN queued;
ALTER TABLE schedules DROP COLUMN version;
