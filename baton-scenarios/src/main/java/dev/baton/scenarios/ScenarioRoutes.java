package dev.baton.scenarios;

import dev.baton.component.Event;
import dev.baton.engine.BatonException;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.scenarios.internal.action.ActionRunner;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.QueryParams;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of components and scenarios: avena's {@code POST /event}, and under {@code /api/v1}
 * the components, the scenarios with their counters, runs, manual runs and ACK.
 */
public final class ScenarioRoutes implements RouteSet {
  private static final Logger log = LoggerFactory.getLogger(ScenarioRoutes.class);
  private static final String BASE = "/api/v1";
  public static final String EXECUTE_SCENARIO = "EXECUTE_SCENARIO";

  private final Scenarios scenarios;
  private final Requests requests;

  public ScenarioRoutes(Scenarios scenarios, long maxRequestBytes) {
    this.scenarios = scenarios;
    this.requests = new Requests(maxRequestBytes);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/event", this::event);
    routes.get(BASE + "/components", ctx -> ctx.json(components()));
    routes.get(BASE + "/components/{name}", ctx -> ctx.json(component(ctx.pathParam("name"))));
    routes.post(BASE + "/components/{name}/commands", this::command);
    routes.get(BASE + "/scenarios", this::list);
    routes.post(
        BASE + "/scenarios/ack",
        ctx -> {
          scenarios.ack();
          ctx.json(Map.of("status", "ok"));
        });
    routes.get(BASE + "/scenarios/{name}", ctx -> ctx.json(scenarios.status(scenario(ctx))));
    routes.post(BASE + "/scenarios/{name}/run", this::run);
    routes.post(
        BASE + "/scenarios/{name}/ack",
        ctx -> {
          scenarios.ack(scenario(ctx).name());
          ctx.json(Map.of("status", "ok"));
        });
    routes.post(
        BASE + "/scenarios/{name}/request",
        ctx -> {
          scenarios.request(scenario(ctx).name());
          ctx.status(202).json(Map.of("status", "requested"));
        });
    routes.get(
        BASE + "/scenarios/{name}/runs",
        ctx -> ctx.json(scenarios.runs(scenario(ctx).name(), limit(ctx))));
    routes.get(BASE + "/scenario-runs", ctx -> ctx.json(scenarios.runs(null, limit(ctx))));
    routes.get(
        BASE + "/scenario-runs/{id}",
        ctx ->
            ctx.json(
                scenarios
                    .run(ctx.pathParam("id"))
                    .orElseThrow(() ->
                        ApiError.notFound("Scenario run not found: " + ctx.pathParam("id")))));
  }

  private List<Map<String, Object>> components() {
    return scenarios.components().statuses().stream().map(ScenarioRoutes::view).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> view(ComponentStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    s.toMap().forEach((k, v) -> m.put(k, v == null ? "" : v));
    return m;
  }

  private Map<String, Object> component(String name) {
    return scenarios
        .components()
        .status(name)
        .map(ScenarioRoutes::view)
        .orElseThrow(() -> ApiError.notFound("Component not found: " + name));
  }

  private Scenario scenario(Context ctx) {
    String name = ctx.pathParam("name");
    return scenarios
        .scenario(name)
        .orElseThrow(() -> ApiError.notFound("Scenario not found: " + name));
  }

  private static int limit(Context ctx) {
    return QueryParams.integer(ctx, "limit", 50, 1, 1000);
  }

  private void list(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scenarios", scenarios.status());
    out.put("problems", scenarios.problems());
    out.put("action_failures", scenarios.actionFailures());
    ctx.json(out);
  }

  private void run(Context ctx) {
    Scenario s = scenario(ctx);
    JsonBody body = requests.object(ctx, true);
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("source", "api");
    trigger.put("event_type", "manual");
    Object data = body.raw("data");
    if (data != null && !(data instanceof Map<?, ?>)) {
      throw ApiError.badRequest("data must be an object");
    }
    trigger.put("data", data == null ? Map.of() : data);
    Job job = scenarios.run(s.name(), trigger);
    ctx.status(201)
        .header("Location", BASE + "/scenario-runs/" + job.id())
        .json(Scenarios.runView(job));
  }

  private void command(Context ctx) {
    String name = ctx.pathParam("name");
    component(name);
    JsonBody body = requests.object(ctx, false);
    String command = body.requiredString("command");
    Object data = body.raw("data");
    if (data != null && !(data instanceof Map<?, ?>)) {
      throw ApiError.badRequest("data must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = data == null ? Map.of() : (Map<String, Object>) data;
    try {
      scenarios.components().send(name, command, payload, 20.0);
    } catch (IOException e) {
      throw new ApiError(
          502, "component '" + name + "' did not take the command: " + e.getMessage());
    }
    ctx.status(202).json(Map.of("status", "sent", "component", name, "command", command));
  }

  // ---- avena

  /** The header in which a component sends its shared secret ({@code secret} in its config). */
  public static final String SECRET_HEADER = dev.baton.component.EventSender.SECRET_HEADER;

  private void event(Context ctx) {
    List<Event> events;
    try {
      events = Event.parseAll(requests.body(ctx));
    } catch (Event.InvalidEvent e) {
      throw ApiError.badRequest("Invalid event: " + e.getMessage());
    }
    // Every event of the request first, so that a refused one runs none of them.
    for (Event e : events) {
      admit(ctx, e);
    }
    for (Event e : events) {
      handle(e);
    }
    ctx.json(Map.of("status", "ok"));
  }

  /**
   * A component with a secret must send it; any other sender (a component without one, avena, curl
   * on the machine) is taken only from a loopback address.
   */
  private void admit(Context ctx, Event e) {
    String secret =
        scenarios.components().config(e.source()).map(ComponentConfig::secret).orElse(null);
    if (secret != null) {
      String given = ctx.header(SECRET_HEADER);
      if (given == null
          || !java.security.MessageDigest.isEqual(
              secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              given.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw ApiError.unauthorized(
            "event from '" + e.source() + "': missing or wrong " + SECRET_HEADER + " header");
      }
      return;
    }
    if (!isLoopback(ctx)) {
      throw ApiError.forbidden(
          "event from '"
              + e.source()
              + "': only taken from this machine, since that source has no secret; give the"
              + " component a secret in its config and send it in "
              + SECRET_HEADER);
    }
  }

  private static boolean isLoopback(Context ctx) {
    // The servlet gives the peer's address as a literal, so this looks nothing up.
    try {
      return java.net.InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
    } catch (java.net.UnknownHostException ex) {
      return false;
    }
  }

  private void handle(Event e) {
    Components components = scenarios.components();
    if (e.result() != null) {
      components.accept(e);
      return;
    }
    switch (e.eventType()) {
      case EXECUTE_SCENARIO -> executeScenario(e);
      case "CMD_ACK" -> {
        scenarios.ack();
        components.reply(e, Event.Result.success(Map.of("fsm_state", "RUN")));
      }
      case "CMD_GET_STATE" ->
          components.reply(
              e,
              Event.Result.success(
                  Map.of("fsm_state", "RUN", "error", false, "error_code", 0, "state", Map.of())));
      default -> scenarios.onEvent(e);
    }
  }

  /**
   * Upstream's commented-out design: runs the scenario and replies, once it ended, {@code
   * success|error} with {@code {scenario_executed, success}}.
   */
  private void executeScenario(Event e) {
    Components components = scenarios.components();
    if (!(e.data().get("scenario_name") instanceof String name) || name.isBlank()) {
      components.reply(e, Event.Result.error("Brak nazwy scenariusza w danych wydarzenia"));
      return;
    }
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("source", e.source());
    trigger.put("event_type", e.eventType());
    trigger.put("data", e.data());
    trigger.put("payload", e.payload());
    Job job;
    try {
      job = scenarios.run(name, trigger);
    } catch (BatonException ex) {
      log.warn("EXECUTE_SCENARIO '{}' from {} refused: {}", name, e.source(), ex.getMessage());
      components.reply(
          e,
          Event.Result.error(
              String.valueOf(ex.getMessage()),
              Map.of("scenario_executed", name, "success", false)));
      return;
    }
    if (e.sourcePort() <= 0) {
      return;
    }
    String id = job.id();
    Thread.ofVirtual()
        .start(() -> {
          boolean success = awaitEnd(id);
          components.reply(e, ActionRunner.executed(name, success));
        });
  }

  private boolean awaitEnd(String jobId) {
    while (true) {
      var view = scenarios.run(jobId);
      if (view.isEmpty()) {
        return false;
      }
      String status = String.valueOf(view.get().get("status"));
      if (JobStatus.fromWire(status).isTerminal()) {
        return status.equals("finished");
      }
      try {
        Thread.sleep(Duration.ofMillis(200));
      } catch (InterruptedException ex) {
        return false;
      }
    }
  }
}
