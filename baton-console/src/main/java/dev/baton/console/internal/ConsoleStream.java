package dev.baton.console.internal;

import dev.baton.server.events.ChannelSelection;
import dev.baton.server.events.EventStream;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code GET /console/events}: the realtime channels for the console's pages, with the session's
 * cookie instead of a token (a browser's EventSource sends no headers), and only what the viewer
 * may see. The pages use the events as triggers to fetch fresh fragments from the server, so the
 * stream coalesces: of a job's events in one write, only its latest is sent (one fetch follows it
 * either way).
 */
final class ConsoleStream {
  private final Sessions sessions;
  private final EventStream stream;

  ConsoleStream(Sessions sessions, EventStream stream) {
    this.sessions = sessions;
    this.stream = stream;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/events", this::events);
  }

  private void events(Context ctx) {
    Optional<Session> s = sessions.of(ctx);
    if (s.isEmpty()) {
      // 204 tells an EventSource not to reconnect: the page's next load goes to the login.
      ctx.status(204);
      return;
    }
    ChannelSelection all = ChannelSelection.parse(null, s.get().client());
    stream.serve(ctx, all.filter(), EventStream.lastEventId(ctx), true);
  }
}
