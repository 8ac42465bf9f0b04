/**
 * The robot fleet at work, in plain Java (the transport is {@code dev.baton.fleet.web}): robots
 * connected over CasareRPA's message protocol ({@link dev.baton.fleet.RobotProtocol} over {@link
 * dev.baton.fleet.RobotSession}s), the {@link dev.baton.fleet.Dispatcher} that hands them the
 * engine's queued tasks by strategy, the {@link dev.baton.fleet.Handovers} of jobs between robots
 * and the engine, the {@link dev.baton.fleet.Watchdog}'s health and timeout checks, and robot jobs
 * (one-task engine jobs with de-duplication and idempotency keys). {@link dev.baton.fleet.Fleet} is
 * the facade the application wires. The store port is the core's {@code dev.baton.robot}.
 */
@NullMarked
package dev.baton.fleet;

import org.jspecify.annotations.NullMarked;
