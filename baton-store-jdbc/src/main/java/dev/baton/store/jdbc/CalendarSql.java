package dev.baton.store.jdbc;

import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarMaps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code calendars} table: the name is the key, the calendar is its JSON body. Parsing a body
 * (an iCalendar file in it especially) costs more than reading it, and the scheduler reads a
 * calendar at every fire, so parsed calendars are kept by body text: a changed body is parsed
 * afresh, by any process.
 */
final class CalendarSql {
  private static final int MAX_PARSED = 256;

  private final Map<String, BusinessCalendar> parsed = new ConcurrentHashMap<>();

  boolean insert(Connection c, BusinessCalendar cal) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO calendars (name, body) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
      ps.setString(1, cal.name());
      ps.setString(2, Json.write(CalendarMaps.toMap(cal)));
      return ps.executeUpdate() == 1;
    }
  }

  boolean update(Connection c, BusinessCalendar cal) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE calendars SET body = ? WHERE name = ?")) {
      ps.setString(1, Json.write(CalendarMaps.toMap(cal)));
      ps.setString(2, cal.name());
      return ps.executeUpdate() == 1;
    }
  }

  boolean delete(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM calendars WHERE name = ?")) {
      ps.setString(1, name);
      return ps.executeUpdate() == 1;
    }
  }

  Optional<BusinessCalendar> byName(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT body FROM calendars WHERE name = ?")) {
      ps.setString(1, name);
      return readAll(ps).stream().findFirst();
    }
  }

  List<BusinessCalendar> all(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT body FROM calendars ORDER BY name")) {
      return readAll(ps);
    }
  }

  private List<BusinessCalendar> readAll(PreparedStatement ps) throws SQLException {
    List<BusinessCalendar> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(parse(rs.getString("body")));
      }
    }
    return out;
  }

  private BusinessCalendar parse(String body) {
    BusinessCalendar known = parsed.get(body);
    if (known != null) {
      return known;
    }
    if (parsed.size() >= MAX_PARSED) {
      parsed.clear(); // many calendars changing: parse again rather than grow without bound
    }
    BusinessCalendar c = CalendarMaps.parse(null, Json.read(body), ZoneOffset.UTC);
    parsed.put(body, c);
    return c;
  }
}
