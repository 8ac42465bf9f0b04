package dev.baton.scenarios.condition;

import static dev.baton.scenarios.condition.ConditionParser.need;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The conditions that read a {@code database} component: {@code database} (one column of the first
 * row matching {@code where}, compared by {@code operator}) and {@code database_list} (the matching
 * rows, put into the context under {@code result_key}; true when there is one). Table and column
 * names are checked to be plain identifiers when parsed; values go in as parameters.
 */
final class Database {
  private Database() {}

  /** {@code database}. {@code operator} is null when unknown: refused once a row is found. */
  record Value(
      String component,
      String sql,
      List<Object> params,
      @Nullable Operator operator,
      String operatorName,
      @Nullable Object expected)
      implements Condition {
    @Override
    public boolean test(Situation s, Databases databases) {
      List<Map<String, Object>> rows = rows(databases, component, sql, params);
      if (rows.isEmpty()) {
        return false;
      }
      Object actual = rows.get(0).values().iterator().next();
      if (operator == null) {
        throw new ConditionException(
            "database: unknown operator '"
                + operatorName
                + "'; use equals, not_equals, in, not_in, greater, less, greater_equal,"
                + " less_equal, is_null or is_not_null");
      }
      return operator.holds(actual, Databases.NULL.equals(actual), expected);
    }
  }

  /** {@code database_list}. */
  record Rows(String component, String sql, List<Object> params, String resultKey)
      implements Condition {
    @Override
    public boolean test(Situation s, Databases databases) {
      List<Map<String, Object>> rows = rows(databases, component, sql, params);
      List<Map<String, @Nullable Object>> shown = new ArrayList<>();
      for (Map<String, Object> r : rows) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        r.forEach((k, v) -> row.put(k, Databases.NULL.equals(v) ? null : v));
        shown.add(row);
      }
      s.context().put(resultKey, shown);
      return !rows.isEmpty();
    }
  }

  static Condition value(Map<?, ?> b) {
    String op = String.valueOf(b.get("operator") == null ? "equals" : b.get("operator"));
    boolean nullOp = op.equals("is_null") || op.equals("is_not_null");
    if (!nullOp && !b.containsKey("expected_value")) {
      throw new ConditionException("database: expected_value is required for operator " + op);
    }
    String column = Databases.identifier(need(b, "column", "database"), "database.column");
    Where where = where(b, "database");
    String sql =
        "SELECT "
            + column
            + " FROM "
            + Databases.identifier(need(b, "table", "database"), "database.table")
            + where.sql();
    return new Value(
        String.valueOf(need(b, "component", "database")),
        sql,
        where.params(),
        Operator.named(op),
        op,
        b.get("expected_value"));
  }

  static Condition rows(Map<?, ?> b) {
    if (!(b.get("columns") instanceof List<?> cols) || cols.isEmpty()) {
      throw new ConditionException("database_list: columns must be a non-empty list");
    }
    List<String> columns = new ArrayList<>();
    cols.forEach(c -> columns.add(Databases.identifier(c, "database_list.columns")));
    Where where = where(b, "database_list");
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(String.join(", ", columns))
            .append(" FROM ")
            .append(Databases.identifier(need(b, "table", "database_list"), "database_list.table"))
            .append(where.sql());
    if (b.get("order_by") != null) {
      String[] parts = String.valueOf(b.get("order_by")).strip().split("\\s+");
      sql.append(" ORDER BY ").append(Databases.identifier(parts[0], "database_list.order_by"));
      if (parts.length > 1 && Set.of("ASC", "DESC").contains(parts[1].toUpperCase(Locale.ROOT))) {
        sql.append(' ').append(parts[1].toUpperCase(Locale.ROOT));
      }
    }
    if (b.get("limit") != null) {
      if (!(b.get("limit") instanceof Number n) || n.longValue() <= 0) {
        throw new ConditionException("database_list: limit must be a whole number above 0");
      }
      sql.append(" LIMIT ").append(n.longValue());
    }
    return new Rows(
        String.valueOf(need(b, "component", "database_list")),
        sql.toString(),
        where.params(),
        String.valueOf(b.get("result_key") == null ? "database_records" : b.get("result_key")));
  }

  private record Where(String sql, List<Object> params) {}

  private static Where where(Map<?, ?> b, String type) {
    if (!(b.get("where") instanceof Map<?, ?> w) || w.isEmpty()) {
      throw new ConditionException(type + ": where must be a non-empty object {column: value}");
    }
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    w.forEach((k, v) -> {
      String col = Databases.identifier(k, type + ".where");
      if (v == null) {
        parts.add(col + " IS NULL");
      } else {
        parts.add(col + " = ?");
        params.add(v);
      }
    });
    return new Where(" WHERE " + String.join(" AND ", parts), List.copyOf(params));
  }

  private static List<Map<String, Object>> rows(
      Databases databases, String component, String sql, List<Object> params) {
    try {
      return databases.query(component, sql, params);
    } catch (SQLException e) {
      throw new ConditionException("database " + component + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConditionException(String.valueOf(e.getMessage()));
    }
  }
}
