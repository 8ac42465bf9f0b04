/**
 * Baton's meters (Micrometer): the registry scraped at {@code /_public/metrics}, the engine's and
 * the HTTP server's meters. Every meter is listed in {@code docs/metrics.md}; labels are bounded by
 * configuration (blueprints, task types, route templates), never by job or task ids.
 */
@NullMarked
package dev.baton.server.metrics;

import org.jspecify.annotations.NullMarked;
