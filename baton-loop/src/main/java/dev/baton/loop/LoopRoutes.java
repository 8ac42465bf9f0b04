package dev.baton.loop;

import dev.baton.server.ServerOptions;
import dev.baton.server.route.ClientGate;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The control loop's HTTP API in Stakazo's shapes, under {@code /orchestrator} (as Stakazo serves
 * it) and the same under {@code /api/v1/orchestrator}. Both need a client token when the client API
 * does. The bodies of the POSTs are ignored.
 */
public final class LoopRoutes implements RouteSet {
  private final ControlLoop loop;
  private final ServerOptions options;

  public LoopRoutes(ControlLoop loop, ServerOptions options) {
    this.loop = loop;
    this.options = options;
  }

  @Override
  public void register(RoutesConfig routes) {
    ClientGate.guard(routes, options, "/orchestrator/*");
    for (String base : new String[] {"/orchestrator", "/api/v1/orchestrator"}) {
      routes.get(base + "/snapshot", this::snapshot);
      routes.post(base + "/run-once", this::runOnce);
      routes.post(base + "/enable", this::enable);
      routes.post(base + "/disable", this::disable);
      routes.get(base + "/status", this::status);
    }
  }

  private void snapshot(Context ctx) {
    ctx.json(ok("snapshot", loop.snapshot()));
  }

  private void runOnce(Context ctx) {
    ctx.json(ok("result", loop.runOnce().view()));
  }

  private void enable(Context ctx) {
    Map<String, @Nullable Object> o = new LinkedHashMap<>();
    o.put("status", loop.enable("api"));
    o.put("interval_seconds", seconds(loop.interval()));
    o.put("enabled", loop.running());
    ctx.json(ok("orchestrator", o));
  }

  private void disable(Context ctx) {
    ctx.json(ok("orchestrator", Map.of("status", loop.disable("api"))));
  }

  private void status(Context ctx) {
    ctx.json(ok("running", loop.running()));
  }

  /** Stakazo's envelope, {@code status} first. */
  private static Map<String, Object> ok(String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put(key, value);
    return out;
  }

  /** Whole seconds as an integer, as Stakazo answers; a finer interval as a fraction. */
  static Object seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? (Object) d.toSeconds() : (Object) (d.toMillis() / 1000.0);
  }
}
