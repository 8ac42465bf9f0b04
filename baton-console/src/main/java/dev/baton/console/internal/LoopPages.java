package dev.baton.console.internal;

import dev.baton.console.ConsoleSources;
import dev.baton.console.LoopSwitch;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The control loop ({@code GET /console/loop}): its health, whether its timer runs, the recent
 * cycles with each decision's rule, priority and the snapshot values it read; and the series of
 * cycle time and health behind its chart ({@code GET /console/loop/series}), both read from the
 * loop's ledger entries, so they survive a restart and are the same on every node.
 */
final class LoopPages {
  static final String TITLE = "Control loop";
  static final String ACTIVE = "loop";
  static final int CYCLES = 20;
  static final int SERIES = 500;

  private final LoopSwitch loop;
  private final Ledger ledger;
  private final @Nullable Supplier<Map<String, @Nullable Object>> health;
  private final LoopCycles cycles;
  private final Access access;
  private final Pages pages;

  LoopPages(ConsoleSources sources, Access access, Pages pages) {
    this.loop = sources.loop();
    this.ledger = sources.ledger();
    this.health = sources.health();
    this.cycles = new LoopCycles(sources.ledger());
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get(
        "/console/loop",
        ctx ->
            access
                .viewer(ctx, Role.OPERATOR, TITLE, ACTIVE)
                .ifPresent(s -> show(ctx, s, 200, notice(ctx), "")));
    routes.get("/console/loop/series", this::series);
  }

  /** Answers with the page; {@code problem} says why an action was refused. */
  void show(Context ctx, Session s, int status, String notice, String problem) {
    Map<String, @Nullable Object> system = health == null ? Map.of() : health.get();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("frame", access.frame(s, TITLE, ACTIVE));
    params.put("health", String.valueOf(system.getOrDefault("health_score", "")));
    params.put("status", String.valueOf(system.getOrDefault("status", "")));
    params.put("running", loop.running());
    params.put("interval", Show.duration(loop.interval()));
    params.put("admin", s.client().role().allows(Role.ADMIN));
    params.put("cycles", cycles.recent(CYCLES));
    params.put("notice", notice);
    params.put("problem", problem);
    pages.send(ctx, status, "loop.jte", params);
  }

  private void series(Context ctx) {
    if (access.viewer(ctx, Role.OPERATOR, TITLE, ACTIVE).isEmpty()) {
      return;
    }
    List<LedgerEntry> newest =
        ledger.read(LedgerQuery.newest(SERIES).type(LoopCycles.CYCLES)).entries();
    List<Long> at = new ArrayList<>();
    List<@Nullable Object> millis = new ArrayList<>();
    List<@Nullable Object> scores = new ArrayList<>();
    for (LedgerEntry e : newest.reversed()) {
      if (e.details().get("duration_ms") instanceof Number ms) {
        at.add(e.at().getEpochSecond());
        millis.add(ms);
        scores.add(e.details().get("health_score") instanceof Number h ? h : null);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", at);
    out.put("duration_ms", millis);
    out.put("health", scores);
    Pages.secure(ctx);
    ctx.json(out);
  }

  private static String notice(Context ctx) {
    String done = ctx.queryParam("done");
    if ("enabled".equals(done)) {
      return "Enabled: the loop runs a cycle now and then every interval.";
    }
    if ("disabled".equals(done)) {
      return "Disabled: no timer cycle runs until it is enabled (run once still works).";
    }
    String cycle = ctx.queryParam("cycle");
    if ("ran".equals(done) && cycle != null && cycle.matches("\\d{1,18}")) {
      return "Cycle " + cycle + " ran now; it is the newest below.";
    }
    return "";
  }
}
