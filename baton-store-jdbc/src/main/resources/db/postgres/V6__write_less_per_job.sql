-- Write less per job (issue 16). Every index on jobs gets a new entry at each job's insert and at
-- each update that changes its status, and every foreign key check locks the parent row, which
-- PostgreSQL writes to the WAL.
--
-- jobs_blueprint (blueprint, created_at DESC, id DESC) serves what jobs_blueprint_created served
-- (a B-tree is read in either direction): about 180 WAL bytes per job for nothing.
DROP INDEX jobs_blueprint_created;

-- A transition is written by the engine in the same transaction as its job, and nothing deletes
-- jobs; the check only cost a row lock (a WAL record) on the job at every transition. The ledger,
-- which records every transition too, has never had one.
ALTER TABLE job_transitions DROP CONSTRAINT job_transitions_job_id_fkey;
