package dev.baton.console.internal;

import dev.baton.console.ScenarioBoard;
import dev.baton.engine.BatonException;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's actions on components and scenarios, each the engine call the API's route makes:
 * {@code POST /console/components/{name}/command} (an FSM command), {@code POST
 * /console/scenarios/{name}/run} (run now), {@code POST /console/scenarios/ack} (CMD_ACK, which
 * resets every scenario's counter) and {@code POST /console/scenarios/{name}/ack} (one scenario's
 * counter). Each needs the operator role and the session's CSRF token, is recorded in the ledger
 * ({@code admin.component_command}, {@code admin.scenario_run}, {@code admin.scenario_ack}) and
 * redirects; a refused one shows the page again with why.
 */
final class ScenarioActions {
  private final ScenarioBoard board;
  private final ScenarioPages pages;
  private final Access access;
  private final Audit audit;

  ScenarioActions(ScenarioBoard board, ScenarioPages pages, Access access, Audit audit) {
    this.board = board;
    this.pages = pages;
    this.access = access;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.post("/console/components/{name}/command", this::command);
    routes.post("/console/scenarios/ack", this::ack);
    routes.post("/console/scenarios/{name}/run", this::run);
    routes.post("/console/scenarios/{name}/ack", this::ackOne);
  }

  private Optional<Session> changer(Context ctx) {
    return access.changer(ctx, Role.OPERATOR, ScenarioPages.TITLE, ScenarioPages.ACTIVE);
  }

  private void command(Context ctx) {
    Optional<Session> changer = changer(ctx);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String name = ctx.pathParam("name");
    if (board.components().stream().noneMatch(c -> c.name().equals(name))) {
      pages.showList(ctx, s, 404, "", "No component '" + name + "'.");
      return;
    }
    String command = ScenarioPages.field(ctx, "command");
    if (!board.commands().contains(command)) {
      String problem =
          command.isEmpty()
              ? "Choose the command to send."
              : "Unknown command '" + command + "'; one of " + String.join(", ", board.commands());
      pages.showList(ctx, s, 400, "", problem);
      return;
    }
    Map<String, Object> data;
    try {
      data = JsonEdit.parse("data object", ctx.formParam("data"));
    } catch (JsonEdit.Refused e) {
      pages.showList(ctx, s, 400, "", "Not sent: " + e.getMessage());
      return;
    }
    try {
      board.command(name, command, data);
    } catch (BatonException e) {
      pages.showList(ctx, s, ApiError.statusOf(e.reason()), "", "Not sent: " + e.getMessage());
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("component", name);
    details.put("command", command);
    if (!data.isEmpty()) {
      details.put("data", data);
    }
    audit.record("component_command", s, null, details);
    ctx.redirect(
        "/console/scenarios?done=sent&component=" + enc(name) + "&command=" + enc(command),
        HttpStatus.SEE_OTHER);
  }

  private void ack(Context ctx) {
    Optional<Session> changer = changer(ctx);
    if (changer.isEmpty()) {
      return;
    }
    board.ack();
    audit.record("scenario_ack", changer.get(), null, Map.of());
    ctx.redirect("/console/scenarios?done=acked", HttpStatus.SEE_OTHER);
  }

  /** The ACK of one scenario: its counter only ({@code admin.scenario_ack} names it). */
  private void ackOne(Context ctx) {
    Optional<Session> changer = changer(ctx);
    if (changer.isEmpty()) {
      return;
    }
    String name = ctx.pathParam("name");
    if (board.scenario(name).isEmpty()) {
      pages.showScenario(ctx, changer.get(), name, 404, "");
      return;
    }
    board.ack(name);
    audit.record("scenario_ack", changer.get(), null, Map.of("scenario", name));
    ctx.redirect("/console/scenarios?done=acked&scenario=" + enc(name), HttpStatus.SEE_OTHER);
  }

  private void run(Context ctx) {
    Optional<Session> changer = changer(ctx);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String name = ctx.pathParam("name");
    if (board.scenario(name).isEmpty()) {
      pages.showScenario(ctx, s, name, 404, "");
      return;
    }
    String job;
    try {
      job = board.runNow(name, s.client().name());
    } catch (BatonException e) {
      pages.showScenario(ctx, s, name, ApiError.statusOf(e.reason()), "Not run: " + e.getMessage());
      return;
    }
    audit.record("scenario_run", s, job, Map.of("scenario", name));
    ctx.redirect("/console/scenario-runs/" + enc(job) + "?done=started", HttpStatus.SEE_OTHER);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
