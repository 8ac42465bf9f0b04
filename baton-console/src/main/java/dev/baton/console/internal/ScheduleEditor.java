package dev.baton.console.internal;

import dev.baton.console.view.Fires;
import dev.baton.console.view.ScheduleEdit;
import dev.baton.engine.BatonException;
import dev.baton.engine.Schedules;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.server.Client;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creating and editing a schedule: {@code GET /console/schedules/new} and {@code GET
 * /console/schedules/{id}/edit} show the editor, a JSON document holding the schedule's definition
 * (the body {@code POST /api/v1/schedules} takes; for an edit, the stored definition); the form
 * posts back to the same address with {@code action=preview} (the next fires, nothing saved) or
 * {@code action=save}. Both need the operator role and the session's CSRF token. The document is
 * parsed once with the API's JSON reader and limits, then read by the engine's schedule reader,
 * which refuses unknown keys and names the key that is wrong: a refusal is answered with the
 * editor, status 400 (409 for a name another schedule has), the text kept, nothing saved. A save is
 * {@code Schedules.create} or {@code Schedules.update} (the calls of {@code POST} and {@code PATCH
 * /api/v1/schedules}), recorded as {@code admin.schedule_create} or {@code admin.schedule_update},
 * and redirected to the schedule's page.
 *
 * <p>These routes are registered before the schedule's page, so {@code /console/schedules/new} is
 * the editor: a schedule named {@code new} is reached by its id.
 */
final class ScheduleEditor {
  private static final Map<String, Object> TEMPLATE =
      templateOf(); // what a new schedule's editor starts with

  private final Schedules schedules;
  private final Clock clock;
  private final Access access;
  private final Pages pages;
  private final Audit audit;

  ScheduleEditor(Schedules schedules, Clock clock, Access access, Pages pages, Audit audit) {
    this.schedules = schedules;
    this.clock = clock;
    this.access = access;
    this.pages = pages;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/schedules/new", this::blank);
    routes.post("/console/schedules/new", ctx -> submit(ctx, null));
    routes.get("/console/schedules/{id}/edit", this::stored);
    routes.post("/console/schedules/{id}/edit", ctx -> submit(ctx, ctx.pathParam("id")));
  }

  private void blank(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, SchedulePages.TITLE, SchedulePages.ACTIVE)
        .ifPresent(s ->
            send(
                ctx,
                s,
                200,
                new ScheduleEdit("", "", JsonEdit.show(TEMPLATE), "", null, List.of())));
  }

  private void stored(Context ctx) {
    Optional<Session> viewer =
        access.viewer(ctx, Role.OPERATOR, SchedulePages.TITLE, SchedulePages.ACTIVE);
    if (viewer.isEmpty()) {
      return;
    }
    Optional<Schedule> found = found(ctx, viewer.get(), ctx.pathParam("id"));
    found.ifPresent(sc -> {
      String text = JsonEdit.show(sc.definition().toMap());
      send(ctx, viewer.get(), 200, new ScheduleEdit(sc.id(), sc.name(), text, "", null, List.of()));
    });
  }

  private void submit(Context ctx, @Nullable String id) {
    Optional<Session> changer =
        access.changer(ctx, Role.OPERATOR, SchedulePages.TITLE, SchedulePages.ACTIVE);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    Schedule stored = null;
    if (id != null) {
      Optional<Schedule> found = found(ctx, s, id);
      if (found.isEmpty()) {
        return;
      }
      stored = found.get();
    }
    String text = ctx.formParam("definition");
    text = text == null ? "" : text;
    String storedId = stored == null ? "" : stored.id();
    String storedName = stored == null ? "" : stored.name();
    Map<String, Object> body;
    try {
      body = JsonEdit.parse("schedule", text);
    } catch (JsonEdit.Refused e) {
      send(
          ctx,
          s,
          400,
          new ScheduleEdit(
              storedId, storedName, text, String.valueOf(e.getMessage()), null, List.of()));
      return;
    }
    try {
      refuseUnknownKeys(body);
      if (!"save".equals(ctx.formParam("action"))) {
        ScheduleDefinition def = schedules.parse(null, body, clock.instant());
        Schedules.Preview p = schedules.previewOf(def, ScheduleViews.FIRES);
        send(
            ctx,
            s,
            200,
            new ScheduleEdit(
                storedId,
                storedName,
                text,
                "",
                Fires.of(p.fires(), def.zone()),
                ScheduleViews.effects(p.effects(), def.zone())));
        return;
      }
      Schedule saved =
          stored == null
              ? schedules.create(body, s.client() == Client.ANONYMOUS ? null : s.client().name())
              : schedules.update(stored.id(), body);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("schedule_id", saved.id());
      details.put("schedule", saved.name());
      audit.record(stored == null ? "schedule_create" : "schedule_update", s, null, details);
      ctx.redirect(
          "/console/schedules/"
              + URLEncoder.encode(saved.id(), StandardCharsets.UTF_8)
              + "?done="
              + (stored == null ? "created" : "updated"),
          HttpStatus.SEE_OTHER);
    } catch (BatonException e) {
      int status = ApiError.statusOf(e.reason());
      send(
          ctx,
          s,
          status == 404 ? 400 : status, // an unknown blueprint or calendar is the document's fault
          new ScheduleEdit(
              storedId, storedName, text, "Not saved: " + e.getMessage(), null, List.of()));
    } catch (IllegalArgumentException e) {
      send(
          ctx,
          s,
          400,
          new ScheduleEdit(
              storedId, storedName, text, "Not saved: " + e.getMessage(), null, List.of()));
    }
  }

  /**
   * As the API's body check: a key the schedule reader does not know (a typo such as {@code
   * time_zone}) is refused rather than ignored.
   */
  private static void refuseUnknownKeys(Map<String, Object> body) {
    check(body, ScheduleDefinition.KEYS, "");
    if (body.get("target") instanceof Map<?, ?> target) {
      Map<String, Object> t = new LinkedHashMap<>();
      target.forEach((k, v) -> t.put(String.valueOf(k), v));
      check(t, ScheduleDefinition.TARGET_KEYS, "target.");
    }
  }

  private static void check(Map<String, Object> m, java.util.Set<String> known, String prefix) {
    java.util.TreeSet<String> unknown = new java.util.TreeSet<>(m.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown key '"
              + prefix
              + unknown.first()
              + "'; expected "
              + String.join(", ", new java.util.TreeSet<>(known)));
    }
  }

  private Optional<Schedule> found(Context ctx, Session s, String id) {
    Optional<Schedule> found = schedules.get(id);
    if (found.isEmpty()) {
      access.refuse(
          ctx,
          access.frame(s, SchedulePages.TITLE, SchedulePages.ACTIVE),
          404,
          "No schedule '" + id + "'.");
    }
    return found;
  }

  private void send(Context ctx, Session s, int status, ScheduleEdit edit) {
    String title = edit.name().isEmpty() ? "New schedule" : "Edit " + edit.name();
    pages.send(
        ctx,
        status,
        "schedule-edit.jte",
        Map.of(
            "frame",
            access.frame(s, title + " · " + SchedulePages.TITLE, SchedulePages.ACTIVE),
            "edit",
            edit));
  }

  private static Map<String, Object> templateOf() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "nightly-report");
    m.put("blueprint", "report");
    m.put("input_data", Map.of());
    m.put("cron", "30 2 * * *");
    m.put("timezone", "UTC");
    return m;
  }
}
