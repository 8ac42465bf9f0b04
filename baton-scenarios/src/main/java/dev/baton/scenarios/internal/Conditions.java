package dev.baton.scenarios.internal;

import dev.baton.expr.CelCondition;
import dev.baton.expr.ExpressionException;
import dev.baton.expr.Expressions;
import dev.baton.scenarios.ComponentStatus;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@code trigger.conditions} trees with upstream's semantics (spec section 1.3): the
 * logic operators with their empty-list and child-error rules, {@code client_state}, {@code time},
 * {@code error_message}, {@code database}, {@code database_list}, {@code virtual_device_error}, and
 * Baton's {@code expression} (CEL over the snapshot, as {@code data} and {@code context}).
 */
public final class Conditions {
  /** The keys upstream registers, with the class-name aliases (LogicAndCondition → logicand). */
  private static final Map<String, String> TYPES = types();

  private final Expressions cel;
  private final Databases databases;
  private final Map<String, CelCondition> compiled = new ConcurrentHashMap<>();

  public Conditions(Expressions cel, Databases databases) {
    this.cel = cel;
    this.databases = databases;
  }

  private static Map<String, String> types() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t :
        List.of(
            "and",
            "or",
            "not",
            "xor",
            "nand",
            "nor",
            "client_state",
            "time",
            "error_message",
            "database",
            "database_list",
            "virtual_device_error",
            "expression")) {
      m.put(t, t);
    }
    for (String logic : List.of("and", "or", "not", "xor", "nand", "nor")) {
      m.put("logic" + logic, logic);
    }
    m.put("clientstate", "client_state");
    m.put("errormessage", "error_message");
    m.put("databaselist", "database_list");
    m.put("virtualdeviceerror", "virtual_device_error");
    return Map.copyOf(m);
  }

  /** Legacy keys that sat beside the condition in old files; not conditions. */
  private static final Set<String> LEGACY = Set.of("priority", "cooldown_seconds");

  /**
   * What is wrong with a condition tree, each problem with its path; empty when it is usable. Only
   * the shape is checked here; values are checked when evaluated, as upstream does.
   */
  public static List<String> problems(@Nullable Object condition, String at) {
    List<String> out = new ArrayList<>();
    check(condition, at, out);
    return out;
  }

  private static void check(@Nullable Object condition, String at, List<String> out) {
    if (condition == null) {
      return;
    }
    if (!(condition instanceof Map<?, ?> m)) {
      out.add(at + ": a condition must be an object like {\"client_state\": {...}}");
      return;
    }
    Map.Entry<String, @Nullable Object> first = first(m);
    if (first == null) {
      return;
    }
    String type = TYPES.get(first.getKey().toLowerCase(Locale.ROOT));
    if (type == null) {
      out.add(
          at
              + ": unknown condition type '"
              + first.getKey()
              + "'; known: "
              + TYPES.keySet().stream().sorted().toList());
      return;
    }
    Object body = first.getValue();
    String here = at + "." + first.getKey();
    switch (type) {
      case "and", "or", "xor", "nand", "nor" -> {
        if (body instanceof Map<?, ?> b && b.get("conditions") instanceof List<?> children) {
          for (int i = 0; i < children.size(); i++) {
            check(children.get(i), here + ".conditions[" + i + "]", out);
          }
        } else if (body instanceof Map<?, ?> b && b.get("conditions") != null) {
          out.add(here + ".conditions must be a list");
        }
      }
      case "not" -> {
        if (body instanceof Map<?, ?> b) {
          check(b.get("condition"), here + ".condition", out);
        }
      }
      case "expression" -> {
        if (expressionSource(body) == null) {
          out.add(here + " needs the expression text: {\"expression\": {\"expr\": \"...\"}}");
        } else {
          try {
            new Expressions().condition(Objects.requireNonNull(expressionSource(body)));
          } catch (ExpressionException e) {
            out.add(here + ": " + e.getMessage());
          }
        }
      }
      default -> {
        if (!(body instanceof Map<?, ?>)) {
          out.add(here + " must be an object");
        }
      }
    }
  }

  /** The condition's type key, skipping legacy keys; null for {} (always true). */
  private static Map.@Nullable Entry<String, @Nullable Object> first(Map<?, ?> m) {
    for (var e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!LEGACY.contains(k)) {
        return new java.util.AbstractMap.SimpleEntry<>(k, e.getValue());
      }
    }
    return null;
  }

  /**
   * Evaluates a condition; null or {} is true.
   *
   * @throws ConditionException when it cannot be evaluated (bad configuration, database refused)
   */
  public boolean test(@Nullable Object condition, Situation s) {
    if (condition == null) {
      return true;
    }
    if (!(condition instanceof Map<?, ?> m)) {
      throw new ConditionException("a condition must be an object, was " + condition);
    }
    Map.Entry<String, @Nullable Object> first = first(m);
    if (first == null) {
      return true;
    }
    String type = TYPES.get(first.getKey().toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new ConditionException("unknown condition type '" + first.getKey() + "'");
    }
    Map<?, ?> body = first.getValue() instanceof Map<?, ?> b ? b : Map.of();
    return switch (type) {
      case "and" -> and(children(body), s);
      case "or" -> count(children(body), s, true) > 0 || children(body).isEmpty();
      case "xor" -> children(body).isEmpty() || count(children(body), s, true) == 1;
      case "nor" -> count(children(body), s, true) == 0;
      case "nand" -> nand(children(body), s);
      case "not" -> body.get("condition") == null || !test(body.get("condition"), s);
      case "client_state" -> clientState(body, s);
      case "time" -> time(body, s);
      case "error_message" -> errorMessage(body, s);
      case "database" -> database(body, s);
      case "database_list" -> databaseList(body, s);
      case "virtual_device_error" -> virtualDeviceError(body, s);
      case "expression" -> expression(first.getValue(), s);
      default -> throw new ConditionException("unknown condition type '" + type + "'");
    };
  }

  private static List<?> children(Map<?, ?> body) {
    return body.get("conditions") instanceof List<?> l ? l : List.of();
  }

  /** and: an exception in a child makes it false. */
  private boolean and(List<?> children, Situation s) {
    for (Object c : children) {
      try {
        if (!test(c, s)) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  /** How many children are true; a child that throws is skipped (or/xor/nor). */
  private int count(List<?> children, Situation s, boolean skipErrors) {
    int n = 0;
    for (Object c : children) {
      try {
        if (test(c, s)) {
          n++;
        }
      } catch (RuntimeException e) {
        if (!skipErrors) {
          throw e;
        }
      }
    }
    return n;
  }

  /** nand: a child that throws counts as not-all-true. */
  private boolean nand(List<?> children, Situation s) {
    for (Object c : children) {
      try {
        if (!test(c, s)) {
          return true;
        }
      } catch (RuntimeException e) {
        return true;
      }
    }
    return children.isEmpty();
  }

  // ---- client_state

  private static Set<String> names(@Nullable Object v) {
    Set<String> out = new HashSet<>();
    if (v instanceof Collection<?> c) {
      c.forEach(x -> out.add(String.valueOf(x)));
    } else if (v != null) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  private static boolean clientState(Map<?, ?> b, Situation s) {
    Set<String> excluded = names(b.get("exclude_clients"));
    List<ComponentStatus> clients =
        s.clients().stream().filter(c -> !excluded.contains(c.name())).toList();
    if (b.get("any_service_in_state") != null) {
      Set<String> states = names(b.get("any_service_in_state"));
      return clients.stream().anyMatch(c -> c.fsmState() != null && states.contains(c.fsmState()));
    }
    if (b.get("no_service_in_state") != null) {
      Set<String> states = names(b.get("no_service_in_state"));
      return clients.stream().noneMatch(c -> c.fsmState() != null && states.contains(c.fsmState()));
    }
    if (b.get("all_services_in_state") != null) {
      Set<String> states = names(b.get("all_services_in_state"));
      List<ComponentStatus> known = clients.stream().filter(c -> c.fsmState() != null).toList();
      return !known.isEmpty() && known.stream().allMatch(c -> states.contains(c.fsmState()));
    }
    if (b.get("client") != null && b.get("state") != null) {
      String name = String.valueOf(b.get("client"));
      String state = String.valueOf(b.get("state"));
      return s.clients().stream()
          .anyMatch(c -> c.name().equals(name) && state.equals(c.fsmState()));
    }
    throw new ConditionException(
        "client_state needs any_service_in_state, no_service_in_state, all_services_in_state, or"
            + " client and state");
  }

  // ---- time

  private static boolean time(Map<?, ?> b, Situation s) {
    try {
      if (b.get("time_range") instanceof Map<?, ?> r) {
        LocalTime start = LocalTime.parse(String.valueOf(r.get("start")));
        LocalTime end = LocalTime.parse(String.valueOf(r.get("end")));
        LocalTime now = s.now().toLocalTime().withSecond(0).withNano(0);
        return start.isAfter(end)
            ? !now.isBefore(start) || !now.isAfter(end)
            : !now.isBefore(start) && !now.isAfter(end);
      }
      if (b.get("weekdays") instanceof List<?> days) {
        DayOfWeek today = s.now().getDayOfWeek();
        return days.stream()
            .anyMatch(d -> String.valueOf(d).strip().equalsIgnoreCase(today.name()));
      }
      if (b.get("specific_date") != null) {
        return LocalDate.parse(String.valueOf(b.get("specific_date")))
            .equals(s.now().toLocalDate());
      }
    } catch (DateTimeParseException e) {
      throw new ConditionException("time: " + e.getMessage() + "; expected HH:MM or YYYY-MM-DD");
    }
    return false;
  }

  // ---- error_message

  private static boolean errorMessage(Map<?, ?> b, Situation s) {
    String mode = String.valueOf(b.get("mode") == null ? "contains" : b.get("mode"));
    if (b.get("pattern") == null) {
      throw new ConditionException("error_message needs a pattern");
    }
    String pattern = String.valueOf(b.get("pattern"));
    boolean caseSensitive = Boolean.TRUE.equals(b.get("case_sensitive"));
    boolean faultOnly = !Boolean.FALSE.equals(b.get("fault_clients_only"));
    boolean errorOnly = Boolean.TRUE.equals(b.get("error_clients_only"));
    boolean all = Boolean.TRUE.equals(b.get("all_clients"));
    Pattern regex = null;
    if (mode.equals("regex")) {
      try {
        regex = Pattern.compile(pattern, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        throw new ConditionException("error_message: bad regex: " + e.getDescription());
      }
    } else if (!Set.of("contains", "starts_with", "exact").contains(mode)) {
      throw new ConditionException(
          "error_message: unknown mode '" + mode + "'; use contains, starts_with, regex or exact");
    }
    for (ComponentStatus c : s.clients()) {
      if (!all && faultOnly && !"FAULT".equals(c.fsmState())) {
        continue;
      }
      if (!all && errorOnly && !c.error()) {
        continue;
      }
      String message = c.errorMessage();
      if (message == null) {
        continue;
      }
      boolean hit;
      if (regex != null) {
        Matcher m = regex.matcher(message);
        hit = m.find();
        if (hit) {
          extract(b.get("extract_to_context"), m, s.context());
        }
      } else {
        String text = caseSensitive ? message : message.toLowerCase(Locale.ROOT);
        String p = caseSensitive ? pattern : pattern.toLowerCase(Locale.ROOT);
        hit =
            switch (mode) {
              case "starts_with" -> text.startsWith(p);
              case "exact" -> text.equals(p);
              default -> text.contains(p);
            };
      }
      if (hit) {
        s.context().put("error_message", message);
        s.context().put("error_client", c.name());
        return true;
      }
    }
    return false;
  }

  private static void extract(@Nullable Object spec, Matcher m, Map<String, Object> context) {
    if (!(spec instanceof Map<?, ?> wanted)) {
      return;
    }
    wanted.forEach((var, group) -> {
      String value;
      try {
        value = group instanceof Number n ? m.group(n.intValue()) : m.group(String.valueOf(group));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new ConditionException("error_message: no regex group " + group);
      }
      if (value != null) {
        context.put(String.valueOf(var), intOrText(value));
      }
    });
  }

  private static Object intOrText(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return value;
    }
  }

  // ---- database

  private boolean database(Map<?, ?> b, Situation s) {
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
    List<Map<String, Object>> rows =
        rows(String.valueOf(need(b, "component", "database")), sql, where.params());
    if (rows.isEmpty()) {
      return false;
    }
    Object actual = rows.get(0).values().iterator().next();
    boolean isNull = Databases.NULL.equals(actual);
    Object expected = b.get("expected_value");
    return switch (op) {
      case "is_null" -> isNull;
      case "is_not_null" -> !isNull;
      case "equals" -> !isNull && same(actual, expected);
      case "not_equals" -> isNull || !same(actual, expected);
      case "in" ->
          !isNull && expected instanceof List<?> l && l.stream().anyMatch(x -> same(actual, x));
      case "not_in" ->
          !(expected instanceof List<?> l) || l.stream().noneMatch(x -> same(actual, x));
      case "greater" -> !isNull && compare(actual, expected) > 0;
      case "less" -> !isNull && compare(actual, expected) < 0;
      case "greater_equal" -> !isNull && compare(actual, expected) >= 0;
      case "less_equal" -> !isNull && compare(actual, expected) <= 0;
      default ->
          throw new ConditionException(
              "database: unknown operator '"
                  + op
                  + "'; use equals, not_equals, in, not_in, greater, less, greater_equal,"
                  + " less_equal, is_null or is_not_null");
    };
  }

  private boolean databaseList(Map<?, ?> b, Situation s) {
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
    List<Map<String, Object>> rows =
        rows(String.valueOf(need(b, "component", "database_list")), sql.toString(), where.params());
    List<Map<String, @Nullable Object>> shown = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      r.forEach((k, v) -> row.put(k, Databases.NULL.equals(v) ? null : v));
      shown.add(row);
    }
    String key =
        String.valueOf(b.get("result_key") == null ? "database_records" : b.get("result_key"));
    s.context().put(key, shown);
    return !rows.isEmpty();
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
    return new Where(" WHERE " + String.join(" AND ", parts), params);
  }

  private List<Map<String, Object>> rows(String component, String sql, List<Object> params) {
    try {
      return databases.query(component, sql, params);
    } catch (SQLException e) {
      throw new ConditionException("database " + component + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConditionException(String.valueOf(e.getMessage()));
    }
  }

  private static Object need(Map<?, ?> b, String key, String type) {
    Object v = b.get(key);
    if (v == null) {
      throw new ConditionException(type + ": " + key + " is required");
    }
    return v;
  }

  private static boolean same(Object actual, @Nullable Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      return a.doubleValue() == e.doubleValue();
    }
    return String.valueOf(actual).equals(String.valueOf(expected));
  }

  private static int compare(Object actual, @Nullable Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      return Double.compare(a.doubleValue(), e.doubleValue());
    }
    return String.valueOf(actual).compareTo(String.valueOf(expected));
  }

  // ---- virtual_device_error

  private static boolean virtualDeviceError(Map<?, ?> b, Situation s) {
    String client = String.valueOf(need(b, "client", "virtual_device_error"));
    String pattern = String.valueOf(need(b, "device_pattern", "virtual_device_error"));
    ComponentStatus c =
        s.clients().stream().filter(x -> x.name().equals(client)).findFirst().orElse(null);
    if (c == null) {
      return false;
    }
    Object io = c.state().get("io_server");
    Object failed = io instanceof Map<?, ?> m ? m.get("failed_virtual_devices") : null;
    Collection<?> devices =
        failed instanceof Map<?, ?> fm ? fm.keySet() : failed instanceof List<?> l ? l : List.of();
    for (Object d : devices) {
      String device = String.valueOf(d);
      if (device.contains(pattern)) {
        if (b.get("extract_id_to") != null) {
          Matcher digits = Pattern.compile("(\\d+)$").matcher(device);
          if (digits.find()) {
            s.context()
                .put(String.valueOf(b.get("extract_id_to")), Long.parseLong(digits.group(1)));
          }
        }
        s.context().put("virtual_device", device);
        return true;
      }
    }
    return false;
  }

  // ---- expression

  private static @Nullable String expressionSource(@Nullable Object body) {
    if (body instanceof String text) {
      return text;
    }
    if (body instanceof Map<?, ?> m && m.get("expr") instanceof String text) {
      return text;
    }
    return null;
  }

  private boolean expression(@Nullable Object body, Situation s) {
    String source = expressionSource(body);
    if (source == null) {
      throw new ConditionException("expression needs its text: {\"expr\": \"...\"}");
    }
    try {
      CelCondition c = compiled.computeIfAbsent(source, cel::condition);
      return c.test(Map.of("data", s.snapshot(), "context", s.snapshot()));
    } catch (ExpressionException e) {
      throw new ConditionException(String.valueOf(e.getMessage()));
    }
  }
}
