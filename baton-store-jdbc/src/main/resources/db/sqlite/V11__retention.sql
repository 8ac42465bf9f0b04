-- Retention (issue 13): jobs that ended long ago and the oldest ledger entries may be removed, by
-- the node that leads the retention duty, in small batches. Ended jobs are found through
-- jobs_status (status, created_at): a job that ended before the cutoff was created before it too,
-- and a further index would cost every finishing job a WAL record.
--
-- The ledger stays append-only for everything at or after its horizon: the one row of
-- ledger_horizon, which only moves forward. Retention moves it to its cutoff, then deletes entries
-- before it; an entry at or after the horizon can still be neither changed nor deleted.
CREATE TABLE ledger_horizon (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  before_at INTEGER NOT NULL
);
INSERT INTO ledger_horizon (id, before_at) VALUES (1, 0);

DROP TRIGGER ledger_no_delete;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
  WHEN OLD.at >= (SELECT before_at FROM ledger_horizon WHERE id = 1)
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

CREATE TRIGGER ledger_horizon_forward BEFORE UPDATE ON ledger_horizon
  WHEN NEW.before_at < OLD.before_at
  BEGIN SELECT RAISE(ABORT, 'the ledger horizon only moves forward'); END;
CREATE TRIGGER ledger_horizon_kept BEFORE DELETE ON ledger_horizon
  BEGIN SELECT RAISE(ABORT, 'the ledger horizon only moves forward'); END;

