-- PostgreSQL's V12 also leaves room on each page for a row's next versions; SQLite rewrites the
-- page either way and logs no row locks.
--
-- A transition is written once, as its job's ledger entry. Until now it was also a row of
-- job_transitions; those rows stay as the first steps of the jobs they belong to, and their ledger
-- twins, the entries up to this sequence number, are not read as history a second time.
CREATE TABLE history_cutover (ledger_seq INTEGER NOT NULL);
INSERT INTO history_cutover (ledger_seq) SELECT coalesce(max(seq), 0) FROM ledger;
