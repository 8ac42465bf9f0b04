/**
 * The one API through which a feature module publishes HTTP and WebSocket routes on Baton's server:
 * a {@link dev.baton.server.route.RouteSet} registers them, {@link dev.baton.server.route.Requests}
 * reads bodies within the size limit, {@link dev.baton.server.route.JsonBody} reads fields with
 * typed refusals, {@link dev.baton.server.route.ApiError} answers bad input as {@code {"error":
 * message}}, {@link dev.baton.server.route.ClientGate} guards paths outside {@code /api} by client
 * token and quota, and {@link dev.baton.server.route.Json} is the server's one JSON mapper.
 *
 * <p>Where routes live: a feature module owns its routes (robots in baton-robots, the control loop
 * in baton-loop, components and scenarios in baton-scenarios) and passes them to {@code
 * BatonServer.start}; baton-server owns only the routes of the core's own aggregates (jobs, tasks,
 * workers, blueprints, schedules, the ledger) and the Avtomatika face.
 */
@NullMarked
package dev.baton.server.route;

import org.jspecify.annotations.NullMarked;
