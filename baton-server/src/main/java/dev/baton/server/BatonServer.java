package dev.baton.server;

import dev.baton.engine.Engine;
import dev.baton.job.JobQuery;
import dev.baton.schedule.Schedule;
import dev.baton.server.access.RateLimiter;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.EventStream;
import dev.baton.server.internal.AvtomatikaRoutes;
import dev.baton.server.internal.CalendarRoutes;
import dev.baton.server.internal.DocsRoutes;
import dev.baton.server.internal.EngineEvents;
import dev.baton.server.internal.Errors;
import dev.baton.server.internal.EventRoutes;
import dev.baton.server.internal.NativeRoutes;
import dev.baton.server.internal.ProgressBoard;
import dev.baton.server.internal.PublicRoutes;
import dev.baton.server.internal.RequestDrain;
import dev.baton.server.internal.RequestGuard;
import dev.baton.server.internal.ScheduleRoutes;
import dev.baton.server.internal.StoreHealth;
import dev.baton.server.internal.WorkerRoutes;
import dev.baton.server.metrics.EngineMeters;
import dev.baton.server.metrics.Meters;
import dev.baton.server.route.ClientGate;
import dev.baton.server.route.Json;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteSet;
import dev.baton.server.route.RouteTable;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson3;
import io.javalin.websocket.WsHandlerType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * Baton's HTTP and WebSocket server over an {@link Engine}: the Avtomatika 1.0b7 worker protocol
 * under {@code /_worker}, the native REST API under {@code /api/v1}, {@code /_public/status}, and
 * the OpenAPI document at {@code /api/openapi.yaml} with Swagger UI at {@code /api/docs}. Errors
 * are always {@code {"error": "<message>"}}; bad input is a 4xx, never a 500.
 *
 * <p>Wiring: the engine takes its worker channel when it is built, so create the channel first,
 * give it to the engine, then give both to the server. The server pushes {@code cancel_task} to
 * workers through that channel:
 *
 * <pre>{@code
 * WebSocketChannel channel = new WebSocketChannel();
 * Engine engine = Engine.builder(store).workerChannel(channel).build();
 * engine.register(blueprint);
 * engine.start();
 * try (BatonServer server = BatonServer.start(engine, channel, ServerOptions.DEFAULTS)) {
 *   ...
 * }
 * engine.close();
 * }</pre>
 *
 * The server does not own the engine or the store: {@link #close()} stops listening and leaves both
 * running. Requests run on virtual threads; a long-poll holds one while it waits.
 */
public final class BatonServer implements AutoCloseable {
  private final Javalin app;
  private final WorkerRoutes workerRoutes;
  private final List<Route> routes;

  /** How long a stop waits for the requests in flight (a create, a result) to finish. */
  private static final Duration DRAIN_BOUND = Duration.ofSeconds(5);

  private final AtomicBoolean closed = new AtomicBoolean();
  private final @Nullable Meters ownMeters;
  private final EventHub events;
  private final EventStream streams;
  private final boolean ownHub;

  private BatonServer(
      Javalin app,
      WorkerRoutes workerRoutes,
      List<Route> routes,
      @Nullable Meters ownMeters,
      EventHub events,
      EventStream streams,
      boolean ownHub) {
    this.app = app;
    this.events = events;
    this.streams = streams;
    this.ownHub = ownHub;
    this.ownMeters = ownMeters;
    this.workerRoutes = workerRoutes;
    this.routes = routes;
  }

  /**
   * Starts a server and returns once it listens.
   *
   * @param channel the channel the engine was built with ({@code
   *     Engine.builder(store).workerChannel(channel)}); a channel the engine does not know gets no
   *     cancel commands to deliver
   * @throws RuntimeException when the port cannot be bound
   */
  public static BatonServer start(Engine engine, WebSocketChannel channel, ServerOptions options) {
    return start(engine, channel, options, List.of());
  }

  /**
   * Starts a server with the routes of further features ({@link RouteSet}) beside the built-in
   * ones.
   */
  public static BatonServer start(
      Engine engine, WebSocketChannel channel, ServerOptions options, List<RouteSet> extra) {
    Meters meters = Meters.create();
    return start(engine, channel, options, extra, meters, meters, null);
  }

  /**
   * Starts a server whose {@code /_public/metrics} serves {@code meters}; the engine's and the HTTP
   * server's meters are registered on it. The caller owns {@code meters}.
   */
  public static BatonServer start(
      Engine engine,
      WebSocketChannel channel,
      ServerOptions options,
      List<RouteSet> extra,
      Meters meters) {
    return start(engine, channel, options, extra, meters, null, null);
  }

  /**
   * Starts a server that publishes its realtime channels ({@code GET /api/v1/events}) on {@code
   * events}, which further features feed too (robots, components, the ledger) and which the caller
   * owns and closes after the server.
   */
  public static BatonServer start(
      Engine engine,
      WebSocketChannel channel,
      ServerOptions options,
      List<RouteSet> extra,
      Meters meters,
      EventHub events) {
    return start(engine, channel, options, extra, meters, null, events);
  }

  private static BatonServer start(
      Engine engine,
      WebSocketChannel channel,
      ServerOptions options,
      List<RouteSet> extra,
      Meters meters,
      @Nullable Meters ownMeters,
      @Nullable EventHub givenHub) {
    EngineMeters.bind(engine, meters);
    Requests requests = new Requests(options.maxRequestBytes());
    EventHub hub = givenHub != null ? givenHub : new EventHub(engine.clock());
    EventStream streams = new EventStream(hub);
    EventRoutes eventRoutes = new EventRoutes(streams, hub, options);
    ProgressBoard progress = new ProgressBoard(EngineEvents.attach(engine, hub));
    WorkerRoutes workerRoutes =
        new WorkerRoutes(
            engine,
            options.effectiveWorkerAuth(),
            options.pollTimeout(),
            requests,
            channel.sessions(),
            progress,
            RateLimiter.of(options, engine));
    NativeRoutes nativeRoutes =
        new NativeRoutes(
            engine,
            requests,
            progress,
            options.approvalLinks(),
            options.clientAccess(),
            options.jobDedupWindow(),
            options.jobKeys());
    DocsRoutes docs = new DocsRoutes();
    AvtomatikaRoutes avtomatikaRoutes =
        new AvtomatikaRoutes(engine, options, channel, requests, progress);
    PublicRoutes publicRoutes = new PublicRoutes(engine, meters, options.approvalLinks());
    ScheduleRoutes scheduleRoutes = new ScheduleRoutes(engine, requests);
    CalendarRoutes calendarRoutes = new CalendarRoutes(engine, requests);
    StoreHealth health = new StoreHealth(engine);
    List<Route> routes = new CopyOnWriteArrayList<>();
    // A long-poll is silent for up to pollTimeout: the connection must outlive it.
    long idleMillis = options.pollTimeout().plus(Duration.ofSeconds(30)).toMillis();

    Javalin app =
        Javalin.create(config -> {
          config.concurrency.useVirtualThreads = true;
          config.startup.showJavalinBanner = false;
          config.startup.startupWatcherEnabled = false;
          config.http.maxRequestSize = options.maxRequestBytes();
          // As Avtomatika: /api/v1/jobs/ is not /api/v1/jobs (a 404 that says so, see Errors).
          config.router.ignoreTrailingSlashes = false;
          config.jsonMapper(new JavalinJackson3(Json.mapper(), true));
          config.staticFiles.enableWebjars();
          config.jetty.addConnector((server, http) -> {
            ServerConnector connector =
                new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setIdleTimeout(idleMillis);
            return connector;
          });
          config.jetty.modifyServer(RequestGuard::install);
          config.jetty.modifyWebSocketServletFactory(
              ws -> ws.setIdleTimeout(Duration.ofSeconds(60)));
          config.events.handlerAdded(h -> {
            if (h.getHttpMethod().isHttpMethod()) {
              routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
            }
          });
          config.events.wsHandlerAdded(h -> {
            if (h.getHandlerType() == WsHandlerType.WEBSOCKET) {
              routes.add(new Route("GET", h.getPath()));
            }
          });
          Errors.install(config.routes, health);
          RequestGuard.install(config.routes);
          ClientGate.install(config.routes, options, (kind, id) -> owner(engine, kind, id));
          workerRoutes.register(config.routes);
          nativeRoutes.register(config.routes);
          eventRoutes.register(config.routes);
          scheduleRoutes.register(config.routes);
          calendarRoutes.register(config.routes);
          // Before Avtomatika's catch-all POST /api/<endpoint>, which would take a feature's
          // POST /api/v1/... for a blueprint endpoint: the first route that matches wins.
          extra.forEach(r -> r.register(config.routes));
          avtomatikaRoutes.register(config.routes);
          publicRoutes.register(config.routes);
          health.register(config.routes);
          docs.register(config.routes);
        });
    app.start();
    return new BatonServer(
        app, workerRoutes, List.copyOf(routes), ownMeters, hub, streams, givenHub == null);
  }

  /** The port the server listens on (the chosen one when the options asked for 0). */
  public int port() {
    return app.port();
  }

  /** The hub behind {@code GET /api/v1/events}. */
  public EventHub events() {
    return events;
  }

  /**
   * Every route served, WebSocket upgrades as {@code GET}. Static files ({@code /webjars/*}) are
   * not routes.
   */
  public List<Route> routes() {
    return routes;
  }

  /**
   * Stops listening. Waiting long-polls end at once with 204 (no task), event streams end, the
   * requests still running get up to five seconds to finish ({@link RequestDrain}), then open
   * WebSockets are closed. Leaves the engine running. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      workerRoutes.close();
      streams.close();
      if (ownHub) {
        events.close();
      }
      RequestDrain.drain(app.jettyServer().server(), DRAIN_BOUND);
      app.stop();
      if (ownMeters != null) {
        ownMeters.close();
      }
    }
  }

  /** A route the server serves: an HTTP method and a path with {@code {param}} placeholders. */
  public record Route(String method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Who created the job or schedule (by id, a schedule also by name), for the client gate. */
  private static Optional<String> owner(Engine engine, RouteTable.Owned kind, String id) {
    return switch (kind) {
      case JOB -> engine.job(id).map(JobQuery::clientOf);
      case SCHEDULE -> engine.schedules().get(id).map(Schedule::owner);
      case NONE -> Optional.empty();
    };
  }
}
