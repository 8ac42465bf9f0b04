-- Write less per job, again (issue 16).
--
-- Room on every page for the row's next versions: a job is written two or three times, a task
-- three times (insert, claim, result). An update whose new version fits on the old one's page is
-- logged without the bytes both versions share at their start and end, and needs no row lock
-- record first; on a full page (the default fillfactor 100) each update wrote the whole row again
-- plus a lock record. Space on a page comes back as soon as its dead versions are pruned.
ALTER TABLE jobs SET (fillfactor = 70);
ALTER TABLE tasks SET (fillfactor = 50);

