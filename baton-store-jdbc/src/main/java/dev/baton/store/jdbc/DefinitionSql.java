package dev.baton.store.jdbc;

import dev.baton.definition.ContentFormat;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code definitions} table: one row per version, inserted once, its status moved after. */
final class DefinitionSql {
  private static final String COLUMNS =
      "name, version, kind, status, title, description, tags, folder, content, format,"
          + " content_hash, declared_version, created_by, created_at, updated_at";

  /** The columns of the row {@code d}, which every read selects from. */
  private static final String SELECTED = "d." + COLUMNS.replace(", ", ", d.");

  private static final String INSERT =
      "INSERT INTO definitions ("
          + COLUMNS
          + ") VALUES ("
          + Sql.placeholders(15)
          + ") ON CONFLICT DO NOTHING";

  private DefinitionSql() {}

  /**
   * Inserts a version; false when its number is taken (another node saved the name first: on
   * PostgreSQL the insert waits for that node's transaction, then does nothing).
   */
  static boolean insert(Connection c, Definition d) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, d.name());
      ps.setInt(2, d.version());
      ps.setString(3, d.kind().wireName());
      ps.setString(4, d.status().wireName());
      ps.setString(5, d.title());
      ps.setString(6, d.description());
      ps.setString(7, d.tags().isEmpty() ? "" : "|" + String.join("|", d.tags()) + "|");
      ps.setString(8, d.folder());
      ps.setString(9, d.content().text());
      ps.setString(10, d.content().format().wireName());
      ps.setString(11, d.contentHash());
      Integer declared = d.declaredVersion();
      if (declared == null) {
        ps.setNull(12, Types.INTEGER);
      } else {
        ps.setInt(12, declared);
      }
      ps.setString(13, d.createdBy());
      Sql.setInstant(ps, 14, d.createdAt());
      Sql.setInstant(ps, 15, d.updatedAt());
      return ps.executeUpdate() == 1;
    }
  }

  /** Moves a version from the status it was read in; false when another writer moved it first. */
  static boolean move(Connection c, Definition from, DefinitionStatus to, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE definitions SET status = ?, updated_at = ?"
                + " WHERE name = ? AND version = ? AND status = ?")) {
      ps.setString(1, to.wireName());
      Sql.setInstant(ps, 2, at);
      ps.setString(3, from.name());
      ps.setInt(4, from.version());
      ps.setString(5, from.status().wireName());
      return ps.executeUpdate() == 1;
    }
  }

  /** The highest version of the name, with its kind; empty for a new name. */
  static Optional<Definition> newest(Connection c, String name) throws SQLException {
    return first(
        select(
            c,
            " WHERE name = ? AND version = (SELECT max(version) FROM definitions WHERE name = ?)",
            name,
            name));
  }

  /** The highest version of the name that {@code createdBy} stored. */
  static Optional<Definition> newestBy(Connection c, String name, String createdBy)
      throws SQLException {
    return first(
        select(
            c,
            " WHERE name = ? AND created_by = ? ORDER BY version DESC LIMIT 1",
            name,
            createdBy));
  }

  static Optional<Definition> byVersion(Connection c, String name, int version)
      throws SQLException {
    return first(select(c, " WHERE name = ? AND version = ?", name, version));
  }

  static Optional<Definition> latestPublished(Connection c, String name) throws SQLException {
    return first(
        select(c, " WHERE name = ? AND status = 'published' ORDER BY version DESC LIMIT 1", name));
  }

  static List<Definition> versions(Connection c, String name) throws SQLException {
    return select(c, " WHERE name = ? ORDER BY version", name);
  }

  static List<Definition> changedSince(Connection c, Instant since) throws SQLException {
    return select(c, " WHERE updated_at >= ? ORDER BY name, version", since.toEpochMilli());
  }

  /**
   * The filters in SQL; {@code newestOnly} keeps, per name, the matching row no higher matching row
   * of that name beats (the same conditions apply to both, hence the doubled parameters).
   */
  static List<Definition> query(Connection c, DefinitionQuery q) throws SQLException {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    filters(q, "d", conditions, params);
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    if (q.newestOnly()) {
      List<String> inner = new ArrayList<>();
      filters(q, "h", inner, params);
      inner.add("h.name = d.name");
      where +=
          (where.isEmpty() ? " WHERE " : " AND ")
              + "d.version = (SELECT max(h.version) FROM definitions h WHERE "
              + String.join(" AND ", inner)
              + ")";
    }
    return select(c, where + " ORDER BY d.name, d.version", params.toArray());
  }

  private static void filters(
      DefinitionQuery q, String t, List<String> conditions, List<Object> params) {
    DefinitionKind kind = q.kind();
    if (kind != null) {
      conditions.add(t + ".kind = ?");
      params.add(kind.wireName());
    }
    DefinitionStatus status = q.status();
    if (status != null) {
      conditions.add(t + ".status = ?");
      params.add(status.wireName());
    }
    String tag = q.tag();
    if (tag != null) {
      conditions.add(t + ".tags LIKE ? ESCAPE '\\'");
      params.add("%|" + escapeLike(tag) + "|%");
    }
    String folder = q.folder();
    if (folder != null && !folder.isEmpty()) {
      conditions.add("(" + t + ".folder = ? OR " + t + ".folder LIKE ? ESCAPE '\\')");
      params.add(folder);
      params.add(escapeLike(folder) + "/%");
    }
    String name = q.name();
    if (name != null) {
      conditions.add(t + ".name = ?");
      params.add(name);
    }
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static List<Definition> select(Connection c, String rest, Object... params)
      throws SQLException {
    List<Definition> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + SELECTED + " FROM definitions d" + rest)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  private static Optional<Definition> first(List<Definition> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  private static Definition read(ResultSet rs) throws SQLException {
    String tags = rs.getString("tags");
    int declared = rs.getInt("declared_version");
    Integer declaredVersion = rs.wasNull() ? null : declared;
    return new Definition(
        rs.getString("name"),
        rs.getInt("version"),
        DefinitionKind.fromWire(rs.getString("kind")).orElseThrow(),
        DefinitionStatus.fromWire(rs.getString("status")).orElseThrow(),
        rs.getString("title"),
        rs.getString("description"),
        tags.isEmpty() ? List.of() : List.of(tags.substring(1, tags.length() - 1).split("\\|")),
        rs.getString("folder"),
        new DefinitionContent(
            rs.getString("content"), ContentFormat.fromWire(rs.getString("format")).orElseThrow()),
        rs.getString("content_hash"),
        declaredVersion,
        rs.getString("created_by"),
        Sql.requiredInstant(rs, "created_at"),
        Sql.requiredInstant(rs, "updated_at"));
  }
}
