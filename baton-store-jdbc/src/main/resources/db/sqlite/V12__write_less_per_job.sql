-- PostgreSQL's V12 (room on each page for a row's next versions) has no counterpart here: SQLite
-- rewrites the page either way and logs no row locks.
SELECT 1;
