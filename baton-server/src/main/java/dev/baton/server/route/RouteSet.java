package dev.baton.server.route;

import io.javalin.config.RoutesConfig;

/**
 * Routes a feature module adds to the server beside the built-in ones (the robot fleet, the ledger,
 * components and scenarios, the orchestrator loop). Registered after the native routes and before
 * Avtomatika's (whose catch-all {@code POST /api/<endpoint>} would otherwise take a feature's POST
 * routes), under the same error handling and client gate, so a feature's bad input is answered like
 * any other.
 */
@FunctionalInterface
public interface RouteSet {
  void register(RoutesConfig routes);
}
