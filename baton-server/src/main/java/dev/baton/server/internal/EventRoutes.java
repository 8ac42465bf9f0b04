package dev.baton.server.internal;

import dev.baton.server.events.ChannelSelection;
import dev.baton.server.events.EventStream;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.QueryParams;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code GET /api/v1/events}: the realtime channels as Server-Sent Events, for the client the gate
 * admitted (a {@code client} sees only its own jobs' events).
 */
public final class EventRoutes {
  private static final Set<String> KNOWN = Set.of("channels", "last_event_id");

  private final EventStream stream;

  public EventRoutes(EventStream stream) {
    this.stream = stream;
  }

  public void register(RoutesConfig routes) {
    routes.get(NativeRoutes.BASE + "/events", this::events);
  }

  private void events(Context ctx) {
    // A misspelt parameter would otherwise subscribe to every channel, silently.
    for (String name : ctx.queryParamMap().keySet()) {
      if (!KNOWN.contains(name)) {
        throw ApiError.badRequest(
            "query parameter '"
                + QueryParams.printable(name)
                + "' is not known here; expected channels or last_event_id");
      }
    }
    ChannelSelection selection =
        ChannelSelection.parse(ctx.queryParam("channels"), AvtomatikaRoutes.client(ctx));
    Long after = EventStream.lastEventId(ctx);
    stream.serve(ctx, selection.filter(), after);
  }
}
