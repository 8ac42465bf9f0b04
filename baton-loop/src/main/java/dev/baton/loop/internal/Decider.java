package dev.baton.loop.internal;

import dev.baton.expr.ExpressionException;
import dev.baton.loop.Assessment;
import dev.baton.loop.Assessment.RuleError;
import dev.baton.loop.Decision;
import dev.baton.loop.internal.RuleSet.Advice;
import dev.baton.loop.internal.RuleSet.Deduction;
import dev.baton.loop.internal.RuleSet.Health;
import dev.baton.loop.internal.RuleSet.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Scores a snapshot's health and evaluates the rule table on it. Pure: the same snapshot, rules and
 * cooldowns give the same assessment, which is what lets tests state each rule's truth on crafted
 * snapshots.
 */
public final class Decider {
  private final RuleSet rules;

  public Decider(RuleSet rules) {
    this.rules = rules;
  }

  /**
   * Assesses a snapshot (sections by name, without {@code system}, which this computes and adds).
   *
   * @param coolingDown true for a rule that must not fire yet
   */
  public Assessment assess(Map<String, Object> snapshot, Predicate<String> coolingDown) {
    List<RuleError> errors = new ArrayList<>();
    Map<String, @Nullable Object> system = score(snapshot, errors);
    snapshot.put("system", system);
    List<Decision> decisions = new ArrayList<>();
    List<String> held = new ArrayList<>();
    for (Rule rule : rules.rules()) {
      try {
        List<Decision> made = decide(rule, snapshot);
        if (!made.isEmpty() && coolingDown.test(rule.name())) {
          held.add(rule.name());
        } else {
          decisions.addAll(made);
        }
      } catch (ExpressionException | IllegalArgumentException e) {
        errors.add(new RuleError(rule.name(), String.valueOf(e.getMessage())));
      }
    }
    // Stable: within one priority, the file's order.
    decisions.sort(Comparator.comparingInt(Decision::priority).reversed());
    return new Assessment(system, List.copyOf(decisions), List.copyOf(held), List.copyOf(errors));
  }

  private Map<String, @Nullable Object> score(
      Map<String, Object> snapshot, List<RuleError> errors) {
    Health h = rules.health();
    long score = h.start();
    List<Map<String, Object>> applied = new ArrayList<>();
    for (Deduction d : h.deductions()) {
      try {
        if (d.when() != null && !d.when().test(snapshot)) {
          continue;
        }
        long points = points(d.points().get(snapshot), d.name());
        if (points != 0) {
          score -= points;
          applied.add(Map.of("name", d.name(), "points", points));
        }
      } catch (ExpressionException | IllegalArgumentException e) {
        errors.add(new RuleError("health." + d.name(), String.valueOf(e.getMessage())));
      }
    }
    score = Math.max(0, score);
    List<String> recommendations = new ArrayList<>();
    for (Advice a : h.recommendations()) {
      try {
        if (a.when() == null || a.when().test(snapshot)) {
          recommendations.add(a.text());
        }
      } catch (ExpressionException e) {
        errors.add(new RuleError("health.recommendation '" + a.text() + "'", e.getMessage()));
      }
    }
    String status =
        score >= h.healthyAt() ? "healthy" : score >= h.degradedAt() ? "degraded" : "critical";
    Map<String, @Nullable Object> system = new LinkedHashMap<>();
    system.put("health_score", score);
    system.put("status", status);
    system.put("requires_attention", score < h.healthyAt());
    system.put("recommendations", List.copyOf(recommendations));
    system.put("deductions", List.copyOf(applied));
    return system;
  }

  private static long points(@Nullable Object v, String name) {
    if (v instanceof Number n) {
      return Math.round(n.doubleValue());
    }
    throw new IllegalArgumentException(
        "deduction '" + name + "': points gave " + v + " instead of a number");
  }

  private List<Decision> decide(Rule rule, Map<String, Object> snapshot) {
    if (rule.forEach() == null) {
      return decideFor(rule, snapshot, null).map(List::of).orElse(List.of());
    }
    Object items = rule.forEach().evaluate(snapshot);
    if (!(items instanceof List<?> list)) {
      throw new IllegalArgumentException("for_each gave " + items + " instead of a list");
    }
    List<Decision> out = new ArrayList<>();
    for (Object item : list) {
      Map<String, Object> vars = new HashMap<>(snapshot);
      vars.put("item", item);
      decideFor(rule, vars, item).ifPresent(out::add);
    }
    return out;
  }

  private java.util.Optional<Decision> decideFor(
      Rule rule, Map<String, ?> vars, @Nullable Object item) {
    if (rule.when() != null && !rule.when().test(vars)) {
      return java.util.Optional.empty();
    }
    Map<String, @Nullable Object> params = new LinkedHashMap<>();
    List<String> reads = new ArrayList<>();
    Paths.addReads(reads, rule.forEach());
    Paths.addReads(reads, rule.when());
    rule.params()
        .forEach((k, v) -> {
          params.put(k, v.get(vars));
          v.reads().stream().filter(r -> !reads.contains(r)).forEach(reads::add);
        });
    return java.util.Optional.of(
        new Decision(
            rule.name(),
            rule.action(),
            rule.priority(),
            rule.reason(),
            params,
            Paths.values(reads, vars),
            item));
  }

  /** Stakazo's {@code summarize_decisions}. */
  public static Map<String, @Nullable Object> summary(Assessment a) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    List<Decision> d = a.decisions();
    out.put("total_actions", d.size());
    if (d.isEmpty()) {
      out.put("decision", "no_action_needed");
      out.put("summary", "No actions needed; system " + a.system().get("status"));
    } else {
      Map<String, Integer> counts = new LinkedHashMap<>();
      d.forEach(x -> counts.merge(x.action(), 1, Integer::sum));
      Decision top = d.getFirst();
      out.put("decision", "execute_actions");
      out.put("action_counts", counts);
      Map<String, Object> topView = new LinkedHashMap<>();
      topView.put("action_type", top.action());
      topView.put("priority", top.priority());
      topView.put("reason", top.reason());
      out.put("top_priority", topView);
      out.put(
          "summary",
          d.size()
              + " action(s) to execute; most urgent: "
              + top.action()
              + " ("
              + top.reason()
              + ")");
    }
    out.put("actions", d.stream().map(Decision::view).toList());
    if (!a.coolingDown().isEmpty()) {
      out.put("cooling_down", a.coolingDown());
    }
    if (!a.errors().isEmpty()) {
      out.put(
          "rule_errors",
          a.errors().stream().map(e -> Map.of("rule", e.rule(), "reason", e.reason())).toList());
    }
    return out;
  }
}
