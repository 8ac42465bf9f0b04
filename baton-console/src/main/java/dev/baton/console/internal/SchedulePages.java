package dev.baton.console.internal;

import dev.baton.console.view.Fires;
import dev.baton.console.view.ScheduleDetail;
import dev.baton.console.view.ScheduleList;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.Schedules;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The schedules ({@code GET /console/schedules}), a timing tried out before it is saved ({@code
 * POST /console/schedules/preview}: the same reading and preview as {@code POST
 * /api/v1/schedules/preview}, a refused timing answered 400 with why) and one schedule's page
 * ({@code GET /console/schedules/{id}}). Schedules are every client's, so the pages are for
 * operators, as the API's list of all schedules is.
 */
final class SchedulePages {
  static final String TITLE = "Schedules";
  static final String ACTIVE = "schedules";

  private final Engine engine;
  private final Schedules schedules;
  private final ScheduleViews views;
  private final Access access;
  private final Pages pages;

  SchedulePages(Engine engine, ScheduleViews views, Access access, Pages pages) {
    this.engine = engine;
    this.schedules = engine.schedules();
    this.views = views;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/schedules", this::list);
    routes.post("/console/schedules/preview", this::preview);
    routes.get("/console/schedules/{id}", this::detail);
  }

  private void list(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, TITLE, ACTIVE)
        .ifPresent(s -> sendList(ctx, s, 200, ScheduleList.Preview.EMPTY, listed(ctx)));
  }

  private void preview(Context ctx) {
    // A preview changes nothing, so it needs no CSRF token; it reads the same as the API's.
    Optional<Session> viewer = access.viewer(ctx, Role.OPERATOR, TITLE, ACTIVE);
    if (viewer.isEmpty()) {
      return;
    }
    String cron = field(ctx, "cron");
    String interval = field(ctx, "interval_seconds");
    String zone = field(ctx, "timezone");
    String calendar = field(ctx, "calendar");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "preview");
    body.put("blueprint", "preview");
    putIfGiven(body, "cron", cron);
    putIfGiven(
        body,
        "interval_seconds",
        interval.matches("\\d{1,12}") ? Long.valueOf(interval) : interval);
    putIfGiven(body, "timezone", zone);
    putIfGiven(body, "calendar", calendar);
    try {
      ScheduleDefinition def = schedules.parse(null, body, engine.clock().instant());
      Schedules.Preview p = schedules.previewOf(def, ScheduleViews.FIRES);
      ScheduleList.Preview shown =
          new ScheduleList.Preview(
              cron,
              interval,
              zone,
              calendar,
              Fires.of(p.fires(), def.zone()),
              ScheduleViews.effects(p.effects(), def.zone()),
              "");
      sendList(ctx, viewer.get(), 200, shown, "");
    } catch (BatonException | IllegalArgumentException e) {
      ScheduleList.Preview refused =
          new ScheduleList.Preview(
              cron, interval, zone, calendar, null, List.of(), String.valueOf(e.getMessage()));
      sendList(ctx, viewer.get(), 400, refused, "");
    }
  }

  private void detail(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, TITLE, ACTIVE)
        .ifPresent(s -> show(ctx, s, ctx.pathParam("id"), 200, done(ctx.queryParam("done"))));
  }

  /** Answers with the schedule's page, or a 404 page when there is no such schedule. */
  void show(Context ctx, Session s, String id, int status, String notice) {
    Optional<Schedule> schedule = schedules.get(id);
    if (schedule.isEmpty()) {
      access.refuse(ctx, access.frame(s, TITLE, ACTIVE), 404, "No schedule '" + id + "'.");
      return;
    }
    ScheduleDetail detail = views.detail(schedule.get(), notice);
    pages.send(
        ctx,
        status,
        "schedule.jte",
        Map.of(
            "frame",
            access.frame(s, detail.row().name() + " · " + TITLE, ACTIVE),
            "schedule",
            detail));
  }

  /** The notice after a deletion, which redirects here. */
  private static String listed(Context ctx) {
    return "deleted".equals(ctx.queryParam("done"))
        ? "Deleted: the schedule fires no more; the jobs of its runs stay."
        : "";
  }

  private void sendList(
      Context ctx, Session s, int status, ScheduleList.Preview preview, String notice) {
    pages.send(
        ctx,
        status,
        "schedules.jte",
        Map.of(
            "frame",
            access.frame(s, TITLE, ACTIVE),
            "list",
            new ScheduleList(views.rows(), preview, notice)));
  }

  private static String done(@Nullable String verb) {
    return switch (verb == null ? "" : verb) {
      case "paused" ->
          "Paused: it does not fire until resumed; fires due meanwhile are not caught up.";
      case "resumed" -> "Resumed: it fires again from now on.";
      case "triggered" -> "Run started now, outside the timing; it is the newest run below.";
      case "created" -> "Created: it fires as its timing says, from now on.";
      case "updated" -> "Saved: its next fire is computed afresh from now.";
      default -> "";
    };
  }

  private static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v.strip();
  }

  private static void putIfGiven(Map<String, Object> body, String key, Object value) {
    if (!(value instanceof String text) || !text.isEmpty()) {
      body.put(key, value);
    }
  }
}
