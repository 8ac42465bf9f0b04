package dev.baton.console.internal;

import dev.baton.series.Series;
import dev.baton.series.SeriesMinute;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /console/series?range=hour|day}: the overview charts' series (throughput, success
 * rate, queue depth, execution time), read from the store's per-minute buckets ({@link Series}), so
 * every node answers the same and a restart loses nothing. Columns of equal length, for uPlot:
 * {@code at} (epoch seconds of each point's start), {@code finished}, {@code failed}, {@code
 * success_rate} (percent, null when none ended), {@code queued} (the point's peak sample, null when
 * none), {@code average_ms} (null when none was timed). A range other than hour or day is a 400.
 */
final class SeriesPages {
  private final Series series;
  private final Access access;

  SeriesPages(Series series, Access access) {
    this.series = series;
    this.access = access;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/series", this::series);
  }

  /** The range a request asks for: hour unless it says day; anything else is refused. */
  static Series.Range range(@Nullable String asked) {
    try {
      return asked == null || asked.isBlank() ? Series.Range.HOUR : Series.Range.of(asked);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("range must be hour or day, was '" + asked + "'");
    }
  }

  private void series(Context ctx) {
    if (access.viewer(ctx, Role.OPERATOR, "Overview", "overview").isEmpty()) {
      return;
    }
    Series.Range range = range(ctx.queryParam("range"));
    List<Long> at = new ArrayList<>();
    List<Long> finished = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    List<@Nullable Double> rate = new ArrayList<>();
    List<@Nullable Long> queued = new ArrayList<>();
    List<@Nullable Long> average = new ArrayList<>();
    for (Series.Point p : series.read(range)) {
      SeriesMinute m = p.sums();
      at.add(p.at().getEpochSecond());
      finished.add(m.finished());
      failed.add(m.failed());
      Double share = m.successRate();
      rate.add(share == null ? null : Math.round(share * 1000) / 10.0);
      queued.add(m.queued());
      average.add(m.averageMillis());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("range", range.name().toLowerCase(java.util.Locale.ROOT));
    out.put("step_minutes", range.step());
    out.put("at", at);
    out.put("finished", finished);
    out.put("failed", failed);
    out.put("success_rate", rate);
    out.put("queued", queued);
    out.put("average_ms", average);
    Pages.secure(ctx);
    ctx.json(out);
  }
}
