-- Write less per job (issue 16). jobs_blueprint (blueprint, created_at DESC, id DESC) serves what
-- jobs_blueprint_created served: one index entry less per job. (The foreign key of job_transitions,
-- which PostgreSQL drops in its V6, stays: SQLite checks it without writing anything, and dropping
-- it would mean rebuilding the table.)
DROP INDEX jobs_blueprint_created;
