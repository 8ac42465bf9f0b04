package dev.baton.scenarios.condition;

import dev.baton.expr.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads a condition tree once. Its shape (known types, objects where objects belong, the
 * expression's CEL) is checked here and reported with the path; the values of each leaf are read
 * here too, and a leaf whose values are wrong becomes a {@link Condition.Broken} that fails when
 * evaluated, as upstream does.
 */
public final class ConditionParser {
  /** The parser every scenario file uses; it compiles CEL with a default {@link Expressions}. */
  public static final ConditionParser DEFAULT = new ConditionParser(new Expressions());

  /** Legacy keys that sat beside the condition in old files; not conditions. */
  private static final Set<String> LEGACY = Set.of("priority", "cooldown_seconds");

  /** Each leaf family's reader of its (object) body. */
  private static final Map<String, Function<Map<?, ?>, Condition>> LEAVES =
      Map.of(
          "client_state", ClientState::parse,
          "time", Time::parse,
          "error_message", ErrorMessage::parse,
          "database", Database::value,
          "database_list", Database::rows,
          "virtual_device_error", VirtualDeviceError::parse);

  /** The keys upstream registers, with the class-name aliases (LogicAndCondition → logicand). */
  private static final Map<String, String> TYPES = types();

  private final Expressions cel;

  public ConditionParser(Expressions cel) {
    this.cel = cel;
  }

  private static Map<String, String> types() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String logic : Logic.NAMES) {
      m.put(logic, logic);
      m.put("logic" + logic, logic);
    }
    LEAVES.keySet().forEach(t -> m.put(t, t));
    m.put("expression", "expression");
    m.put("clientstate", "client_state");
    m.put("errormessage", "error_message");
    m.put("databaselist", "database_list");
    m.put("virtualdeviceerror", "virtual_device_error");
    return Map.copyOf(m);
  }

  /**
   * Parses a tree; each shape problem is added to {@code problems} with its path (the tree is then
   * unusable, and the returned node meaningless).
   */
  public Condition parse(@Nullable Object condition, String at, List<String> problems) {
    if (condition == null) {
      return Condition.ALWAYS;
    }
    if (!(condition instanceof Map<?, ?> m)) {
      problems.add(at + ": a condition must be an object like {\"client_state\": {...}}");
      return Condition.ALWAYS;
    }
    Map.Entry<String, @Nullable Object> first = first(m);
    if (first == null) {
      return Condition.ALWAYS;
    }
    String type = TYPES.get(first.getKey().toLowerCase(Locale.ROOT));
    if (type == null) {
      problems.add(
          at
              + ": unknown condition type '"
              + first.getKey()
              + "'; known: "
              + TYPES.keySet().stream().sorted().toList());
      return Condition.ALWAYS;
    }
    Object body = first.getValue();
    String here = at + "." + first.getKey();
    if (Logic.NAMES.contains(type)) {
      return Logic.parse(type, body, here, this, problems);
    }
    if (type.equals("expression")) {
      return Cel.parse(body, here, cel, problems);
    }
    if (!(body instanceof Map<?, ?> b)) {
      problems.add(here + " must be an object");
      return Condition.ALWAYS;
    }
    try {
      return java.util.Objects.requireNonNull(LEAVES.get(type)).apply(b);
    } catch (ConditionException | IllegalArgumentException e) {
      return new Condition.Broken(String.valueOf(e.getMessage()));
    }
  }

  /** Parses a tree that must be usable. */
  public Condition parse(@Nullable Object condition, String at) {
    List<String> problems = new ArrayList<>();
    Condition c = parse(condition, at, problems);
    if (!problems.isEmpty()) {
      throw new ConditionException(String.join("; ", problems));
    }
    return c;
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

  /** A required value of a leaf's body. */
  static Object need(Map<?, ?> b, String key, String type) {
    Object v = b.get(key);
    if (v == null) {
      throw new ConditionException(type + ": " + key + " is required");
    }
    return v;
  }
}
