package dev.baton.server;

import io.javalin.config.RoutesConfig;

/**
 * Routes a feature adds to the server beside the built-in ones (robots, schedules, components, the
 * orchestrator loop). Registered after the native {@code /api/v1} routes and before Avtomatika's
 * catch-all {@code POST /api/<endpoint>} (which would swallow a feature's POST routes), under the
 * same error handling and client gate, so a feature's bad input is answered like any other.
 */
@FunctionalInterface
public interface RouteSet {
  void register(RoutesConfig routes);
}
