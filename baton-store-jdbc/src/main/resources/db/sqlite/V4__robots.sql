-- The robot fleet (CasareRPA): the registry, job keys, runs, logs and affinity counts.
CREATE TABLE robots (
  id             TEXT    PRIMARY KEY,
  status         TEXT    NOT NULL,
  drained        INTEGER NOT NULL,
  registered_at  INTEGER NOT NULL,
  last_heartbeat INTEGER,
  body           TEXT    NOT NULL
) STRICT;

-- Idempotency keys and de-duplication hashes: who holds them, and until when (NULL: for ever).
CREATE TABLE job_keys (
  key_name   TEXT    PRIMARY KEY,
  owner      TEXT    NOT NULL,
  expires_at INTEGER
) STRICT;

-- The current run of each robot job: who holds it, since when, how far, how it ended.
CREATE TABLE robot_runs (
  job_id      TEXT    PRIMARY KEY,
  task_id     TEXT    NOT NULL,
  robot_id    TEXT    NOT NULL,
  accepted_at INTEGER,
  finished_at INTEGER,
  outcome     TEXT,
  updated_at  INTEGER NOT NULL,
  body        TEXT    NOT NULL
) STRICT;

CREATE INDEX robot_runs_finished ON robot_runs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE job_logs (
  seq      INTEGER PRIMARY KEY,
  job_id   TEXT    NOT NULL,
  robot_id TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  level    TEXT    NOT NULL,
  body     TEXT    NOT NULL
) STRICT;

CREATE INDEX job_logs_job ON job_logs (job_id, seq);

-- Successful runs per workflow and robot, for the affinity strategy.
CREATE TABLE robot_successes (
  workflow_id TEXT    NOT NULL,
  robot_id    TEXT    NOT NULL,
  successes   INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, robot_id)
) STRICT;

-- Dashboard: robot jobs created today.
CREATE INDEX jobs_blueprint_created ON jobs (blueprint, created_at);
