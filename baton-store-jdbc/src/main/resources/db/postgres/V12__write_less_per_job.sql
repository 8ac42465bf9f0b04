-- Write less per job, again (issue 16).
--
-- Room on every page for the row's next versions: a job is written two or three times, a task
-- three times (insert, claim, result). An update whose new version fits on the old one's page is
-- logged without the bytes both versions share at their start and end, and needs no row lock
-- record first; on a full page (the default fillfactor 100) each update wrote the whole row again
-- plus a lock record. Space on a page comes back as soon as its dead versions are pruned.
ALTER TABLE jobs SET (fillfactor = 70);
ALTER TABLE tasks SET (fillfactor = 50);


-- A transition is written once, as its job's ledger entry. Until now it was also a row of
-- job_transitions; those rows stay as the first steps of the jobs they belong to, and their ledger
-- twins, the entries up to this sequence number, are not read as history a second time.
CREATE TABLE history_cutover (ledger_seq BIGINT NOT NULL);
INSERT INTO history_cutover (ledger_seq) SELECT coalesce(max(seq), 0) FROM ledger;

-- Every transition appends to the ledger, so each of its indexes costs every job a WAL record per
-- transition. Entries are appended in the order of their time, which a BRIN index (a summary of
-- each range of pages, written when a range is summarized, not at every insert) serves for time
-- ranges as well as the B-tree did (a query still returns entries in seq order).
DROP INDEX ledger_at;
CREATE INDEX ledger_at ON ledger USING brin (at);
