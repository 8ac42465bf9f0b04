/**
 * Baton's HTTP and WebSocket face: the Avtomatika 1.0b7 worker protocol under {@code /_worker}, the
 * native REST API under {@code /api/v1} and its OpenAPI document. Start here: {@link
 * dev.baton.server.BatonServer}; a feature adds its own routes through {@code
 * dev.baton.server.route}. Everything under {@code internal} may change without notice.
 */
@NullMarked
package dev.baton.server;

import org.jspecify.annotations.NullMarked;
