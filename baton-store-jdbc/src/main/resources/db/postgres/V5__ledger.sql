-- The ledger: Baton's append-only record of what happened and why (job transitions, control loop
-- cycles and actions, administrative changes). seq is the order of appending and the paging cursor.
-- No foreign key to jobs: an entry outlives whatever it is about. Few indexes: every job transition
-- writes a row here.
CREATE TABLE ledger (
  seq      BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       BIGINT  NOT NULL,
  type     TEXT    NOT NULL,
  source   TEXT    NOT NULL,
  severity TEXT    NOT NULL,
  job_id   TEXT,
  details  TEXT    NOT NULL
);

CREATE INDEX ledger_type ON ledger (type text_pattern_ops, seq);
CREATE INDEX ledger_job ON ledger (job_id, seq) WHERE job_id IS NOT NULL;
CREATE INDEX ledger_at ON ledger (at, seq);

-- Append-only, enforced by the database: a change or a deletion fails.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the ledger is append-only'; END $$;
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
