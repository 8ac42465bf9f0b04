/**
 * The robot fleet's face: CasareRPA's robot WebSocket ({@code /robots/ws}) and the native API for
 * robots, robot jobs, their logs and the dashboard under {@code /api/v1}.
 */
@NullMarked
package dev.baton.fleet.web;

import org.jspecify.annotations.NullMarked;
