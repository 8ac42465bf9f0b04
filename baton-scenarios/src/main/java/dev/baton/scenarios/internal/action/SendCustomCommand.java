package dev.baton.scenarios.internal.action;

import dev.baton.declarative.Durations;
import dev.baton.scenarios.internal.Templates;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code send_custom_command}: {@code send_command} with templated {@code data} (nulls dropped) and
 * the components' {@code timeout} (default 20 s).
 */
record SendCustomCommand(String command, Targets targets, Map<?, ?> data, Duration timeout)
    implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    Object data = a.get("data") == null ? Map.of() : a.get("data");
    if (!(data instanceof Map<?, ?> d)) {
      throw new ActionFailure("send_custom_command: data must be an object");
    }
    Duration timeout =
        Durations.parse(a.get("timeout"), Duration.ofSeconds(20), "send_custom_command.timeout");
    return new SendCustomCommand(
        SendCommand.command(a, "send_custom_command"), Targets.read(a), d, timeout);
  }

  @Override
  public String type() {
    return "send_custom_command";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    Map<String, Object> rendered = withoutNulls(Templates.render(data, run.vars()));
    Map<String, Object> result =
        new LinkedHashMap<>(
            SendCommand.deliver(
                run, type(), command, targets, rendered, timeout.toMillis() / 1000.0));
    result.put("data", rendered);
    return result;
  }

  /** A rendered object without the entries whose templates found nothing, at every depth. */
  static Map<String, Object> withoutNulls(@Nullable Object rendered) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (rendered instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v instanceof Map<?, ?> inner) {
          out.put(String.valueOf(k), withoutNulls(inner));
        } else if (v != null) {
          out.put(String.valueOf(k), v);
        }
      });
    }
    return out;
  }
}
