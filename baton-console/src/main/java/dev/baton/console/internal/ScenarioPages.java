package dev.baton.console.internal;

import dev.baton.console.ScenarioBoard;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The components and scenarios ({@code GET /console/scenarios}: each component's FSM state, each
 * scenario's trigger, limits and counters), a scenario's page ({@code /console/scenarios/{name}}:
 * its definition and newest runs) and a run's page ({@code /console/scenario-runs/{id}}: its
 * actions and their results). They drive every client's devices, so they are for operators, as the
 * API's routes are.
 */
final class ScenarioPages {
  static final String TITLE = "Scenarios";
  static final String ACTIVE = "scenarios";
  static final int RUNS = 50;

  private final ScenarioBoard board;
  private final Access access;
  private final Pages pages;

  ScenarioPages(ScenarioBoard board, Access access, Pages pages) {
    this.board = board;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/scenarios", this::list);
    routes.get("/console/scenarios/{name}", this::detail);
    routes.get("/console/scenario-runs/{id}", this::run);
  }

  private void list(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, TITLE, ACTIVE)
        .ifPresent(s -> showList(ctx, s, 200, notice(ctx), ""));
  }

  /** Answers with the list; {@code problem} (shown as an error) says why an action was refused. */
  void showList(Context ctx, Session s, int status, String notice, String problem) {
    Map<String, Object> params =
        Map.of(
            "frame", access.frame(s, TITLE, ACTIVE),
            "components", board.components(),
            "commands", board.commands(),
            "scenarios", board.scenarios(),
            "problems", board.problems(),
            "notice", notice,
            "problem", problem);
    pages.send(ctx, status, "scenarios.jte", params);
  }

  private void detail(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, TITLE, ACTIVE)
        .ifPresent(s -> showScenario(ctx, s, ctx.pathParam("name"), 200, ""));
  }

  /** Answers with the scenario's page, or a 404 page when there is no such scenario. */
  void showScenario(Context ctx, Session s, String name, int status, String problem) {
    Optional<ScenarioBoard.Scenario> scenario = board.scenario(name);
    if (scenario.isEmpty()) {
      access.refuse(ctx, access.frame(s, TITLE, ACTIVE), 404, "No scenario '" + name + "'.");
      return;
    }
    Map<String, Object> params =
        Map.of(
            "frame", access.frame(s, name + " · " + TITLE, ACTIVE),
            "scenario", scenario.get(),
            "runs", board.runs(name, RUNS),
            "problem", problem);
    pages.send(ctx, status, "scenario.jte", params);
  }

  private void run(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.OPERATOR, TITLE, ACTIVE);
    if (viewer.isEmpty()) {
      return;
    }
    String id = ctx.pathParam("id");
    Optional<ScenarioBoard.Run> run = board.run(id);
    if (run.isEmpty()) {
      access.refuse(
          ctx, access.frame(viewer.get(), TITLE, ACTIVE), 404, "No scenario run '" + id + "'.");
      return;
    }
    String notice =
        "started".equals(ctx.queryParam("done"))
            ? "Run started now; its actions show here as they are done."
            : "";
    Map<String, Object> params =
        Map.of(
            "frame", access.frame(viewer.get(), "Run " + id + " · " + TITLE, ACTIVE),
            "run", run.get(),
            "notice", notice);
    pages.send(ctx, 200, "scenario-run.jte", params);
  }

  /**
   * What the redirect after an action says; a component or command the board does not know gets
   * none, so an address cannot make the page claim something was sent.
   */
  private String notice(Context ctx) {
    String done = ctx.queryParam("done");
    if ("acked".equals(done)) {
      String scenario = ctx.queryParam("scenario");
      if (scenario == null) {
        return "ACK sent: every scenario's execution counter is reset.";
      }
      // Only a scenario the board knows is named, so an address cannot make the page say more.
      return board.scenario(scenario).isPresent()
          ? "ACK sent: the execution counter of " + scenario + " is reset."
          : "";
    }
    if ("sent".equals(done)) {
      String component = String.valueOf(ctx.queryParam("component"));
      String command = String.valueOf(ctx.queryParam("command"));
      boolean known =
          board.commands().contains(command)
              && board.components().stream().anyMatch(c -> c.name().equals(component));
      return known
          ? "Sent " + command + " to " + component + "; its state shows here once it answers."
          : "";
    }
    return "";
  }

  static String field(Context ctx, String name) {
    @Nullable String v = ctx.formParam(name);
    return v == null ? "" : v.strip();
  }
}
