/**
 * Avtomatika's access control: client tokens with monthly quotas ({@link
 * dev.baton.server.access.TokenClients}), per-worker tokens that can be reloaded ({@link
 * dev.baton.server.access.WorkerTokens}) and the worker rate limit ({@link
 * dev.baton.server.access.RateLimiter}). The app builds them from {@code clients.toml}, {@code
 * workers.toml} and its settings and hands them to {@link dev.baton.server.ServerOptions}.
 */
@NullMarked
package dev.baton.server.access;

import org.jspecify.annotations.NullMarked;
