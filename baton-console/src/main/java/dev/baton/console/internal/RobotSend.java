package dev.baton.console.internal;

import dev.baton.console.FleetView;
import dev.baton.console.view.Links;
import dev.baton.console.view.RobotDetail;
import dev.baton.engine.BatonException;
import dev.baton.robot.Priority;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /console/robots/{id}/jobs}: sends a job to the robot, as {@code POST
 * /api/v1/robot-jobs} with {@code robot_id} does ({@link FleetView#send}): {@code workflow_id} and
 * {@code parameters} (a JSON object), {@code priority}, {@code timeout_seconds} and {@code tags}
 * (comma-separated). A refused form is answered with the robot's page, the text kept and the
 * problem named (400, or the fleet's 404 / 409); a sent one is audited as {@code
 * admin.robot_job_send} and redirected to the page.
 */
final class RobotSend {
  static final int MAX_WORKFLOW_ID = 200;

  /** The API's longest timeout: 31 days. */
  static final int MAX_TIMEOUT = 31 * 24 * 3600;

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
    String priorityText = text(ctx.formParam("priority")).strip();
    String timeoutText = text(ctx.formParam("timeout_seconds")).strip();
    String tagsText = text(ctx.formParam("tags")).strip();
    RobotDetail.SendForm kept =
        new RobotDetail.SendForm(
            workflow,
            parametersText,
            priorityText.isEmpty() ? "NORMAL" : priorityText,
            timeoutText,
            tagsText,
            "");
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
    FleetView.SendOptions options = null;
    if (problem.isEmpty()) {
      try {
        options = options(priorityText, timeoutText, tagsText);
      } catch (IllegalArgumentException e) {
        problem = String.valueOf(e.getMessage());
      }
    }
    if (!problem.isEmpty() || options == null) {
      page.show(ctx, s, id, 400, withError(kept, problem), "");
      return;
    }
    String job;
    try {
      job = fleet.send(id, workflow, parameters, options, s.client());
    } catch (BatonException e) {
      int status = ApiError.statusOf(e.reason());
      page.show(ctx, s, id, status, withError(kept, "Not sent: " + e.getMessage()), "");
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("robot_id", id);
    details.put("workflow_id", workflow);
    details.put("priority", Priority.describe(options.priority()));
    if (options.timeoutSeconds() != null) {
      details.put("timeout_seconds", options.timeoutSeconds());
    }
    details.put("tags", options.tags());
    audit.record("robot_job_send", s, job, details);
    ctx.redirect(
        "/console/robots/"
            + Links.segment(id)
            + "?done=sent&job="
            + URLEncoder.encode(job, StandardCharsets.UTF_8),
        HttpStatus.SEE_OTHER);
  }

  private static RobotDetail.SendForm withError(RobotDetail.SendForm f, String error) {
    return new RobotDetail.SendForm(
        f.workflowId(), f.parameters(), f.priority(), f.timeout(), f.tags(), error);
  }

  /**
   * The form's priority (a name, or a whole number as the API takes), timeout (empty: the fleet's;
   * else 1 s to 31 days, the API's bounds) and tags (comma-separated, blanks dropped).
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  static FleetView.SendOptions options(String priority, String timeout, String tags) {
    int level;
    try {
      level = Priority.parse(priority.isEmpty() ? "NORMAL" : priority);
    } catch (IllegalArgumentException e) {
      level = wholeNumber("Priority", priority, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    Integer seconds = timeout.isEmpty() ? null : wholeNumber("Timeout", timeout, 1, MAX_TIMEOUT);
    List<String> tagList = new ArrayList<>();
    for (String t : tags.split(",", -1)) {
      if (!t.isBlank()) {
        if (t.strip().length() > MAX_WORKFLOW_ID) {
          throw new IllegalArgumentException(
              "A tag is longer than " + MAX_WORKFLOW_ID + " characters.");
        }
        tagList.add(t.strip());
      }
    }
    return new FleetView.SendOptions(level, seconds, tagList);
  }

  private static int wholeNumber(String field, String text, int min, int max) {
    long n;
    try {
      n = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field
              + " must be "
              + (field.equals("Priority") ? "LOW, NORMAL, HIGH, CRITICAL or " : "")
              + "a whole number, was '"
              + text
              + "'.");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          field + " must be between " + min + " and " + max + ", was " + n + ".");
    }
    return (int) n;
  }

  private static String text(@Nullable String value) {
    return value == null ? "" : value;
  }
}
