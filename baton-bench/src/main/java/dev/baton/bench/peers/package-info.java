/**
 * {@code baton bench peers}: Baton embedded side by side with db-scheduler, JobRunr and Quartz on
 * one PostgreSQL, each run in a fresh JVM on a fresh database ({@link PeerComparison}).
 */
@NullMarked
package dev.baton.bench.peers;

import org.jspecify.annotations.NullMarked;
