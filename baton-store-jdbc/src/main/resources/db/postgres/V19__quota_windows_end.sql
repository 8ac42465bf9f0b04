-- A per-type dispatch rate (issue 13) counts its hand-outs in quota_usage, one row per window: the
-- row now says when its window ends, and the node that leads retention deletes the rows whose
-- window has passed, in small batches. A quota without an end (a client's month) has none and
-- stays.
ALTER TABLE quota_usage ADD COLUMN ends_at BIGINT;

CREATE INDEX quota_usage_ends ON quota_usage (ends_at) WHERE ends_at IS NOT NULL;

-- The rate rows written before this have no end, and would stay for ever: they go now. A type's
-- rate may then hand out one more window's worth, in the window of the upgrade.
DELETE FROM quota_usage WHERE holder LIKE 'type-rate:%';
