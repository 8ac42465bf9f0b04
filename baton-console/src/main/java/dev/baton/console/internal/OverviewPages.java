package dev.baton.console.internal;

import dev.baton.series.Series;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /} (with {@code ?range=hour|day} for its charts): the overview; {@code GET
 * /console/overview}: its figures, for live updates.
 */
final class OverviewPages {
  private final Access access;
  private final Pages pages;
  private final Figures figures;

  OverviewPages(Access access, Pages pages, Figures figures) {
    this.access = access;
    this.pages = pages;
    this.figures = figures;
  }

  void register(RoutesConfig routes) {
    routes.get("/", this::page);
    routes.get("/console/overview", this::fragment);
  }

  private void page(Context ctx) {
    // A client sees only its own jobs: its console starts at the jobs table.
    if (access.current(ctx).map(s -> s.client().role() == Role.CLIENT).orElse(false)) {
      ctx.redirect("/console/jobs");
      return;
    }
    access
        .viewer(ctx, Role.OPERATOR, "Overview", "overview")
        .ifPresent(s -> {
          Series.Range range = SeriesPages.range(ctx.queryParam("range"));
          pages.send(
              ctx,
              200,
              "overview.jte",
              Map.of(
                  "frame",
                  access.frame(s, "Overview", "overview"),
                  "overview",
                  figures.overview(),
                  "range",
                  range.name().toLowerCase(Locale.ROOT),
                  "step",
                  range.step() == 1
                      ? "a point a minute"
                      : "a point every " + range.step() + " minutes"));
        });
  }

  private void fragment(Context ctx) {
    access
        .viewer(ctx, Role.OPERATOR, "Overview", "overview")
        .ifPresent(s ->
            pages.send(ctx, 200, "overview-figures.jte", Map.of("overview", figures.overview())));
  }
}
