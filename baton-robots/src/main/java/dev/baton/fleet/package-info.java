/**
 * The robot fleet at work: robots connected over CasareRPA's message protocol (the transport is the
 * server's), the dispatcher that hands them the engine's queued tasks by strategy, the health and
 * timeout checks, and robot jobs (one-task engine jobs with de-duplication and idempotency keys).
 */
@NullMarked
package dev.baton.fleet;

import org.jspecify.annotations.NullMarked;
