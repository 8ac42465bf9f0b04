package dev.baton.app;

import dev.baton.component.FsmCommand;
import dev.baton.console.ScenarioBoard;
import dev.baton.engine.BatonException;
import dev.baton.job.JobStatus;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Scenarios;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's components and scenarios on this app's scenarios engine: the same reads and calls
 * as the {@code /api/v1/components} and {@code /api/v1/scenarios} routes.
 */
final class LiveScenarioBoard implements ScenarioBoard {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonMapper INDENTED =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  // As long as the API gives a command to be answered.
  private static final double COMMAND_SECONDS = 20.0;

  private final Scenarios scenarios;

  LiveScenarioBoard(Scenarios scenarios) {
    this.scenarios = scenarios;
  }

  @Override
  public List<Component> components() {
    return scenarios.components().statuses().stream().map(LiveScenarioBoard::component).toList();
  }

  private static Component component(ComponentStatus c) {
    return new Component(
        c.name(),
        c.group(),
        c.address(),
        c.port(),
        c.shownState(),
        c.error(),
        orEmpty(c.errorMessage()),
        orEmpty(c.reason()),
        c.lastSeen());
  }

  @Override
  public List<String> commands() {
    return Arrays.stream(FsmCommand.values()).map(Enum::name).toList();
  }

  @Override
  public List<ScenarioBoard.Scenario> scenarios() {
    return scenarios.scenarios().stream().map(this::shown).toList();
  }

  @Override
  public Optional<ScenarioBoard.Scenario> scenario(String name) {
    return scenarios.scenario(name).map(this::shown);
  }

  // The board's Scenario is the console's view; this one is the engine's as loaded.
  private ScenarioBoard.Scenario shown(dev.baton.scenarios.Scenario s) {
    Map<String, Object> status = scenarios.status(s);
    List<String> running =
        status.get("running") instanceof List<?> l
            ? l.stream().map(String::valueOf).toList()
            : List.of();
    return new ScenarioBoard.Scenario(
        s.name(),
        s.description(),
        s.priority(),
        s.triggerType(),
        s.cooldownSeconds(),
        s.maxExecutions(),
        s.maxConcurrentExecutions(),
        status.get("executions") instanceof Number n ? n.intValue() : 0,
        Boolean.TRUE.equals(status.get("blocked")),
        running,
        instant(status.get("last_end")),
        s.source(),
        s.file(),
        INDENTED.writeValueAsString(s.raw()));
  }

  @Override
  public List<String> problems() {
    return scenarios.problems();
  }

  @Override
  public List<Run> runs(@Nullable String scenario, int limit) {
    return scenarios.runs(scenario, limit).stream().map(LiveScenarioBoard::run).toList();
  }

  @Override
  public Optional<Run> run(String jobId) {
    return scenarios.run(jobId).map(LiveScenarioBoard::run);
  }

  private static Run run(Map<String, Object> m) {
    List<Action> actions =
        m.get("actions") instanceof List<?> l
            ? l.stream().filter(Map.class::isInstance).map(a -> action((Map<?, ?>) a)).toList()
            : List.of();
    Instant created = instant(m.get("created_at"));
    Instant updated = instant(m.get("updated_at"));
    return new Run(
        String.valueOf(m.get("job_id")),
        String.valueOf(m.get("scenario")),
        String.valueOf(m.get("status")),
        ended(String.valueOf(m.get("status"))),
        created == null ? Instant.EPOCH : created,
        updated == null ? Instant.EPOCH : updated,
        JSON.writeValueAsString(m.getOrDefault("trigger", Map.of())),
        actions,
        String.valueOf(m.getOrDefault("error", "")));
  }

  private static Action action(Map<?, ?> a) {
    Object result = a.get("result");
    return new Action(
        a.get("index") instanceof Number n ? n.intValue() : 0,
        String.valueOf(a.get("type")),
        a.get("description") == null ? "" : String.valueOf(a.get("description")),
        String.valueOf(a.get("status")),
        result == null ? "" : JSON.writeValueAsString(result),
        a.get("error") == null ? "" : String.valueOf(a.get("error")),
        instant(a.get("started_at")),
        instant(a.get("ended_at")));
  }

  @Override
  public void command(String component, String command, Map<String, Object> data) {
    if (scenarios.components().config(component).isEmpty()) {
      throw BatonException.notFound("Component not found: " + component);
    }
    try {
      scenarios.components().send(component, command, data, COMMAND_SECONDS);
    } catch (IOException e) {
      throw BatonException.conflict(
          "component '" + component + "' did not take the command: " + e.getMessage());
    }
  }

  @Override
  public String runNow(String scenario, String by) {
    // The trigger a template sees, as the API's run gives it, with who asked.
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("source", "console");
    trigger.put("event_type", "manual");
    trigger.put("client", by);
    trigger.put("data", Map.of());
    return scenarios.run(scenario, trigger).id();
  }

  @Override
  public void ack() {
    scenarios.ack();
  }

  @Override
  public void ack(String scenario) {
    scenarios.ack(scenario);
  }

  private static boolean ended(String status) {
    try {
      return JobStatus.fromWire(status).isTerminal();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static @Nullable Instant instant(@Nullable Object text) {
    if (!(text instanceof String s) || s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
