package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.engine.Schedules;
import dev.baton.schedule.CalendarShift;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.schedule.ScheduleRun;
import dev.baton.server.Client;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.IdempotencyKey;
import dev.baton.server.route.Json;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Schedules under {@code /api/v1/schedules}: create, list, read, change (PATCH: the keys given
 * replace the stored ones), delete, pause, resume, trigger now, preview, and the runs. A schedule
 * is addressed by its id or its name.
 *
 * <p>A schedule belongs to the client that created it: a client with the {@code client} role lists
 * only its own, and the client gate answers 404 on the routes of another's ({@link
 * dev.baton.server.route.RouteTable.Owned#SCHEDULE}). A create with an {@code Idempotency-Key}
 * makes one schedule however often it is retried (the key becomes its id).
 */
public final class ScheduleRoutes {
  private static final String BASE = NativeRoutes.BASE + "/schedules";

  private final Engine engine;
  private final Schedules schedules;
  private final Requests requests;

  public ScheduleRoutes(Engine engine, Requests requests) {
    this.engine = engine;
    this.schedules = engine.schedules();
    this.requests = requests;
  }

  public void register(RoutesConfig routes) {
    routes.get(BASE, this::list);
    routes.post(BASE, this::create);
    routes.post(BASE + "/preview", this::previewDefinition);
    routes.get(BASE + "/{id}", ctx -> ctx.json(view(require(ctx))));
    routes.patch(BASE + "/{id}", this::update);
    routes.delete(BASE + "/{id}", this::delete);
    routes.post(BASE + "/{id}/pause", ctx -> ctx.json(view(schedules.pause(id(ctx)))));
    routes.post(BASE + "/{id}/resume", ctx -> ctx.json(view(schedules.resume(id(ctx)))));
    routes.post(BASE + "/{id}/trigger", this::trigger);
    routes.get(BASE + "/{id}/preview", this::preview);
    routes.get(BASE + "/{id}/runs", this::runs);
  }

  /**
   * The body as a schedule's keys, refusing unknown ones (at the top and under {@code target}) with
   * a 400 that names the key, as the job routes do.
   */
  private Map<String, Object> definition(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(ScheduleDefinition.KEYS);
    if (Json.asObject(body.raw("target")) != null) {
      body.object("target").onlyFields(ScheduleDefinition.TARGET_KEYS);
    }
    return body.fields();
  }

  private void list(Context ctx) {
    Client client = AvtomatikaRoutes.client(ctx);
    ctx.json(
        schedules.list().stream()
            .filter(s -> client.role() != Role.CLIENT || client.name().equals(s.owner()))
            .map(this::view)
            .toList());
  }

  private void create(Context ctx) {
    Client client = AvtomatikaRoutes.client(ctx);
    // Open mode has no clients to tell apart: its schedules belong to none.
    String owner = client == Client.ANONYMOUS ? null : client.name();
    Map<String, Object> body = definition(ctx);
    String key = IdempotencyKey.of(ctx);
    if (key == null) {
      Schedule s = schedules.create(body, owner);
      ctx.status(201).header("Location", BASE + "/" + s.id()).json(view(s));
      return;
    }
    String id = IdempotencyKey.scheduleId(client.name(), key);
    Schedules.Created made = schedules.createOnce(id, body, owner);
    IdempotencyKey.checkSameSchedule(
        key, id, made.schedule().name(), String.valueOf(body.get("name")));
    if (!made.created()) {
      ctx.header(IdempotencyKey.REPLAYED_HEADER, "true");
    }
    ctx.status(made.created() ? 201 : 200)
        .header("Location", BASE + "/" + id)
        .json(view(made.schedule()));
  }

  private void update(Context ctx) {
    ctx.json(view(schedules.update(id(ctx), definition(ctx))));
  }

  private void delete(Context ctx) {
    schedules.delete(id(ctx));
    ctx.status(204);
  }

  private void trigger(Context ctx) {
    ctx.status(201).json(run(schedules.trigger(id(ctx))));
  }

  private void preview(Context ctx) {
    int count = NativeRoutes.intParam(ctx, "count", 10, 1, 1000);
    ctx.json(times(require(ctx), schedules.previewOf(id(ctx), count)));
  }

  /** The fires a definition would have, without saving it: for trying a cron expression out. */
  private void previewDefinition(Context ctx) {
    int count = NativeRoutes.intParam(ctx, "count", 10, 1, 1000);
    Map<String, Object> body = new LinkedHashMap<>(definition(ctx));
    body.putIfAbsent("name", "preview");
    body.putIfAbsent("blueprint", "preview");
    Instant now = engine.clock().instant();
    ScheduleDefinition def = schedules.parse(null, body, now);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timezone", def.zone().getId());
    putPreview(out, schedules.previewOf(def, count));
    ctx.json(out);
  }

  private void runs(Context ctx) {
    int limit = NativeRoutes.intParam(ctx, "limit", NativeRoutes.DEFAULT_LIMIT, 1, 1000);
    ctx.json(schedules.runs(id(ctx), limit).stream().map(ScheduleRoutes::run).toList());
  }

  private Schedule require(Context ctx) {
    String id = id(ctx);
    return schedules.get(id).orElseThrow(() -> ApiError.notFound("Schedule not found: " + id));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static Map<String, Object> times(Schedule s, Schedules.Preview preview) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("schedule_id", s.id());
    out.put("timezone", s.definition().zone().getId());
    putPreview(out, preview);
    return out;
  }

  /**
   * The fire times and, for a schedule with a calendar, {@code calendar_effects}: each planned fire
   * the calendar skipped or moved, where it fires instead (null: skipped), and why.
   */
  private static void putPreview(Map<String, Object> out, Schedules.Preview preview) {
    out.put("fire_times", preview.fires().stream().map(Instant::toString).toList());
    if (preview.effects().isEmpty()) {
      return;
    }
    List<Map<String, @Nullable Object>> effects = new ArrayList<>();
    for (CalendarShift.Effect e : preview.effects()) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("planned_at", e.plannedAt().toString());
      m.put("fire_at", e.firesAt() == null ? null : e.firesAt().toString());
      m.put("reason", e.reason());
      effects.add(m);
    }
    out.put("calendar_effects", effects);
  }

  private Map<String, @Nullable Object> view(Schedule s) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.putAll(s.definition().toMap());
    out.put("next_run_at", text(s.nextRunAt()));
    out.put("last_run_at", text(s.lastRunAt()));
    out.put("last_job_id", s.lastJobId());
    out.put("run_count", s.runCount());
    out.put("success_count", schedules.successes(s.id()));
    out.put("queued_fire", text(s.queuedFire()));
    out.put("owner", s.owner());
    out.put("created_at", s.createdAt().toString());
    out.put("updated_at", s.updatedAt().toString());
    out.put("version", s.version());
    return out;
  }

  static Map<String, @Nullable Object> run(ScheduleRun r) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("schedule_id", r.scheduleId());
    out.put("fire_at", r.fireAt().toString());
    out.put("fired_at", r.firedAt().toString());
    out.put("lateness_ms", r.firedAt().toEpochMilli() - r.fireAt().toEpochMilli());
    out.put("outcome", r.outcome().wireName());
    out.put("job_id", r.jobId());
    out.put("reason", r.reason());
    return out;
  }

  private static @Nullable String text(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }
}
