-- The ledger: Baton's append-only record of what happened and why (job transitions, control loop
-- cycles and actions, administrative changes). seq is the order of appending and the paging cursor;
-- a rowid is never given twice while no row is deleted, which the triggers below forbid (so no
-- AUTOINCREMENT, which costs a write per insert). No foreign key to jobs: an entry outlives
-- whatever it is about. Few indexes: every job transition writes a row here.
CREATE TABLE ledger (
  seq      INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  type     TEXT    NOT NULL,
  source   TEXT    NOT NULL,
  severity TEXT    NOT NULL,
  job_id   TEXT,
  details  TEXT    NOT NULL
) STRICT;

CREATE INDEX ledger_type ON ledger (type, seq);
CREATE INDEX ledger_job ON ledger (job_id, seq) WHERE job_id IS NOT NULL;
CREATE INDEX ledger_at ON ledger (at, seq);

-- Append-only, enforced by the database: a change or a deletion fails.
CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
