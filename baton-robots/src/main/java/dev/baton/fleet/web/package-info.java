/**
 * The robot fleet's face: CasareRPA's robot WebSocket ({@code /robots/ws}) and the native API for
 * robots, robot jobs, their logs and the dashboard under {@code /api/v1}, published as a {@code
 * RouteSet} through the server's route API ({@code dev.baton.server.route}).
 */
@NullMarked
package dev.baton.fleet.web;

import org.jspecify.annotations.NullMarked;
