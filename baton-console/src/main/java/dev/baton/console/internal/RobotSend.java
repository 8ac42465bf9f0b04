package dev.baton.console.internal;

import dev.baton.console.FleetView;
import dev.baton.console.view.Links;
import dev.baton.console.view.RobotDetail;
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
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /console/robots/{id}/jobs}: sends a job to the robot, as {@code POST
 * /api/v1/robot-jobs} with {@code robot_id} does ({@link FleetView#send}): {@code workflow_id} and
 * {@code parameters} (a JSON object). A refused form is answered with the robot's page, the text
 * kept and the problem named (400, or the fleet's 404 / 409); a sent one is audited as {@code
 * admin.robot_job_send} and redirected to the page.
 */
final class RobotSend {
  static final int MAX_WORKFLOW_ID = 200;

  private final FleetView fleet;
  private final RobotPage page;
  private final Access access;
  private final Audit audit;

  RobotSend(FleetView fleet, RobotPage page, Access access, Audit audit) {
    this.fleet = fleet;
    this.page = page;
    this.access = access;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.post("/console/robots/{id}/jobs", this::send);
  }

  private void send(Context ctx) {
    Optional<Session> changer = access.changer(ctx, Role.OPERATOR, RobotPage.TITLE, "robots");
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String id = ctx.pathParam("id");
    String workflow = text(ctx.formParam("workflow_id")).strip();
    String parametersText = text(ctx.formParam("parameters"));
    RobotDetail.SendForm kept = new RobotDetail.SendForm(workflow, parametersText, "");
    if (fleet.robot(id).isEmpty()) {
      page.show(ctx, s, id, 404, kept, "");
      return;
    }
    String problem =
        workflow.isEmpty()
            ? "Name the workflow to run (its workflow_id)."
            : workflow.length() > MAX_WORKFLOW_ID
                ? "The workflow id is longer than " + MAX_WORKFLOW_ID + " characters."
                : "";
    Map<String, Object> parameters = Map.of();
    if (problem.isEmpty()) {
      try {
        parameters = JsonEdit.parse("parameter object", parametersText);
      } catch (JsonEdit.Refused e) {
        problem = String.valueOf(e.getMessage());
      }
    }
    if (!problem.isEmpty()) {
      page.show(ctx, s, id, 400, withError(kept, problem), "");
      return;
    }
    String job;
    try {
      job = fleet.send(id, workflow, parameters, s.client());
    } catch (BatonException e) {
      int status = ApiError.statusOf(e.reason());
      page.show(ctx, s, id, status, withError(kept, "Not sent: " + e.getMessage()), "");
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("robot_id", id);
    details.put("workflow_id", workflow);
    audit.record("robot_job_send", s, job, details);
    ctx.redirect(
        "/console/robots/"
            + Links.segment(id)
            + "?done=sent&job="
            + URLEncoder.encode(job, StandardCharsets.UTF_8),
        HttpStatus.SEE_OTHER);
  }

  private static RobotDetail.SendForm withError(RobotDetail.SendForm f, String error) {
    return new RobotDetail.SendForm(f.workflowId(), f.parameters(), error);
  }

  private static String text(@Nullable String value) {
    return value == null ? "" : value;
  }
}
