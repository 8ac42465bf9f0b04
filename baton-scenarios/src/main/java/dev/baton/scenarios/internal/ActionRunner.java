package dev.baton.scenarios.internal;

import dev.baton.component.Event;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one scenario action (spec section 1.4 and Baton's own). An action either returns what it
 * did, for the run's history, or throws {@link ActionFailure}, which stops the scenario.
 */
public final class ActionRunner {
  private static final Logger log = LoggerFactory.getLogger("dev.baton.scenarios.log");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Starts another scenario's run for {@code execute_scenario}; returns its job id. */
  @FunctionalInterface
  public interface Starter {
    String start(String scenario, Map<String, Object> trigger) throws ActionFailure;
  }

  private final Components components;
  private final Conditions conditions;
  private final OrchestratorConfig config;
  private final Engine engine;
  private final Starter starter;
  private final Supplier<Map<String, Object>> snapshot;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Notifications notifications;

  public ActionRunner(
      Components components,
      Conditions conditions,
      OrchestratorConfig config,
      Engine engine,
      Starter starter,
      Supplier<Map<String, Object>> snapshot,
      Clock clock) {
    this.components = components;
    this.conditions = conditions;
    this.config = config;
    this.engine = engine;
    this.starter = starter;
    this.snapshot = snapshot;
    this.clock = clock;
    this.notifications = new Notifications(components, config, this::call);
  }

  /** Consecutive failures per action type (send_email, send_sms), for the API. */
  public Map<String, Integer> failureCounts() {
    return notifications.failureCounts();
  }

  /** Resets the consecutive-failure counters (on ACK). */
  public void resetFailures() {
    notifications.resetFailures();
  }

  /**
   * Runs an action.
   *
   * @param context the run's variables; actions may add to it (http_request, evaluate_condition)
   */
  public Map<String, Object> run(
      Map<String, Object> action, Map<String, Object> context, String scenario)
      throws ActionFailure {
    String type = String.valueOf(action.get("type"));
    Map<String, Object> vars = new LinkedHashMap<>(context);
    vars.put("scenario_name", scenario);
    try {
      return switch (type) {
        case "log_event" -> logEvent(action, vars);
        case "send_command" -> sendCommand(action, vars, Map.of(), 20.0);
        case "send_custom_command" -> sendCustomCommand(action, vars);
        case "wait_for_state" -> waitForState(action, context, vars, scenario);
        case "send_email" -> notifications.email(action, vars);
        case "send_sms" -> notifications.sms(action, vars);
        case "systemctl" -> systemctl(action, vars);
        case "start_job" -> startJob(action, vars);
        case "http_request" -> httpRequest(action, vars, context);
        case "execute_scenario" -> executeScenario(action, vars, scenario);
        case "evaluate_condition" -> evaluateCondition(action, context, scenario);
        default ->
            throw new ActionFailure(
                "unknown action type '"
                    + type
                    + "'; Baton knows log_event, send_command, send_custom_command,"
                    + " wait_for_state, send_email, send_sms, systemctl, start_job, http_request,"
                    + " execute_scenario, evaluate_condition");
      };
    } catch (IllegalArgumentException | ConditionException e) {
      throw new ActionFailure(type + ": " + e.getMessage());
    }
  }

  // ---- log_event

  private static Map<String, Object> logEvent(Map<String, Object> a, Map<String, Object> vars)
      throws ActionFailure {
    if (a.get("message") == null) {
      throw new ActionFailure("log_event: message is required");
    }
    String message = Templates.text(String.valueOf(a.get("message")), vars);
    String level = String.valueOf(a.getOrDefault("level", "info")).toLowerCase(Locale.ROOT);
    String scenario = String.valueOf(vars.get("scenario_name"));
    switch (level) {
      case "debug" -> log.debug("[{}] {}", scenario, message);
      case "warning", "warn" -> log.warn("[{}] {}", scenario, message);
      case "error", "critical" -> log.error("[{}] {}", scenario, message);
      case "info", "success" -> log.info("[{}] {}", scenario, message);
      default -> {
        log.warn("[{}] log_event: unknown level '{}', logged as info", scenario, level);
        log.info("[{}] {}", scenario, message);
        level = "info";
      }
    }
    return Map.of("level", level, "message", message);
  }

  // ---- commands

  private Map<String, Object> sendCommand(
      Map<String, Object> a, Map<String, Object> vars, Map<String, Object> data, double maxSeconds)
      throws ActionFailure {
    if (!(a.get("command") instanceof String command) || command.isBlank()) {
      throw new ActionFailure(a.get("type") + ": command is required");
    }
    List<String> targets = Targets.of(a, components, vars, false);
    // In parallel, as upstream: the @all scenarios must not wait for one slow component per step.
    Map<String, String> errors = new ConcurrentHashMap<>();
    List<Thread> sends = new ArrayList<>();
    for (String t : targets) {
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
    join(sends);
    if (!errors.isEmpty()) {
      throw new ActionFailure(
          a.get("type") + ": " + command + " could not be delivered: " + new TreeMap<>(errors));
    }
    return Map.of("command", command, "sent_to", targets);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> sendCustomCommand(Map<String, Object> a, Map<String, Object> vars)
      throws ActionFailure {
    Object data = a.get("data") == null ? Map.of() : a.get("data");
    if (!(data instanceof Map<?, ?>)) {
      throw new ActionFailure("send_custom_command: data must be an object");
    }
    Map<String, Object> rendered =
        noNulls((Map<String, @Nullable Object>) Templates.render(data, vars));
    double seconds =
        Durations.parse(a.get("timeout"), Duration.ofSeconds(20), "send_custom_command.timeout")
                .toMillis()
            / 1000.0;
    Map<String, Object> result = new LinkedHashMap<>(sendCommand(a, vars, rendered, seconds));
    result.put("data", rendered);
    return result;
  }

  private static Map<String, Object> noNulls(@Nullable Map<String, @Nullable Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (m != null) {
      m.forEach((k, v) -> {
        if (v instanceof Map<?, ?> inner) {
          @SuppressWarnings("unchecked")
          Map<String, @Nullable Object> typed = (Map<String, @Nullable Object>) inner;
          out.put(k, noNulls(typed));
        } else if (v != null) {
          out.put(k, v);
        }
      });
    }
    return out;
  }

  private static void join(List<Thread> threads) throws ActionFailure {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure("interrupted");
      }
    }
  }

  // ---- wait_for_state

  private Map<String, Object> waitForState(
      Map<String, Object> a, Map<String, Object> context, Map<String, Object> vars, String scenario)
      throws ActionFailure {
    Object wanted = a.get("target_states") != null ? a.get("target_states") : a.get("target_state");
    List<String> states = Targets.names(wanted);
    if (states.isEmpty()) {
      throw new ActionFailure("wait_for_state: target_state or target_states is required");
    }
    Duration timeout =
        Durations.parse(a.get("timeout"), Duration.ofSeconds(30), "wait_for_state.timeout");
    List<String> targets = new ArrayList<>(Targets.of(a, components, vars, true));
    List<String> stateIn = Targets.names(a.get("state_in"));
    List<String> stateNotIn = Targets.names(a.get("state_not_in"));
    if (!stateIn.isEmpty() || !stateNotIn.isEmpty()) {
      targets.removeIf(t -> {
        String now = stateOf(t);
        return (!stateIn.isEmpty() && !stateIn.contains(now)) || stateNotIn.contains(now);
      });
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, String> now = new TreeMap<>();
      targets.forEach(t -> now.put(t, stateOf(t)));
      if (now.values().stream().allMatch(states::contains)) {
        return Map.of("target_states", states, "states", now);
      }
      if (System.nanoTime() >= deadline) {
        List<Map<String, Object>> recovery = onFailure(a, context, scenario);
        Map<String, String> late = new TreeMap<>(now);
        late.values().removeIf(states::contains);
        throw new ActionFailure(
            "wait_for_state: timed out after "
                + timeout.toMillis() / 1000.0
                + " s waiting for "
                + states
                + "; not there: "
                + late
                + (recovery.isEmpty() ? "" : "; on_failure ran " + recovery.size() + " action(s)"));
      }
      try {
        Thread.sleep(
            Math.min(
                config.waitPollInterval().toMillis(),
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure("wait_for_state: interrupted");
      }
    }
  }

  /** A component never heard from counts as UNKNOWN. */
  private String stateOf(String name) {
    return components.status(name).map(ComponentStatus::shownState).orElse("UNKNOWN");
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> onFailure(
      Map<String, Object> a, Map<String, Object> context, String scenario) {
    List<Map<String, Object>> done = new ArrayList<>();
    if (!(a.get("on_failure") instanceof List<?> recovery)) {
      return done;
    }
    for (Object r : recovery) {
      if (!(r instanceof Map<?, ?> m)) {
        continue;
      }
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("type", String.valueOf(m.get("type")));
      try {
        step.put("result", run((Map<String, Object>) m, context, scenario));
        step.put("status", "success");
      } catch (ActionFailure e) {
        // on_failure is best effort: the scenario fails anyway, with the wait's timeout.
        step.put("status", "failure");
        step.put("error", String.valueOf(e.getMessage()));
      }
      done.add(step);
    }
    context.put("on_failure_results", done);
    return done;
  }

  // ---- systemctl

  private Map<String, Object> systemctl(Map<String, Object> a, Map<String, Object> vars)
      throws ActionFailure {
    String op = String.valueOf(a.getOrDefault("operation", "stop"));
    if (!Set.of("stop", "start", "restart", "reload", "enable", "disable", "status").contains(op)) {
      throw new ActionFailure("systemctl: unknown operation '" + op + "'");
    }
    List<String> services =
        Targets.names(
            Templates.render(
                a.get("services") != null ? a.get("services") : a.get("service"), vars));
    if (services.isEmpty()) {
      throw new ActionFailure("systemctl: service or services is required");
    }
    Duration timeout =
        Durations.parse(a.get("timeout"), Duration.ofSeconds(30), "systemctl.timeout");
    boolean ignore = Boolean.TRUE.equals(a.get("ignore_errors"));
    List<Map<String, Object>> done = new ArrayList<>();
    for (String service : services) {
      List<String> cmd = new ArrayList<>();
      if (Boolean.TRUE.equals(a.get("use_sudo"))) {
        cmd.add("sudo");
        cmd.add("-n");
      }
      cmd.addAll(List.of(config.systemctlCommand().split(" ")));
      cmd.add(op);
      cmd.add(service);
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
        if (ignore) {
          done.add(Map.of("service", service, "error", String.valueOf(e.getMessage())));
          continue;
        }
        throw new ActionFailure("systemctl: cannot run " + cmd + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure("systemctl: interrupted");
      }
      if (exit != 0 && !ignore) {
        throw new ActionFailure(
            "systemctl: " + String.join(" ", cmd) + " exited " + exit + ": " + output);
      }
      done.add(
          Map.of(
              "service",
              service,
              "command",
              String.join(" ", cmd),
              "exit_code",
              exit,
              "output",
              output));
    }
    return Map.of("operation", op, "services", done);
  }

  // ---- Baton's own: start_job, http_request, execute_scenario, evaluate_condition

  @SuppressWarnings("unchecked")
  private Map<String, Object> startJob(Map<String, Object> a, Map<String, Object> vars)
      throws ActionFailure {
    if (!(a.get("blueprint") instanceof String blueprint) || blueprint.isBlank()) {
      throw new ActionFailure("start_job: blueprint is required");
    }
    Object data = Templates.render(a.get("data") == null ? Map.of() : a.get("data"), vars);
    if (!(data instanceof Map<?, ?>)) {
      throw new ActionFailure("start_job: data must be an object");
    }
    Job job;
    try {
      job = engine.createJob(NewJob.of(blueprint, noNulls((Map<String, @Nullable Object>) data)));
    } catch (BatonException e) {
      throw new ActionFailure("start_job: " + e.getMessage());
    }
    if (!Boolean.TRUE.equals(a.get("wait"))) {
      return Map.of("job_id", job.id(), "status", job.status().wireName());
    }
    Duration timeout =
        Durations.parse(a.get("timeout"), Duration.ofMinutes(5), "start_job.timeout");
    Job done = awaitJob(job.id(), timeout, "start_job");
    return Map.of("job_id", done.id(), "status", done.status().wireName(), "data", done.data());
  }

  /** Waits for a job to end; anything but finished fails the action. */
  private Job awaitJob(String id, Duration timeout, String what) throws ActionFailure {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Job j =
          engine.job(id).orElseThrow(() -> new ActionFailure(what + ": job " + id + " vanished"));
      if (j.status().isTerminal()) {
        if (!j.status().wireName().equals("finished")) {
          throw new ActionFailure(
              what
                  + ": job "
                  + id
                  + " ended "
                  + j.status().wireName()
                  + (j.errorMessage() == null ? "" : ": " + j.errorMessage())
                  + (j.data().get("error") == null ? "" : ": " + j.data().get("error")));
        }
        return j;
      }
      if (System.nanoTime() >= deadline) {
        throw new ActionFailure(what + ": job " + id + " did not end within " + timeout);
      }
      try {
        Thread.sleep(Math.min(200, config.waitPollInterval().toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure(what + ": interrupted");
      }
    }
  }

  private Map<String, Object> httpRequest(
      Map<String, Object> a, Map<String, Object> vars, Map<String, Object> context)
      throws ActionFailure {
    if (!(a.get("url") instanceof String rawUrl)) {
      throw new ActionFailure("http_request: url is required");
    }
    String url = Templates.text(rawUrl, vars);
    String method = String.valueOf(a.getOrDefault("method", "GET")).toUpperCase(Locale.ROOT);
    Map<String, String> headers = new LinkedHashMap<>();
    if (a.get("headers") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> headers.put(String.valueOf(k), Templates.text(String.valueOf(v), vars)));
    }
    String body = null;
    Object rawBody = a.get("body");
    if (rawBody instanceof Map<?, ?> || rawBody instanceof List<?>) {
      body = JSON.writeValueAsString(Templates.render(rawBody, vars));
      headers.putIfAbsent("Content-Type", "application/json");
    } else if (rawBody != null) {
      body = Templates.text(String.valueOf(rawBody), vars);
    }
    Duration timeout =
        Durations.parse(a.get("timeout"), Duration.ofSeconds(30), "http_request.timeout");
    HttpResponse<String> r = call(method, url, headers, body, timeout, "http_request");
    List<String> expected = Targets.names(a.get("expected_status"));
    boolean ok =
        expected.isEmpty()
            ? r.statusCode() / 100 == 2
            : expected.stream().anyMatch(e -> e.equals(String.valueOf(r.statusCode())));
    Object parsed;
    try {
      parsed = r.body().isBlank() ? "" : JSON.readValue(r.body(), Object.class);
    } catch (JacksonException e) {
      parsed = r.body();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", r.statusCode());
    result.put("body", parsed == null ? "" : parsed);
    if (!ok) {
      throw new ActionFailure(
          "http_request: " + method + " " + url + " answered " + r.statusCode() + ": " + r.body());
    }
    if (a.get("result_key") instanceof String key) {
      context.put(key, result);
    }
    return result;
  }

  HttpResponse<String> call(
      String method,
      String url,
      Map<String, String> headers,
      @Nullable String body,
      Duration timeout,
      String what)
      throws ActionFailure {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ActionFailure(what + ": " + method + " " + url + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ActionFailure(what + ": interrupted");
    }
  }

  private Map<String, Object> executeScenario(
      Map<String, Object> a, Map<String, Object> vars, String parent) throws ActionFailure {
    Object name = a.get("scenario") != null ? a.get("scenario") : a.get("scenario_name");
    if (name == null) {
      throw new ActionFailure("execute_scenario: scenario is required");
    }
    String child = Templates.text(String.valueOf(name), vars);
    String jobId =
        starter.start(
            child,
            Map.of("source", "scenario", "event_type", "execute_scenario", "parent", parent));
    if (Boolean.FALSE.equals(a.get("wait"))) {
      return Map.of("scenario", child, "job_id", jobId);
    }
    Duration timeout =
        Durations.parse(a.get("timeout"), Duration.ofMinutes(10), "execute_scenario.timeout");
    Job done = awaitJob(jobId, timeout, "execute_scenario '" + child + "'");
    return Map.of("scenario", child, "job_id", jobId, "status", done.status().wireName());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> evaluateCondition(
      Map<String, Object> a, Map<String, Object> context, String scenario) throws ActionFailure {
    if (!(a.get("condition") instanceof Map<?, ?> condition)) {
      throw new ActionFailure(
          "evaluate_condition: condition is required, e.g. {\"client_state\": {...}}");
    }
    Situation s =
        new Situation(
            components.statuses(),
            ZonedDateTime.now(clock.withZone(config.zone())),
            snapshot.get(),
            context);
    boolean holds = conditions.test(condition, s);
    String branch = holds ? "then" : "else";
    List<Map<String, Object>> results = new ArrayList<>();
    if (a.get(branch) instanceof List<?> actions) {
      for (Object step : actions) {
        if (!(step instanceof Map<?, ?> m)) {
          throw new ActionFailure("evaluate_condition: " + branch + " must list action objects");
        }
        Map<String, Object> r = run((Map<String, Object>) m, context, scenario);
        results.add(Map.of("type", String.valueOf(m.get("type")), "result", r));
      }
    }
    return Map.of("condition", holds, "branch", branch, "actions", results);
  }

  /** What the SDK replies for EXECUTE_SCENARIO, for the routes. */
  public static Event.Result executed(String name, boolean success) {
    Map<String, Object> data = Map.of("scenario_executed", name, "success", success);
    return success ? Event.Result.success(data) : Event.Result.error("scenario failed", data);
  }
}
