-- Operators' commands to robots connected to another node (issue 13): pause, resume, shutdown or
-- status_request made on one node wait here until the node the robot is connected to takes them
-- (DELETE ... RETURNING, so two nodes asking at once never both send one) and sends them. The
-- taking node is woken by a notification; its fleet check reads the table too, should one be lost.
CREATE TABLE robot_commands (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  robot_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  payload     TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL
);

CREATE INDEX robot_commands_robot ON robot_commands (robot_id, id);
