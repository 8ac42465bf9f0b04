/**
 * Realtime channels: the {@link dev.baton.server.events.EventHub} that numbers every event and
 * keeps a bounded ring of recent ones for {@code Last-Event-ID} resume, and the sources that feed
 * it from committed state only (the engine's job listener and observer, a tail of the ledger, and
 * {@link dev.baton.server.events.StateWatch} for state kept outside the engine: robots,
 * components). {@code GET /api/v1/events} serves it as Server-Sent Events; {@link
 * dev.baton.server.events.EventRelay} carries the events only one node sees to the other nodes
 * sharing the store.
 */
@NullMarked
package dev.baton.server.events;

import org.jspecify.annotations.NullMarked;
