package dev.baton.scenarios;

import dev.baton.scenarios.condition.Condition;
import dev.baton.scenarios.condition.ConditionParser;
import dev.baton.scenarios.internal.action.Actions;
import dev.baton.scenarios.internal.action.Unusable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One scenario file: a trigger, a condition tree and an ordered list of actions, with its limits.
 *
 * @param triggerType {@code automatic} (conditions checked every tick; also any type upstream does
 *     not know), {@code manual} (runs once when requested), {@code event} (runs when an event of
 *     {@code eventType} matching {@code eventFilter} arrives) or {@code schedule} (runs when the
 *     scheduler calls {@link Scenarios#run})
 * @param cooldownSeconds no new start until this long after the end of the previous run
 * @param maxExecutions runs allowed until an ACK; 0 for unlimited
 * @param maxConcurrentExecutions refuses an automatic start while this many scenario runs (of any
 *     scenario, as upstream) are running; also caps parallel runs of this one
 * @param condition {@code trigger.conditions}, parsed
 * @param actions the actions as written: what a run's job stores, read again when each runs
 * @param source {@code builtin} or {@code user}
 * @param raw the file as read, for the API
 */
public record Scenario(
    String name,
    String description,
    int priority,
    long cooldownSeconds,
    int maxExecutions,
    int maxConcurrentExecutions,
    String triggerType,
    @Nullable String eventType,
    Map<String, Object> eventFilter,
    Condition condition,
    List<Map<String, Object>> actions,
    String source,
    String file,
    Map<String, Object> raw) {

  public static final String AUTOMATIC = "automatic";
  public static final String MANUAL = "manual";
  public static final String EVENT = "event";
  public static final String SCHEDULE = "schedule";

  public Scenario {
    eventFilter = Map.copyOf(eventFilter);
    actions = List.copyOf(actions);
  }

  /**
   * Reads a scenario from its parsed file.
   *
   * @throws IllegalArgumentException with the reason, when upstream would reject it (no name, no
   *     actions) or Baton cannot use it (a bad condition tree, a limit of the wrong type)
   */
  @SuppressWarnings("unchecked")
  public static Scenario of(Object parsed, String source, String file) {
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a scenario file must hold one JSON object");
    }
    if (!(m.get("name") instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException("'name' is required and must not be empty");
    }
    if (!(m.get("actions") instanceof List<?> rawActions) || rawActions.isEmpty()) {
      throw new IllegalArgumentException("'actions' is required and must be a non-empty list");
    }
    List<Map<String, Object>> actions = new ArrayList<>();
    for (int i = 0; i < rawActions.size(); i++) {
      if (!(rawActions.get(i) instanceof Map<?, ?> a)) {
        throw new IllegalArgumentException("actions[" + i + "] must be an object with a 'type'");
      }
      actions.add((Map<String, Object>) a);
    }
    Map<?, ?> trigger = m.get("trigger") instanceof Map<?, ?> t ? t : Map.of();
    Map<String, Object> conditions =
        trigger.get("conditions") instanceof Map<?, ?> c ? (Map<String, Object>) c : null;
    if (trigger.get("conditions") != null && conditions == null) {
      throw new IllegalArgumentException("trigger.conditions must be an object");
    }
    List<String> problems = new ArrayList<>();
    Condition condition = ConditionParser.DEFAULT.parse(conditions, "trigger.conditions", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    Object legacyPriority = conditions == null ? null : conditions.get("priority");
    Object legacyCooldown = conditions == null ? null : conditions.get("cooldown_seconds");
    String type =
        String.valueOf(trigger.get("type") == null ? AUTOMATIC : trigger.get("type"))
            .strip()
            .toLowerCase(Locale.ROOT);
    type =
        switch (type) {
          case MANUAL, EVENT -> type;
          case SCHEDULE, "scheduled" -> SCHEDULE;
          default -> AUTOMATIC;
        };
    String eventType = null;
    if (type.equals(EVENT)) {
      if (!(trigger.get("event_type") instanceof String et) || et.isBlank()) {
        throw new IllegalArgumentException("an event trigger needs trigger.event_type");
      }
      eventType = et;
    }
    Map<String, Object> filter = new LinkedHashMap<>();
    if (trigger.get("filter") instanceof Map<?, ?> f) {
      f.forEach((k, v) -> filter.put(String.valueOf(k), v == null ? "" : v));
    }
    int maxExecutions = (int) whole(m, "max_executions", null, 0);
    return new Scenario(
        name,
        m.get("description") instanceof String d ? d : "",
        (int) whole(m, "priority", legacyPriority, 0),
        whole(m, "cooldown", legacyCooldown, 60),
        Math.max(0, maxExecutions),
        (int) Math.max(1, whole(m, "max_concurrent_executions", null, 1)),
        type,
        eventType,
        filter,
        condition,
        actions,
        source,
        file,
        (Map<String, Object>) m);
  }

  private static long whole(Map<?, ?> m, String key, @Nullable Object legacy, long fallback) {
    Object v = m.get(key) != null ? m.get(key) : legacy;
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("'" + key + "' must be a number, was " + v);
    }
    return n.longValue();
  }

  /**
   * What is wrong with actions that will fail the run when it reaches them (an unknown type, a
   * missing field): upstream loads such a scenario, and so does Baton, but says so at load.
   */
  public List<String> actionProblems() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      if (Actions.parse(actions.get(i)) instanceof Unusable u) {
        out.add("actions[" + i + "]: " + u.reason());
      }
    }
    return out;
  }

  public boolean isManual() {
    return MANUAL.equals(triggerType);
  }
}
