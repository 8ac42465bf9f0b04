-- As PostgreSQL's V17: the job lists' indexes end at created_at, without the 36-character job id
-- that only ordered jobs created in the same millisecond; a list still orders by (created_at, id),
-- reading the index in created_at order and sorting ties by id (a temporary B-tree for the right
-- part of the ORDER BY). A job's handful of tasks are found by job_id and then sorted.
DROP INDEX jobs_newest;
CREATE INDEX jobs_newest ON jobs (created_at DESC);
DROP INDEX jobs_status;
CREATE INDEX jobs_status ON jobs (status, created_at DESC);
DROP INDEX jobs_blueprint;
CREATE INDEX jobs_blueprint ON jobs (blueprint, created_at DESC);
DROP INDEX jobs_client;
CREATE INDEX jobs_client ON jobs (client, created_at DESC) WHERE client IS NOT NULL;
DROP INDEX tasks_job;
CREATE INDEX tasks_job ON tasks (job_id);
