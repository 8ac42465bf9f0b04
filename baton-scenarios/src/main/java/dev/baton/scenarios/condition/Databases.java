package dev.baton.scenarios.condition;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code database} components scenarios read: {@code url} (any JDBC URL on the class path, e.g.
 * {@code jdbc:sqlite:...}), or upstream's {@code host}, {@code port}, {@code database} for
 * PostgreSQL; {@code user}/{@code username} and {@code password}. A connection per query: scenario
 * conditions read little and rarely, and a pool would hold connections to a database that may be
 * down.
 */
public final class Databases {
  /** Table and column names go into SQL text, so they must be plain identifiers. */
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final Map<String, Map<String, Object>> services;

  public Databases(Map<String, Map<String, Object>> services) {
    this.services = services;
  }

  /** The identifier, checked; otherwise an error naming the field. */
  public static String identifier(Object value, String field) {
    String s = String.valueOf(value);
    if (!IDENTIFIER.matcher(s).matches()) {
      throw new IllegalArgumentException(
          field + ": '" + s + "' is not a plain table or column name");
    }
    return s;
  }

  /**
   * Runs a query with positional parameters.
   *
   * @throws IllegalArgumentException when the component is not a configured database
   * @throws SQLException when the database refuses
   */
  public List<Map<String, Object>> query(String component, String sql, List<Object> params)
      throws SQLException {
    try (Connection c = connect(component);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            row.put(md.getColumnLabel(i), v == null ? NULL : v);
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** Stands for SQL NULL in a row (maps here hold no nulls). */
  public static final String NULL = "\u0000NULL";

  private Connection connect(String component) throws SQLException {
    Map<String, Object> cfg = services.get(component);
    if (cfg == null || !"database".equals(cfg.get("type"))) {
      throw new IllegalArgumentException(
          "no database component named '"
              + component
              + "'; configure components."
              + component
              + " with type \"database\" and a url");
    }
    String url;
    if (cfg.get("url") instanceof String u) {
      url = u;
    } else {
      url =
          "jdbc:postgresql://"
              + cfg.getOrDefault("host", "127.0.0.1")
              + ":"
              + cfg.getOrDefault("port", 5432)
              + "/"
              + cfg.getOrDefault("database", cfg.getOrDefault("dbname", "postgres"));
    }
    Object user = cfg.containsKey("user") ? cfg.get("user") : cfg.get("username");
    Object password = cfg.get("password");
    return user == null
        ? DriverManager.getConnection(url)
        : DriverManager.getConnection(url, String.valueOf(user), String.valueOf(password));
  }
}
