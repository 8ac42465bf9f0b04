-- Business calendars (issue 12): named working days, holidays (dates and an iCalendar file) and
-- working hours that schedules name. One small document per calendar, read by name; the body is
-- the calendar as the API shows it (JSON), so a new key needs no migration.
CREATE TABLE calendars (
  name  TEXT  PRIMARY KEY,
  body  TEXT  NOT NULL
);

-- Workflow deployments (issue 12): which stored workflow version each robot has, and where the
-- deployment stands (pending, deployed, failed). One row per workflow and robot: deploying another
-- version replaces it. A robot's deployments are read at its heartbeats, by robot.
CREATE TABLE deployments (
  workflow_id   TEXT    NOT NULL,
  robot_id      TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  status        TEXT    NOT NULL,
  reason        TEXT,
  requested_at  BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (workflow_id, robot_id)
);

CREATE INDEX deployments_robot ON deployments (robot_id);
