package dev.baton.console.internal;

import dev.baton.console.FleetView;
import dev.baton.console.view.RobotDetail;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /console/robots/{id}}: one robot's status, slots, heartbeat, capabilities and tags,
 * the jobs it holds now and lately, and its newest log lines, with the send-a-job form ({@link
 * RobotSend}). Operators only, as the robots list.
 */
final class RobotPage {
  static final String TITLE = "Robot";

  private final FleetView fleet;
  private final Access access;
  private final Pages pages;

  RobotPage(FleetView fleet, Access access, Pages pages) {
    this.fleet = fleet;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/robots/{id}", this::page);
  }

  private void page(Context ctx) {
    Optional<Session> viewer = access.viewer(ctx, Role.OPERATOR, TITLE, "robots");
    if (viewer.isEmpty()) {
      return;
    }
    String notice = "sent".equals(ctx.queryParam("done")) ? sentNotice(ctx.queryParam("job")) : "";
    show(ctx, viewer.get(), ctx.pathParam("id"), 200, RobotDetail.SendForm.EMPTY, notice);
  }

  private static String sentNotice(@Nullable String job) {
    return job == null || job.isBlank() ? "" : "Job " + job + " sent to this robot.";
  }

  /** The robot's page, or a 404 page when no robot has that id. */
  void show(
      Context ctx, Session s, String id, int status, RobotDetail.SendForm form, String notice) {
    Optional<Robot> found = fleet.robot(id);
    if (found.isEmpty()) {
      access.refuse(ctx, access.frame(s, TITLE, "robots"), 404, "No robot has the id " + id + ".");
      return;
    }
    Robot r = found.get();
    List<RobotDetail.JobLine> current = new ArrayList<>();
    List<RobotDetail.JobLine> recent = new ArrayList<>();
    for (FleetView.RobotJobLine j : fleet.jobs(id)) {
      RobotDetail.JobLine line =
          new RobotDetail.JobLine(
              j.jobId(),
              j.workflowId(),
              j.status(),
              j.held() == null ? "" : j.held(),
              Show.time(j.createdAt()),
              j.error() == null ? "" : j.error());
      (j.current() ? current : recent).add(line);
    }
    List<RobotDetail.LogLine> logs = new ArrayList<>();
    // Newest first, as an operator reads a log that is being written.
    for (JobLog l : fleet.logs(id).reversed()) {
      logs.add(
          new RobotDetail.LogLine(
              Show.time(l.at()),
              l.level(),
              l.jobId(),
              l.nodeId() == null ? "" : l.nodeId(),
              l.message()));
    }
    List<String> capabilities = new ArrayList<>();
    r.capabilities().forEach((k, v) -> capabilities.add(k + ": " + v));
    RobotDetail detail =
        new RobotDetail(
            FleetPages.row(r, fleet.connected(id)),
            r.environment(),
            Show.time(r.registeredAt()),
            capabilities,
            r.tags(),
            Show.details(new java.util.TreeMap<>(r.metrics())),
            current,
            recent,
            logs,
            form,
            notice);
    pages.send(
        ctx,
        status,
        "robot.jte",
        Map.of("frame", access.frame(s, TITLE + " " + r.name(), "robots"), "detail", detail));
  }
}
