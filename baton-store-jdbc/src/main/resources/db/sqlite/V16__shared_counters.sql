-- Counters every node sees alike, and that survive a restart (issue 13). Each is counted with one
-- guarded write, so nodes racing on one counter never pass its limit together.

-- The worker routes' rate limit: one fixed window per key (worker and path, or address and path),
-- started at the key's first request after the previous window passed. Windows that passed are
-- deleted by the limiter once per window.
CREATE TABLE rate_windows (
  holder      TEXT    PRIMARY KEY,
  started_at  BIGINT  NOT NULL,
  used        BIGINT  NOT NULL
);

CREATE INDEX rate_windows_started ON rate_windows (started_at);

-- Each scenario's executions since its last ACK (max_executions); an ACK deletes the row.
CREATE TABLE scenario_executions (
  scenario    TEXT    PRIMARY KEY,
  executions  BIGINT  NOT NULL
);

-- Fair share: when each client was last served, as a turn number (higher is more recent). Within a
-- priority, the client with the lowest turn (or none) goes first. A few rows: one per client.
CREATE TABLE client_turns (
  client      TEXT    PRIMARY KEY,
  turn        BIGINT  NOT NULL
);
