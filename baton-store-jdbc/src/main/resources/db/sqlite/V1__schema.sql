-- Baton schema, SQLite. Times are epoch milliseconds, ids are text, JSON is text.
-- Columns hold what is filtered or sorted; `body` / `spec` hold the rest of the record.

CREATE TABLE jobs (
  id                TEXT    PRIMARY KEY,
  blueprint         TEXT    NOT NULL,
  blueprint_version INTEGER NOT NULL,
  state             TEXT    NOT NULL,
  status            TEXT    NOT NULL,
  priority          INTEGER NOT NULL,
  parent_job_id     TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  wake_at           INTEGER,
  version           INTEGER NOT NULL,
  body              TEXT    NOT NULL
) STRICT;

CREATE INDEX jobs_newest ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_status ON jobs (status, created_at DESC, id DESC);
CREATE INDEX jobs_blueprint ON jobs (blueprint, created_at DESC, id DESC);
CREATE INDEX jobs_wake ON jobs (wake_at) WHERE wake_at IS NOT NULL;
CREATE INDEX jobs_parent ON jobs (parent_job_id) WHERE parent_job_id IS NOT NULL;

-- seq is the insertion order: the last tie-breaker of a claim and the order of tasksOf.
CREATE TABLE tasks (
  seq         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  job_id      TEXT    NOT NULL REFERENCES jobs (id),
  type        TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  priority    INTEGER NOT NULL,
  attempt     INTEGER NOT NULL,
  worker_id   TEXT,
  lease_until INTEGER,
  visible_at  INTEGER NOT NULL,
  deadline    INTEGER,
  created_at  INTEGER NOT NULL,
  spec        TEXT    NOT NULL
) STRICT;

CREATE INDEX tasks_claim ON tasks (type, priority DESC, visible_at, created_at, seq) WHERE status = 'queued';
CREATE INDEX tasks_job ON tasks (job_id, created_at, seq);
CREATE INDEX tasks_deadline ON tasks (deadline) WHERE deadline IS NOT NULL AND status IN ('queued', 'leased');
CREATE INDEX tasks_lease ON tasks (lease_until) WHERE status = 'leased';
CREATE INDEX tasks_worker ON tasks (worker_id) WHERE status = 'leased';

CREATE TABLE job_transitions (
  seq         INTEGER PRIMARY KEY,
  job_id      TEXT    NOT NULL REFERENCES jobs (id),
  at          INTEGER NOT NULL,
  from_state  TEXT,
  to_state    TEXT    NOT NULL,
  from_status TEXT,
  to_status   TEXT    NOT NULL,
  reason      TEXT    NOT NULL
) STRICT;

CREATE INDEX job_transitions_job ON job_transitions (job_id, seq);

CREATE TABLE workers (
  id            TEXT    PRIMARY KEY,
  registered_at INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  body          TEXT    NOT NULL
) STRICT;
