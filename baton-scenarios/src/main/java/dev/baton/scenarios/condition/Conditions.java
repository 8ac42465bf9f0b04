package dev.baton.scenarios.condition;

import dev.baton.expr.Expressions;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates conditions against the configured database components: parsed ones, or a tree as
 * written (parsed first, for callers that hold one).
 */
public final class Conditions {
  private final ConditionParser parser;
  private final Databases databases;

  public Conditions(Expressions cel, Databases databases) {
    this.parser = new ConditionParser(cel);
    this.databases = databases;
  }

  /**
   * Evaluates a parsed condition.
   *
   * @throws ConditionException when it cannot be evaluated (bad configuration, database refused)
   */
  public boolean test(Condition condition, Situation s) {
    return condition.test(s, databases);
  }

  /**
   * Parses and evaluates a tree; null or {} is true.
   *
   * @throws ConditionException when its shape is wrong or it cannot be evaluated
   */
  public boolean test(@Nullable Object condition, Situation s) {
    return test(parser.parse(condition, "condition"), s);
  }

  /** What is wrong with a tree's shape, each problem with its path; empty when it is usable. */
  public static List<String> problems(@Nullable Object condition, String at) {
    List<String> out = new ArrayList<>();
    ConditionParser.DEFAULT.parse(condition, at, out);
    return out;
  }
}
