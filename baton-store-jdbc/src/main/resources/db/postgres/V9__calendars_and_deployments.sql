-- Business calendars (issue 12): named working days, holidays (dates and an iCalendar file) and
-- working hours that schedules name. One small document per calendar, read by name; the body is
-- the calendar as the API shows it (JSON), so a new key needs no migration.
CREATE TABLE calendars (
  name  TEXT  PRIMARY KEY,
  body  TEXT  NOT NULL
);
