-- Stored definitions (blueprints and CasareRPA workflows), every version kept. The primary key
-- numbers versions: two nodes that save the same name at once cannot both take a number, the loser
-- retries with the next. Content never changes after the insert; status and updated_at do.
CREATE TABLE definitions (
  name              TEXT    NOT NULL,
  version           INTEGER NOT NULL,
  kind              TEXT    NOT NULL,
  status            TEXT    NOT NULL,
  title             TEXT    NOT NULL,
  description       TEXT    NOT NULL,
  tags              TEXT    NOT NULL, -- '|a|b|' so that a tag filter is one LIKE; '' for none
  folder            TEXT    NOT NULL,
  content           TEXT    NOT NULL,
  format            TEXT    NOT NULL,
  content_hash      TEXT    NOT NULL,
  declared_version  INTEGER,
  created_by        TEXT    NOT NULL,
  created_at        INTEGER  NOT NULL,
  updated_at        INTEGER  NOT NULL,
  PRIMARY KEY (name, version)
) STRICT;

-- Other nodes poll for what changed since they last looked.
CREATE INDEX definitions_updated ON definitions (updated_at);
