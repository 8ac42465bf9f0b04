-- Owners (issue 15). A client with the `client` role lists only the jobs it created, and only the
-- schedules it created: each row names its creator in a column, so that a client's page is a page
-- of an index rather than a read of every job.
--
-- jobs.client copies the body's attributes.client.name (the clients.toml section that created the
-- job; null for a job created in code or by a schedule). Existing rows are filled from the body
-- here: one pass over the jobs that name a client, in this script's transaction.
ALTER TABLE jobs ADD COLUMN client TEXT;
UPDATE jobs SET client = json_extract(body, '$.attributes.client.name')
 WHERE body LIKE '%"client"%';
CREATE INDEX jobs_client ON jobs (client, created_at DESC, id DESC) WHERE client IS NOT NULL;

-- schedules.owner is the clients.toml section that created the schedule through the API; null for
-- a schedule from a file, from code, or from a server without clients (such a schedule belongs to
-- no client: only operators and admins see it). Few rows: no index.
ALTER TABLE schedules ADD COLUMN owner TEXT;
