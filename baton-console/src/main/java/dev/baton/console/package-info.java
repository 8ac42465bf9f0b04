/**
 * The operator console, served at {@code /} by Baton's own server: {@link
 * dev.baton.console.Console} is the {@link dev.baton.server.route.RouteSet} to pass to {@code
 * BatonServer.start}, {@link dev.baton.console.ConsoleSources} what it reads. Pages are JTE
 * templates compiled at build time; live updates come from the server's event hub over SSE.
 */
@NullMarked
package dev.baton.console;

import org.jspecify.annotations.NullMarked;
