package dev.baton.scenarios.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.expr.Expressions;
import dev.baton.scenarios.ComponentStatus;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every condition's truth table, with upstream's rules for empty lists and failing children. */
class ConditionsTest {
  static final Map<String, Object> TRUE = Map.of("time", Map.of("specific_date", "2026-11-21"));
  static final Map<String, Object> FALSE = Map.of("time", Map.of("specific_date", "2000-01-01"));

  /** client_state without any form: evaluating it throws. */
  static final Map<String, Object> BOOM = Map.of("client_state", Map.of());

  @TempDir Path dir;
  Conditions conditions;
  String url;
  Map<String, Object> context;
  List<ComponentStatus> clients;
  // Saturday 21 November 2026, 10:30 UTC
  ZonedDateTime now = ZonedDateTime.of(2026, 11, 21, 10, 30, 0, 0, ZoneOffset.UTC);

  @BeforeEach
  void setUp() throws Exception {
    url = "jdbc:sqlite:" + dir.resolve("aps.db");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE aps_description (id INTEGER, current_state TEXT, goal_state TEXT, level INTEGER)");
      s.execute("INSERT INTO aps_description VALUES (1, 'inactive', 'active', 5)");
      s.execute("INSERT INTO aps_description VALUES (2, 'active', 'active', 7)");
      s.execute("INSERT INTO aps_description VALUES (3, 'broken', NULL, 9)");
    }
    Map<String, Map<String, Object>> services = new HashMap<>();
    services.put("main_database", Map.of("type", "database", "url", url));
    services.put("mail", Map.of("type", "email"));
    conditions = new Conditions(new Expressions(), new Databases(services));
    context = new LinkedHashMap<>();
    clients = new ArrayList<>();
    clients.add(client("io", "RUN", null, Map.of()));
    clients.add(client("supervisor_1", "FAULT", "feeder1 jammed: motor 3", Map.of()));
    clients.add(client("supervisor_2", "RUN", null, Map.of()));
  }

  static ComponentStatus client(String name, String state, String error, Map<String, Object> st) {
    return new ComponentStatus(
        name, "g", "127.0.0.1", 1, state, error != null, error, null, null, st);
  }

  boolean test(Object condition) {
    return conditions.test(
        condition, new Situation(clients, now, Map.of("clients", Map.of()), context));
  }

  static Map<String, Object> logic(String op, Object... children) {
    return Map.of(op, Map.of("conditions", List.of(children)));
  }

  @Test
  void emptyOrMissingConditionsAreTrue() {
    assertThat(test(null)).isTrue();
    assertThat(test(Map.of())).isTrue();
    for (String op : List.of("and", "or", "xor", "nand", "nor")) {
      assertThat(test(logic(op))).as(op + " of nothing").isTrue();
    }
    assertThat(test(Map.of("not", Map.of()))).isTrue();
  }

  @ParameterizedTest(name = "{0} of {1},{2} is {3}")
  @CsvSource({
    "and, T, T, true", "and, T, F, false", "and, F, T, false", "and, F, F, false",
    "or, T, T, true", "or, T, F, true", "or, F, T, true", "or, F, F, false",
    "xor, T, T, false", "xor, T, F, true", "xor, F, T, true", "xor, F, F, false",
    "nand, T, T, false", "nand, T, F, true", "nand, F, T, true", "nand, F, F, true",
    "nor, T, T, false", "nor, T, F, false", "nor, F, T, false", "nor, F, F, true",
    "and, T, E, false", "or, E, T, true", "or, E, F, false", "xor, E, T, true",
    "nand, T, E, true", "nor, E, F, true", "nor, E, T, false"
  })
  void logicTruthTables(String op, String a, String b, boolean expected) {
    assertThat(test(logic(op, pick(a), pick(b)))).isEqualTo(expected);
    // The class-name alias of upstream's loader (LogicAndCondition -> logicand) works alike.
    assertThat(test(logic("logic" + op, pick(a), pick(b)))).isEqualTo(expected);
  }

  static Object pick(String v) {
    return switch (v) {
      case "T" -> TRUE;
      case "F" -> FALSE;
      default -> BOOM;
    };
  }

  @Test
  void not() {
    assertThat(test(Map.of("not", Map.of("condition", TRUE)))).isFalse();
    assertThat(test(Map.of("not", Map.of("condition", FALSE)))).isTrue();
  }

  @Test
  void clientStateForms() {
    assertThat(test(Map.of("client_state", Map.of("any_service_in_state", "FAULT")))).isTrue();
    assertThat(
            test(
                Map.of(
                    "client_state", Map.of("any_service_in_state", List.of("PAUSE", "STOPPED")))))
        .isFalse();
    assertThat(test(Map.of("client_state", Map.of("no_service_in_state", List.of("PAUSE")))))
        .isTrue();
    assertThat(test(Map.of("client_state", Map.of("no_service_in_state", "FAULT")))).isFalse();
    assertThat(test(Map.of("client_state", Map.of("all_services_in_state", "RUN")))).isFalse();
    assertThat(
            test(
                Map.of(
                    "client_state",
                    Map.of("all_services_in_state", "RUN", "exclude_clients", "supervisor_1"))))
        .isTrue();
    assertThat(
            test(
                Map.of(
                    "client_state",
                    Map.of(
                        "any_service_in_state",
                        "FAULT",
                        "exclude_clients",
                        List.of("supervisor_1")))))
        .isFalse();
    assertThat(test(Map.of("client_state", Map.of("client", "io", "state", "RUN")))).isTrue();
    assertThat(test(Map.of("client_state", Map.of("client", "io", "state", "PAUSE")))).isFalse();
    // The first form present wins: any_service_in_state decides before client/state.
    assertThat(
            test(
                Map.of(
                    "client_state",
                    Map.of("any_service_in_state", "FAULT", "client", "io", "state", "PAUSE"))))
        .isTrue();
    // all_services_in_state needs at least one client that has reported a state.
    clients.replaceAll(c -> client(c.name(), null, null, Map.of()));
    assertThat(test(Map.of("client_state", Map.of("all_services_in_state", "RUN")))).isFalse();
    assertThatThrownBy(() -> test(BOOM)).isInstanceOf(ConditionException.class);
  }

  @Test
  void time() {
    assertThat(test(Map.of("time", Map.of("time_range", Map.of("start", "10:00", "end", "10:30")))))
        .isTrue();
    assertThat(test(Map.of("time", Map.of("time_range", Map.of("start", "10:31", "end", "11:00")))))
        .isFalse();
    // Crossing midnight.
    assertThat(test(Map.of("time", Map.of("time_range", Map.of("start", "22:00", "end", "11:00")))))
        .isTrue();
    assertThat(test(Map.of("time", Map.of("time_range", Map.of("start", "22:00", "end", "06:00")))))
        .isFalse();
    assertThat(test(Map.of("time", Map.of("weekdays", List.of("saturday", "sunday"))))).isTrue();
    assertThat(test(Map.of("time", Map.of("weekdays", List.of("monday"))))).isFalse();
    assertThat(test(TRUE)).isTrue();
    assertThat(test(FALSE)).isFalse();
    assertThat(test(Map.of("time", Map.of()))).isFalse();
    assertThatThrownBy(
            () -> test(Map.of("time", Map.of("time_range", Map.of("start", "25:00", "end", "x")))))
        .hasMessageContaining("HH:MM");
  }

  @Test
  void errorMessageModes() {
    assertThat(test(Map.of("error_message", Map.of("pattern", "FEEDER1")))).isTrue();
    assertThat(context).containsEntry("error_client", "supervisor_1");
    assertThat(test(Map.of("error_message", Map.of("pattern", "FEEDER1", "case_sensitive", true))))
        .isFalse();
    assertThat(test(Map.of("error_message", Map.of("mode", "starts_with", "pattern", "feeder1"))))
        .isTrue();
    assertThat(test(Map.of("error_message", Map.of("mode", "starts_with", "pattern", "jammed"))))
        .isFalse();
    assertThat(
            test(
                Map.of(
                    "error_message",
                    Map.of("mode", "exact", "pattern", "feeder1 jammed: motor 3"))))
        .isTrue();
    assertThat(test(Map.of("error_message", Map.of("mode", "exact", "pattern", "feeder1"))))
        .isFalse();
    assertThat(
            test(
                Map.of(
                    "error_message",
                    Map.of(
                        "mode",
                        "regex",
                        "pattern",
                        "feeder(\\d+) jammed: motor (?<motor>\\d+)",
                        "extract_to_context",
                        Map.of("feeder", 1, "motor", "motor")))))
        .isTrue();
    assertThat(context).containsEntry("feeder", 1L).containsEntry("motor", 3L);
    assertThatThrownBy(() -> test(Map.of("error_message", Map.of("mode", "fuzzy", "pattern", "x"))))
        .hasMessageContaining("unknown mode 'fuzzy'");
    assertThatThrownBy(() -> test(Map.of("error_message", Map.of())))
        .hasMessageContaining("pattern");
    // fault_clients_only (the default): an error on a RUN client does not count.
    clients.set(1, client("supervisor_1", "RUN", "feeder1 jammed", Map.of()));
    assertThat(test(Map.of("error_message", Map.of("pattern", "feeder1")))).isFalse();
    assertThat(
            test(
                Map.of("error_message", Map.of("pattern", "feeder1", "fault_clients_only", false))))
        .isTrue();
    assertThat(test(Map.of("error_message", Map.of("pattern", "feeder1", "all_clients", true))))
        .isTrue();
    assertThat(
            test(
                Map.of(
                    "error_message",
                    Map.of(
                        "pattern",
                        "feeder1",
                        "fault_clients_only",
                        false,
                        "error_clients_only",
                        true))))
        .isTrue();
  }

  @Test
  void database() {
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("component", "main_database");
    base.put("table", "aps_description");
    base.put("column", "goal_state");
    base.put("where", Map.of("current_state", "inactive"));
    assertThat(test(Map.of("database", with(base, "expected_value", "active")))).isTrue();
    assertThat(test(Map.of("database", with(base, "expected_value", "inactive")))).isFalse();
    assertThat(
            test(
                Map.of(
                    "database", with(with(base, "operator", "not_equals"), "expected_value", "x"))))
        .isTrue();
    assertThat(
            test(
                Map.of(
                    "database",
                    with(with(base, "operator", "in"), "expected_value", List.of("a", "active")))))
        .isTrue();
    assertThat(
            test(
                Map.of(
                    "database",
                    with(with(base, "operator", "not_in"), "expected_value", List.of("active")))))
        .isFalse();
    Map<String, Object> level = with(with(base, "column", "level"), "where", Map.of("id", 2));
    assertThat(
            test(Map.of("database", with(with(level, "operator", "greater"), "expected_value", 6))))
        .isTrue();
    assertThat(test(Map.of("database", with(with(level, "operator", "less"), "expected_value", 7))))
        .isFalse();
    assertThat(
            test(
                Map.of(
                    "database",
                    with(with(level, "operator", "greater_equal"), "expected_value", 7))))
        .isTrue();
    assertThat(
            test(
                Map.of(
                    "database", with(with(level, "operator", "less_equal"), "expected_value", 6))))
        .isFalse();
    Map<String, Object> broken = with(base, "where", Map.of("current_state", "broken"));
    assertThat(test(Map.of("database", with(broken, "operator", "is_null")))).isTrue();
    assertThat(test(Map.of("database", with(broken, "operator", "is_not_null")))).isFalse();
    // No row: false.
    assertThat(
            test(
                Map.of(
                    "database",
                    with(
                        with(base, "where", Map.of("current_state", "none")),
                        "expected_value",
                        "active"))))
        .isFalse();
    assertThatThrownBy(() -> test(Map.of("database", base)))
        .hasMessageContaining("expected_value is required");
    assertThatThrownBy(() ->
            test(
                Map.of(
                    "database", with(with(base, "table", "x; DROP TABLE y"), "expected_value", 1))))
        .hasMessageContaining("not a plain table or column name");
    assertThatThrownBy(() ->
            test(Map.of("database", with(with(base, "component", "mail"), "expected_value", 1))))
        .hasMessageContaining("no database component named 'mail'");
  }

  @Test
  void databaseOnPostgres() throws Exception {
    dev.baton.store.jdbc.TestPostgres.Database pg = dev.baton.store.jdbc.TestPostgres.newSchema();
    try (Connection c = pg.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE aps_description (current_state TEXT, goal_state TEXT, level INTEGER)");
      st.execute("INSERT INTO aps_description VALUES ('inactive', 'active', 5)");
    }
    Conditions onPg =
        new Conditions(
            new Expressions(),
            new Databases(
                Map.of(
                    "pg",
                    Map.of(
                        "type",
                        "database",
                        "url",
                        pg.url(),
                        "user",
                        pg.user(),
                        "password",
                        pg.password()))));
    Situation s = new Situation(clients, now, Map.of(), context);
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("component", "pg");
    base.put("table", "aps_description");
    base.put("column", "goal_state");
    base.put("where", Map.of("current_state", "inactive"));
    assertThat(onPg.test(Map.of("database", with(base, "expected_value", "active")), s)).isTrue();
    Map<String, Object> level = with(base, "column", "level");
    assertThat(
            onPg.test(
                Map.of("database", with(with(level, "operator", "greater"), "expected_value", 4)),
                s))
        .isTrue();
    Map<String, Object> list = new LinkedHashMap<>(base);
    list.remove("column");
    list.put("columns", List.of("level"));
    assertThat(onPg.test(Map.of("database_list", list), s)).isTrue();
    assertThat(context.get("database_records")).isEqualTo(List.of(Map.of("level", 5)));
  }

  @Test
  void databaseListPutsRowsIntoTheContext() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("component", "main_database");
    q.put("table", "aps_description");
    q.put("columns", List.of("id", "level"));
    q.put("where", Map.of("goal_state", "active"));
    q.put("order_by", "level DESC");
    q.put("limit", 1);
    q.put("result_key", "aps");
    assertThat(test(Map.of("database_list", q))).isTrue();
    assertThat(context.get("aps")).isEqualTo(List.of(Map.of("id", 2, "level", 7)));
    assertThat(test(Map.of("database_list", with(q, "where", Map.of("goal_state", "none")))))
        .isFalse();
    assertThat(context.get("aps")).isEqualTo(List.of());
    assertThatThrownBy(() -> test(Map.of("database_list", with(q, "where", Map.of()))))
        .hasMessageContaining("where");
  }

  @Test
  void virtualDeviceError() {
    clients.set(
        0,
        client(
            "io",
            "FAULT",
            "io fault",
            Map.of("io_server", Map.of("failed_virtual_devices", Map.of("feeder_12", "timeout")))));
    Map<String, Object> c =
        Map.of(
            "virtual_device_error",
            Map.of("client", "io", "device_pattern", "feeder", "extract_id_to", "feeder_id"));
    assertThat(test(c)).isTrue();
    assertThat(context)
        .containsEntry("feeder_id", 12L)
        .containsEntry("virtual_device", "feeder_12");
    assertThat(
            test(
                Map.of(
                    "virtual_device_error", Map.of("client", "io", "device_pattern", "gripper"))))
        .isFalse();
    assertThat(
            test(
                Map.of(
                    "virtual_device_error",
                    Map.of("client", "nobody", "device_pattern", "feeder"))))
        .isFalse();
  }

  @Test
  void expressionOverTheSnapshot() {
    Map<String, Object> snapshot =
        Map.of(
            "clients",
            Map.of("io", Map.of("fsm_state", "FAULT")),
            "components_in_fault",
            List.of("io"));
    Situation s = new Situation(clients, now, snapshot, context);
    assertThat(
            conditions.test(
                Map.of("expression", Map.of("expr", "data.clients.io.fsm_state == 'FAULT'")), s))
        .isTrue();
    assertThat(conditions.test(Map.of("expression", "size(data.components_in_fault) > 1"), s))
        .isFalse();
    // A missing key is false, as everywhere in Baton's expressions.
    assertThat(conditions.test(Map.of("expression", "data.clients.nobody.fsm_state == 'RUN'"), s))
        .isFalse();
    assertThat(Conditions.problems(Map.of("expression", "data.clients ==="), "c"))
        .singleElement()
        .asString()
        .contains("c.expression");
  }

  @Test
  void problemsNameThePath() {
    assertThat(Conditions.problems(logic("and", Map.of("weather", Map.of())), "trigger.conditions"))
        .singleElement()
        .asString()
        .startsWith("trigger.conditions.and.conditions[0]: unknown condition type 'weather'");
    // Old files kept priority and cooldown_seconds beside the condition: not a type.
    assertThat(Conditions.problems(Map.of("priority", 3, "client_state", Map.of()), "c")).isEmpty();
  }

  static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    Map<String, Object> out = new LinkedHashMap<>(m);
    out.put(k, v);
    return out;
  }
}
