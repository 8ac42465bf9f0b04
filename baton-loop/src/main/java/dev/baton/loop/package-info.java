/**
 * The autonomous control loop (Stakazo's monitor, decide, execute, record): every interval it
 * builds a snapshot of the system, scores its health, evaluates the rules of a rules file (CEL),
 * runs the chosen actions in priority order and writes the cycle, each decision and each outcome to
 * the ledger. Features plug in through {@link dev.baton.loop.SnapshotSource} (a named section of
 * the snapshot) and {@link dev.baton.loop.LoopAction} (a named action rules may choose).
 */
@NullMarked
package dev.baton.loop;

import org.jspecify.annotations.NullMarked;
