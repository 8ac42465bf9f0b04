package dev.baton.scenarios.internal.action;

import dev.baton.declarative.Durations;
import dev.baton.scenarios.internal.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code systemctl}: runs the config's {@code systemctl_command} with {@code operation} for each
 * templated service, optionally under {@code sudo -n}; a non-zero exit fails it unless {@code
 * ignore_errors}.
 */
record Systemctl(
    String operation, Object services, Duration timeout, boolean ignoreErrors, boolean sudo)
    implements ScenarioAction {
  private static final Set<String> OPERATIONS =
      Set.of("stop", "start", "restart", "reload", "enable", "disable", "status");

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    String op = String.valueOf(a.get("operation") == null ? "stop" : a.get("operation"));
    if (!OPERATIONS.contains(op)) {
      throw new ActionFailure("systemctl: unknown operation '" + op + "'");
    }
    Object services = a.get("services") != null ? a.get("services") : a.get("service");
    if (services == null) {
      throw servicesRequired();
    }
    return new Systemctl(
        op,
        services,
        Durations.parse(a.get("timeout"), Duration.ofSeconds(30), "systemctl.timeout"),
        Boolean.TRUE.equals(a.get("ignore_errors")),
        Boolean.TRUE.equals(a.get("use_sudo")));
  }

  private static ActionFailure servicesRequired() {
    return new ActionFailure("systemctl: service or services is required");
  }

  @Override
  public String type() {
    return "systemctl";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    List<String> names = Targets.names(Templates.render(services, run.vars()));
    if (names.isEmpty()) {
      throw servicesRequired();
    }
    List<Map<String, Object>> done = new ArrayList<>();
    for (String service : names) {
      List<String> cmd = new ArrayList<>();
      if (sudo) {
        cmd.add("sudo");
        cmd.add("-n");
      }
      cmd.addAll(List.of(run.with().config().systemctlCommand().split(" ")));
      cmd.add(operation);
      cmd.add(service);
      done.add(exec(cmd, service));
    }
    return Map.of("operation", operation, "services", done);
  }

  private Map<String, Object> exec(List<String> cmd, String service) throws ActionFailure {
    int exit;
    String output;
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ActionFailure(
            "systemctl: " + String.join(" ", cmd) + " timed out after " + timeout);
      }
      exit = p.exitValue();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      if (ignoreErrors) {
        return Map.of("service", service, "error", String.valueOf(e.getMessage()));
      }
      throw new ActionFailure("systemctl: cannot run " + cmd + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionFailure("systemctl: interrupted");
    }
    if (exit != 0 && !ignoreErrors) {
      throw new ActionFailure(
          "systemctl: " + String.join(" ", cmd) + " exited " + exit + ": " + output);
    }
    return Map.of(
        "service", service, "command", String.join(" ", cmd), "exit_code", exit, "output", output);
  }
}
