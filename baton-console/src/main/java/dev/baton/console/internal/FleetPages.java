package dev.baton.console.internal;

import dev.baton.console.FleetView;
import dev.baton.console.view.Fleet;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.robot.Robot;
import dev.baton.server.Role;
import dev.baton.worker.Worker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /console/robots}: the robots (status, slots in use, last heartbeat) and the workers;
 * {@code POST /console/robots/{id}/drain} drains a robot ({@code on=true}: it takes no new jobs and
 * keeps the ones it runs, stored across restarts) or ends the drain ({@code on=false}); {@code POST
 * /console/robots/{id}/command} sends a connected robot {@code pause} or {@code resume}. Operators
 * only, as in the API.
 */
final class FleetPages {
  private final Engine engine;
  private final FleetView fleet;
  private final Access access;
  private final Pages pages;
  private final Audit audit;

  FleetPages(Engine engine, FleetView fleet, Access access, Pages pages, Audit audit) {
    this.engine = engine;
    this.fleet = fleet;
    this.access = access;
    this.pages = pages;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/robots", this::page);
    routes.post("/console/robots/{id}/drain", this::drain);
    routes.post("/console/robots/{id}/command", this::command);
  }

  private void page(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, "Robots & workers", "robots")
        .ifPresent(s -> show(ctx, s, 200, done(ctx.queryParam("done"))));
  }

  private void drain(Context ctx) {
    Optional<Session> changer = access.changer(ctx, Role.OPERATOR, "Robots & workers", "robots");
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String id = ctx.pathParam("id");
    boolean on = !"false".equals(ctx.formParam("on"));
    try {
      fleet.drain(id, on);
    } catch (BatonException e) {
      show(ctx, s, 404, "Not done: " + e.getMessage());
      return;
    }
    audit.record(on ? "robot_drain" : "robot_undrain", s, null, Map.of("robot_id", id));
    // Post, redirect, get: a reload does not drain again.
    ctx.redirect("/console/robots?done=" + (on ? "drained" : "resumed"), HttpStatus.SEE_OTHER);
  }

  private void command(Context ctx) {
    Optional<Session> changer = access.changer(ctx, Role.OPERATOR, "Robots & workers", "robots");
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String id = ctx.pathParam("id");
    String type = "resume".equals(ctx.formParam("type")) ? "resume" : "pause";
    try {
      fleet.command(id, type);
    } catch (BatonException e) {
      show(ctx, s, 409, "Not done: " + e.getMessage());
      return;
    }
    audit.record("robot_" + type, s, null, Map.of("robot_id", id));
    ctx.redirect(
        "/console/robots?done=" + (type.equals("pause") ? "paused" : "unpaused"),
        HttpStatus.SEE_OTHER);
  }

  private static String done(@Nullable String verb) {
    return switch (verb == null ? "" : verb) {
      case "drained" -> "Drained: the robot takes no new jobs and finishes the ones it holds.";
      case "resumed" -> "Drain ended: the robot takes jobs again.";
      case "paused" -> "Paused: the robot was told to take no new jobs until resumed.";
      case "unpaused" -> "Resumed: the robot was told to take jobs again.";
      default -> "";
    };
  }

  /** A robot as the list and its page show it. */
  static Fleet.RobotRow row(Robot r, boolean connected) {
    return new Fleet.RobotRow(
        r.id(),
        r.name(),
        r.status().wireName(),
        r.currentJobs() + " / " + r.maxConcurrentJobs(),
        Show.time(r.lastHeartbeat()),
        r.drained(),
        connected);
  }

  private void show(Context ctx, Session s, int status, String notice) {
    Instant now = engine.clock().instant();
    List<Fleet.RobotRow> robots = new ArrayList<>();
    for (Robot r : fleet.robots()) {
      robots.add(row(r, fleet.connected(r.id())));
    }
    List<Fleet.WorkerRow> workers = new ArrayList<>();
    for (Worker w : engine.workers()) {
      workers.add(
          new Fleet.WorkerRow(
              w.id(),
              w.isAlive(now),
              String.join(", ", new TreeSet<>(w.taskTypes())),
              Show.time(w.lastSeen()),
              String.valueOf(engine.leasedTo(w.id()).size())));
    }
    pages.send(
        ctx,
        status,
        "robots.jte",
        Map.of(
            "frame",
            access.frame(s, "Robots & workers", "robots"),
            "fleet",
            new Fleet(robots, workers, notice)));
  }
}
