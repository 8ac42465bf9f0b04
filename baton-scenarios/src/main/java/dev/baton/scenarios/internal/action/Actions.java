package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.condition.ConditionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The registry of action types: each type's reader of its fields. */
public final class Actions {
  /** Reads one action's fields; the failure's message is the run's error when it gets there. */
  @FunctionalInterface
  interface Reader {
    ScenarioAction read(Map<?, ?> action) throws ActionFailure;
  }

  private static final Map<String, Reader> READERS = readers();

  private Actions() {}

  private static Map<String, Reader> readers() {
    Map<String, Reader> m = new LinkedHashMap<>();
    m.put("log_event", LogEvent::read);
    m.put("send_command", SendCommand::read);
    m.put("send_custom_command", SendCustomCommand::read);
    m.put("wait_for_state", WaitForState::read);
    m.put("send_email", SendEmail::read);
    m.put("send_sms", SendSms::read);
    m.put("systemctl", Systemctl::read);
    m.put("start_job", StartJob::read);
    m.put("http_request", HttpRequest::read);
    m.put("execute_scenario", ExecuteScenario::read);
    m.put("evaluate_condition", EvaluateCondition::read);
    return m;
  }

  /**
   * Reads an action as written. Never fails: an action that cannot be read is {@link Unusable},
   * which fails the run when reached, as upstream's runner does.
   */
  public static ScenarioAction parse(Map<?, ?> action) {
    String type = String.valueOf(action.get("type"));
    Reader reader = READERS.get(type);
    if (reader == null) {
      return new Unusable(
          type,
          "unknown action type '" + type + "'; Baton knows " + String.join(", ", READERS.keySet()));
    }
    try {
      return reader.read(action);
    } catch (ActionFailure e) {
      return new Unusable(type, String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException | ConditionException e) {
      return new Unusable(type, type + ": " + e.getMessage());
    }
  }

  /**
   * Reads a list of nested actions ({@code on_failure}, {@code then}, {@code else}); an entry that
   * is not an object is {@code notAnObject} when {@code notAnObject} is given, else skipped.
   */
  static List<ScenarioAction> parseAll(@Nullable Object list, @Nullable Unusable notAnObject) {
    List<ScenarioAction> out = new ArrayList<>();
    if (list instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> m) {
          out.add(parse(m));
        } else if (notAnObject != null) {
          out.add(notAnObject);
        }
      }
    }
    return List.copyOf(out);
  }
}
