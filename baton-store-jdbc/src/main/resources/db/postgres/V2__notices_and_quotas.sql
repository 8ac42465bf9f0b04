-- Notices Baton owes the outside world (webhooks), written with the change they report.
CREATE TABLE notices (
  id          TEXT    PRIMARY KEY,
  job_id      TEXT    NOT NULL REFERENCES jobs (id),
  event       TEXT    NOT NULL,
  target      TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  attempts    INTEGER NOT NULL,
  due_at      BIGINT  NOT NULL,
  created_at  BIGINT  NOT NULL,
  last_error  TEXT,
  payload     TEXT    NOT NULL
);

CREATE INDEX notices_due ON notices (due_at, created_at, id) WHERE status = 'pending';
CREATE INDEX notices_job ON notices (job_id, created_at);

-- What each quota holder has used in each period (a month: '2026-11').
CREATE TABLE quota_usage (
  holder  TEXT    NOT NULL,
  period  TEXT    NOT NULL,
  used    BIGINT  NOT NULL,
  PRIMARY KEY (holder, period)
);
