-- Blueprint versions and migrations (issue 12). The compatibility check counts the jobs of one
-- blueprint version that have not ended, by state, and a migration pages through them by id. Jobs
-- that ended are most of the table and neither needs them, so the index leaves them out (the
-- queries repeat this filter word for word, so the planner uses it).
CREATE INDEX jobs_unfinished ON jobs (blueprint, blueprint_version, state, id)
 WHERE status NOT IN ('finished', 'failed', 'quarantined', 'cancelled');
