-- The robot fleet (CasareRPA): the registry, job keys, runs, logs and affinity counts.
CREATE TABLE robots (
  id             TEXT    PRIMARY KEY,
  status         TEXT    NOT NULL,
  drained        INTEGER NOT NULL,
  registered_at  BIGINT  NOT NULL,
  last_heartbeat BIGINT,
  body           TEXT    NOT NULL
);

-- Idempotency keys and de-duplication hashes: who holds them, and until when (NULL: for ever).
CREATE TABLE job_keys (
  key_name   TEXT    PRIMARY KEY,
  owner      TEXT    NOT NULL,
  expires_at BIGINT
);

-- The current run of each robot job: who holds it, since when, how far, how it ended.
CREATE TABLE robot_runs (
  job_id      TEXT    PRIMARY KEY,
  task_id     TEXT    NOT NULL,
  robot_id    TEXT    NOT NULL,
  accepted_at BIGINT,
  finished_at BIGINT,
  outcome     TEXT,
  updated_at  BIGINT  NOT NULL,
  body        TEXT    NOT NULL
);

CREATE INDEX robot_runs_finished ON robot_runs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE job_logs (
  seq      BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id   TEXT    NOT NULL,
  robot_id TEXT    NOT NULL,
  at       BIGINT  NOT NULL,
  level    TEXT    NOT NULL,
  body     TEXT    NOT NULL
);

CREATE INDEX job_logs_job ON job_logs (job_id, seq);

-- Successful runs per workflow and robot, for the affinity strategy.
CREATE TABLE robot_successes (
  workflow_id TEXT    NOT NULL,
  robot_id    TEXT    NOT NULL,
  successes   BIGINT  NOT NULL,
  PRIMARY KEY (workflow_id, robot_id)
);

-- Dashboard: robot jobs created today.
CREATE INDEX jobs_blueprint_created ON jobs (blueprint, created_at);
