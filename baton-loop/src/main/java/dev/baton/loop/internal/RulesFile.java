package dev.baton.loop.internal;

import dev.baton.expr.ExpressionException;
import dev.baton.expr.Formula;
import dev.baton.expr.OpenExpressions;
import dev.baton.loop.RulesException;
import dev.baton.loop.internal.RuleSet.Advice;
import dev.baton.loop.internal.RuleSet.Deduction;
import dev.baton.loop.internal.RuleSet.Health;
import dev.baton.loop.internal.RuleSet.Rule;
import dev.baton.loop.internal.RuleSet.SnapshotSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a rules file (YAML, or JSON, which is YAML too) and compiles its expressions against the
 * snapshot's section names. Anything wrong refuses the whole file with {@link RulesException}
 * naming the file, the rule and the reason: a half-loaded rule table would act on a system
 * differently from what its author wrote.
 */
public final class RulesFile {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final Set<String> TOP = Set.of("snapshot", "health", "rules");
  private static final Set<String> SNAPSHOT =
      Set.of("stuck_after_minutes", "queue_saturated_above");
  private static final Set<String> HEALTH =
      Set.of("start", "healthy_at", "degraded_at", "deductions", "recommendations");
  private static final Set<String> DEDUCTION = Set.of("name", "when", "points");
  private static final Set<String> ADVICE = Set.of("when", "text");
  private static final Set<String> RULE =
      Set.of(
          "name", "when", "for_each", "action", "priority", "reason", "params", "cooldown_seconds");

  private final String file;
  private final OpenExpressions cel;
  private final Set<String> actions;
  private final List<String> warnings = new ArrayList<>();

  private RulesFile(String file, OpenExpressions cel, Set<String> actions) {
    this.file = file;
    this.cel = cel;
    this.actions = actions;
  }

  /**
   * Parses and compiles a rules file.
   *
   * @param file the file's name, for messages
   * @param variables the snapshot's section names, plus {@code item}
   * @param actions the names of the registered actions (others give a warning)
   */
  public static RuleSet parse(
      String file, String text, List<String> variables, Set<String> actions) {
    return new RulesFile(file, new OpenExpressions(variables), actions).parse(text);
  }

  private RuleSet parse(String text) {
    Object doc;
    try {
      doc = YAML.readValue(text, Object.class);
    } catch (JacksonException e) {
      throw fail(null, "not valid YAML: " + e.getOriginalMessage());
    }
    Map<String, Object> top = object(doc, null, "the file");
    known(top, TOP, null, "the file");
    SnapshotSettings snapshot =
        snapshot(object(top.getOrDefault("snapshot", Map.of()), null, "snapshot"));
    Health health = health(object(top.getOrDefault("health", Map.of()), null, "health"));
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (Object raw : list(top.getOrDefault("rules", List.of()), null, "rules")) {
      index++;
      Rule rule = rule(raw, index);
      if (!names.add(rule.name())) {
        throw fail(rule.name(), "the name is used by another rule");
      }
      rules.add(rule);
    }
    return new RuleSet(file, snapshot, health, List.copyOf(rules), List.copyOf(warnings));
  }

  private SnapshotSettings snapshot(Map<String, Object> m) {
    known(m, SNAPSHOT, null, "snapshot");
    SnapshotSettings d = SnapshotSettings.DEFAULTS;
    return new SnapshotSettings(
        integer(m, "stuck_after_minutes", d.stuckAfterMinutes(), 0, 100_000, null, "snapshot"),
        integer(
            m, "queue_saturated_above", d.queueSaturatedAbove(), 0, 10_000_000, null, "snapshot"));
  }

  private Health health(Map<String, Object> m) {
    known(m, HEALTH, null, "health");
    int start = integer(m, "start", 100, 0, 1_000_000, null, "health");
    int healthy = integer(m, "healthy_at", 80, 0, 1_000_000, null, "health");
    int degraded = integer(m, "degraded_at", 50, 0, 1_000_000, null, "health");
    if (degraded > healthy) {
      throw fail(
          null, "health: degraded_at (" + degraded + ") is above healthy_at (" + healthy + ")");
    }
    List<Deduction> deductions = new ArrayList<>();
    int i = 0;
    for (Object raw : list(m.getOrDefault("deductions", List.of()), null, "health.deductions")) {
      String where = "health.deductions[" + i++ + "]";
      Map<String, Object> d = object(raw, null, where);
      known(d, DEDUCTION, null, where);
      String name = text(d, "name", null, where);
      Object points = d.get("points");
      if (points == null) {
        throw fail(null, where + " (" + name + "): points is required");
      }
      deductions.add(
          new Deduction(
              name,
              optionalCondition(d, null, where + " (" + name + ")"),
              value(points, null, where + " (" + name + ").points")));
    }
    List<Advice> advice = new ArrayList<>();
    i = 0;
    for (Object raw :
        list(m.getOrDefault("recommendations", List.of()), null, "health.recommendations")) {
      String where = "health.recommendations[" + i++ + "]";
      Map<String, Object> a = object(raw, null, where);
      known(a, ADVICE, null, where);
      advice.add(new Advice(optionalCondition(a, null, where), text(a, "text", null, where)));
    }
    return new Health(start, healthy, degraded, List.copyOf(deductions), List.copyOf(advice));
  }

  private Rule rule(Object raw, int index) {
    Map<String, Object> m = object(raw, null, "rules[" + (index - 1) + "]");
    Object rawName = m.get("name");
    String name = rawName instanceof String s && !s.isBlank() ? s : "#" + index;
    known(m, RULE, name, "the rule");
    text(m, "name", name, "the rule");
    String action = text(m, "action", name, "the rule");
    if (!actions.contains(action)) {
      warnings.add(
          file
              + ": rule '"
              + name
              + "' chooses action '"
              + action
              + "', which no one provides; it will fail with \"Unknown action type: "
              + action
              + "\". Known actions: "
              + new TreeSet<>(actions));
    }
    int priority = integer(m, "priority", -1, 1, 10, name, "priority");
    if (!m.containsKey("priority")) {
      throw fail(name, "priority is required (1-10, higher runs first)");
    }
    Object reason = m.getOrDefault("reason", name);
    if (!(reason instanceof String r)) {
      throw fail(name, "reason must be text");
    }
    Map<String, Value> params = new LinkedHashMap<>();
    object(m.getOrDefault("params", Map.of()), name, "params")
        .forEach((k, v) -> params.put(k, value(v, name, "params." + k)));
    Object forEach = m.get("for_each");
    Formula each = null;
    if (forEach != null) {
      if (!(forEach instanceof String f)) {
        throw fail(name, "for_each must be a CEL expression giving a list");
      }
      each = compile(() -> cel.value(f), name, "for_each");
    }
    int cooldown = integer(m, "cooldown_seconds", 0, 0, 30 * 24 * 3600, name, "cooldown_seconds");
    return new Rule(
        name,
        each,
        optionalCondition(m, name, "when"),
        action,
        priority,
        r,
        Map.copyOf(params),
        Duration.ofSeconds(cooldown));
  }

  private @Nullable Formula optionalCondition(
      Map<String, Object> m, @Nullable String rule, String where) {
    Object when = m.get("when");
    if (when == null || Boolean.TRUE.equals(when)) {
      return null;
    }
    if (!(when instanceof String s)) {
      throw fail(rule, where + ": when must be a CEL condition, was " + when);
    }
    return compile(() -> cel.condition(s), rule, rule == null ? where + ".when" : "when");
  }

  /** A string is CEL; anything else (a number, a boolean, a list) is taken as it is. */
  private Value value(@Nullable Object raw, @Nullable String rule, String where) {
    if (raw instanceof String s) {
      return new Value.Cel(compile(() -> cel.value(s), rule, where));
    }
    return new Value.Constant(raw);
  }

  private Formula compile(Supplier<Formula> compile, @Nullable String rule, String where) {
    try {
      return compile.get();
    } catch (ExpressionException e) {
      throw fail(rule, where + ": " + e.getMessage());
    }
  }

  // ---- typed reads ------------------------------------------------------------------------

  private Map<String, Object> object(@Nullable Object raw, @Nullable String rule, String where) {
    if (!(raw instanceof Map<?, ?> m)) {
      throw fail(rule, where + " must be a mapping of keys to values");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private List<?> list(@Nullable Object raw, @Nullable String rule, String where) {
    if (!(raw instanceof List<?> l)) {
      throw fail(rule, where + " must be a list");
    }
    return l;
  }

  private String text(Map<String, Object> m, String key, @Nullable String rule, String where) {
    if (!(m.get(key) instanceof String s) || s.isBlank()) {
      throw fail(rule, where + ": " + key + " is required and must be text");
    }
    return s;
  }

  private int integer(
      Map<String, Object> m,
      String key,
      int fallback,
      int min,
      int max,
      @Nullable String rule,
      String where) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if ((v instanceof Integer || v instanceof Long)
        && ((Number) v).longValue() >= min
        && ((Number) v).longValue() <= max) {
      return ((Number) v).intValue();
    }
    throw fail(
        rule,
        (where.equals(key) ? key : where + "." + key)
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", was "
            + v);
  }

  private void known(Map<String, Object> m, Set<String> keys, @Nullable String rule, String where) {
    for (String k : m.keySet()) {
      if (!keys.contains(k)) {
        throw fail(
            rule, where + ": unknown key '" + k + "'; expected one of " + new TreeSet<>(keys));
      }
    }
  }

  private RulesException fail(@Nullable String rule, String reason) {
    return new RulesException(file, rule, reason);
  }
}
