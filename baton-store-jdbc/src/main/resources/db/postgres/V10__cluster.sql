-- Many nodes on one database (issue 13). Each Baton process beats into `nodes`; a singleton duty
-- (the control loop) is led by the node whose lease in `leads` has not lapsed. `term` is the
-- fencing token: it grows whenever the duty changes hands, and a leader's writes carry it, so a
-- stale leader's are refused (see ClusterSql.FENCE). Times are epoch milliseconds of the nodes'
-- clocks. Few rows, written every few seconds: no index beyond the keys.
CREATE TABLE nodes (
  id          TEXT    PRIMARY KEY,
  version     TEXT    NOT NULL,
  started_at  BIGINT  NOT NULL,
  beat_at     BIGINT  NOT NULL
);

CREATE TABLE leads (
  duty        TEXT    PRIMARY KEY,
  node        TEXT    NOT NULL,
  term        BIGINT  NOT NULL,
  expires_at  BIGINT  NOT NULL
);
