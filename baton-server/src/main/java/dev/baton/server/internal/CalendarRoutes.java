package dev.baton.server.internal;

import dev.baton.engine.Calendars;
import dev.baton.engine.Engine;
import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarMaps;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Requests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Business calendars under {@code /api/v1/calendars}: list, create, read, replace (PUT creates or
 * replaces the whole calendar), delete (refused while a schedule names it), and the working days of
 * a date range, to check a calendar before schedules use it. Calendars are shared by the schedules
 * of every client, so clients read them and operators change them.
 */
public final class CalendarRoutes {
  private static final String BASE = NativeRoutes.BASE + "/calendars";
  private static final int MAX_DAYS = 366;

  private final Engine engine;
  private final Calendars calendars;
  private final Requests requests;

  public CalendarRoutes(Engine engine, Requests requests) {
    this.engine = engine;
    this.calendars = engine.calendars();
    this.requests = requests;
  }

  public void register(RoutesConfig routes) {
    routes.get(BASE, ctx -> ctx.json(calendars.list().stream().map(CalendarMaps::toMap).toList()));
    routes.post(BASE, this::create);
    routes.get(BASE + "/{name}", ctx -> ctx.json(CalendarMaps.toMap(require(ctx))));
    routes.put(BASE + "/{name}", this::put);
    routes.delete(BASE + "/{name}", this::delete);
    routes.get(BASE + "/{name}/days", this::days);
  }

  private Map<String, Object> body(Context ctx) {
    return requests.object(ctx, false).onlyFields(CalendarMaps.KEYS).fields();
  }

  private void create(Context ctx) {
    BusinessCalendar c = calendars.create(body(ctx));
    ctx.status(201).header("Location", BASE + "/" + c.name()).json(CalendarMaps.toMap(c));
  }

  private void put(Context ctx) {
    Calendars.Saved saved = calendars.put(name(ctx), body(ctx));
    ctx.status(saved.created() ? 201 : 200).json(CalendarMaps.toMap(saved.calendar()));
  }

  private void delete(Context ctx) {
    calendars.delete(name(ctx));
    ctx.status(204);
  }

  /**
   * {@code ?from=2026-12-20&count=14}: each day, whether it is a working day, its working hours,
   * and why not (the weekday or the holiday).
   */
  private void days(Context ctx) {
    BusinessCalendar c = require(ctx);
    int count = NativeRoutes.intParam(ctx, "count", 14, 1, MAX_DAYS);
    @Nullable String fromText = ctx.queryParam("from");
    LocalDate from;
    try {
      from =
          fromText == null
              ? LocalDate.ofInstant(engine.clock().instant(), c.zone())
              : LocalDate.parse(fromText.trim());
    } catch (DateTimeException e) {
      throw ApiError.badRequest("from: '" + fromText + "' is not a date (YYYY-MM-DD)");
    }
    List<Map<String, @Nullable Object>> days = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LocalDate d = from.plusDays(i);
      Map<String, @Nullable Object> day = new LinkedHashMap<>();
      day.put("date", d.toString());
      day.put("working", c.isWorkingDay(d));
      day.put(
          "hours",
          c.isWorkingDay(d) ? c.hours().stream().map(Object::toString).toList() : List.of());
      day.put("holiday", c.holiday(d).orElse(null));
      days.add(day);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("calendar", c.name());
    out.put("timezone", c.zone().getId());
    out.put("days", days);
    ctx.json(out);
  }

  private BusinessCalendar require(Context ctx) {
    String name = name(ctx);
    return calendars.get(name).orElseThrow(() -> ApiError.notFound("Calendar not found: " + name));
  }

  private static String name(Context ctx) {
    return ctx.pathParam("name");
  }
}
