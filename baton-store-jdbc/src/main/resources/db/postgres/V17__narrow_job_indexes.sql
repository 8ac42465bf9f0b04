-- Write less per job, a third time (issue 16). A job's row is written twice (its insert and the
-- update that ends it), and as the update changes the status it cannot be a HOT update: each index
-- of jobs gets a second entry. The job lists' indexes ended with the job's id, a 36-character
-- UUID that made each entry three times as wide as its key, only to order jobs created in the same
-- millisecond. A list still orders by (created_at, id): PostgreSQL reads the index in created_at
-- order and sorts each millisecond's few jobs by id (an incremental sort), and entries of equal
-- keys are deduplicated on their leaf pages.
--
-- What is looked up by job id alone, a job's tasks (its task row is written three times, none of
-- them a HOT update) and a job's ledger entries (its history), is a hash index: an entry holds the
-- id's 4-byte hash, not the 37-byte id, and the few rows it finds are sorted after (tasksOf by
-- (created_at, seq), a history by seq). Equality, and the IN lists of retention's deletes, is all
-- that is asked of them.
DROP INDEX jobs_newest;
CREATE INDEX jobs_newest ON jobs (created_at DESC);
DROP INDEX jobs_status;
CREATE INDEX jobs_status ON jobs (status, created_at DESC);
DROP INDEX jobs_blueprint;
CREATE INDEX jobs_blueprint ON jobs (blueprint, created_at DESC);
DROP INDEX jobs_client;
CREATE INDEX jobs_client ON jobs (client, created_at DESC) WHERE client IS NOT NULL;
DROP INDEX tasks_job;
CREATE INDEX tasks_job ON tasks USING hash (job_id);
DROP INDEX ledger_job;
CREATE INDEX ledger_job ON ledger USING hash (job_id) WHERE job_id IS NOT NULL;
