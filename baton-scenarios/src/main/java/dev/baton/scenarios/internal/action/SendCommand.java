package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.Components;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code send_command}: sends {@code command} to the targets, in parallel, waiting for each ack.
 */
record SendCommand(String command, Targets targets) implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    return new SendCommand(command(a, "send_command"), Targets.read(a));
  }

  static String command(Map<?, ?> a, String type) throws ActionFailure {
    if (!(a.get("command") instanceof String command) || command.isBlank()) {
      throw new ActionFailure(type + ": command is required");
    }
    return command;
  }

  @Override
  public String type() {
    return "send_command";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    return deliver(run, type(), command, targets, Map.of(), 20.0);
  }

  /**
   * Sends to every target at once, as upstream: the @all scenarios must not wait for one slow
   * component per step. Any target that could not be reached fails the action, naming each.
   */
  static Map<String, Object> deliver(
      ActionRun run,
      String type,
      String command,
      Targets targets,
      Map<String, Object> data,
      double maxSeconds)
      throws ActionFailure {
    Components components = run.with().components();
    List<String> names = targets.resolve(components, run.vars(), false);
    Map<String, String> errors = new ConcurrentHashMap<>();
    List<Thread> sends = new ArrayList<>();
    for (String t : names) {
      sends.add(
          Thread.ofVirtual()
              .start(() -> {
                try {
                  components.send(t, command, data, maxSeconds);
                } catch (IOException e) {
                  errors.put(t, String.valueOf(e.getMessage()));
                }
              }));
    }
    for (Thread t : sends) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure("interrupted");
      }
    }
    if (!errors.isEmpty()) {
      throw new ActionFailure(
          type + ": " + command + " could not be delivered: " + new TreeMap<>(errors));
    }
    return Map.of("command", command, "sent_to", names);
  }
}
