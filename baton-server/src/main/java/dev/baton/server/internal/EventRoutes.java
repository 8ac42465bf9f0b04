package dev.baton.server.internal;

import dev.baton.server.ServerOptions;
import dev.baton.server.events.ChannelSelection;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.EventStream;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.ClientGate;
import dev.baton.server.route.QueryParams;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code GET /api/v1/events}: the realtime channels as Server-Sent Events, and {@code GET
 * /api/v1/events/ws} the same events over a WebSocket ({@link EventSocket}), for the client the
 * gate admitted (a {@code client} sees only its own jobs' events).
 */
public final class EventRoutes {
  static final String SOCKET = NativeRoutes.BASE + "/events/ws";
  private static final Set<String> KNOWN = Set.of("channels", "last_event_id");

  /** The stream's own: the WebSocket sends every event (batched, each its own message), uncut. */
  private static final Set<String> STREAM_ONLY = Set.of("coalesce");

  private final EventStream stream;
  private final EventSocket socket;
  private final ServerOptions options;

  public EventRoutes(EventStream stream, EventHub hub, ServerOptions options) {
    this.stream = stream;
    this.socket = new EventSocket(hub);
    this.options = options;
  }

  public void register(RoutesConfig routes) {
    routes.get(NativeRoutes.BASE + "/events", this::events);
    // An upgrade request does not pass the HTTP before-handlers: the gate admits it here, and a
    // refusal is answered as on every route (401/403/429 with its message), before any upgrade.
    routes.wsBeforeUpgrade(
        SOCKET,
        ctx -> {
          ClientGate.admitUpgrade(ctx, options);
          EventSocket.Subscribe ask =
              new EventSocket.Subscribe(selection(ctx, false), EventStream.lastEventId(ctx));
          ctx.attribute(EventSocket.SUBSCRIBE, ask);
        });
    routes.ws(SOCKET, socket::configure);
  }

  private void events(Context ctx) {
    stream.serve(
        ctx,
        selection(ctx, true).filter(),
        EventStream.lastEventId(ctx),
        EventStream.coalesce(ctx));
  }

  private static ChannelSelection selection(Context ctx, boolean stream) {
    // A misspelt parameter would otherwise subscribe to every channel, silently.
    for (String name : ctx.queryParamMap().keySet()) {
      if (!KNOWN.contains(name) && !(stream && STREAM_ONLY.contains(name))) {
        throw ApiError.badRequest(
            "query parameter '"
                + QueryParams.printable(name)
                + "' is not known here; expected channels or last_event_id"
                + (stream ? " or coalesce" : ""));
      }
    }
    return ChannelSelection.parse(ctx.queryParam("channels"), AvtomatikaRoutes.client(ctx));
  }
}
