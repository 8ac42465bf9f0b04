/**
 * The time series behind the console's charts: per-minute buckets of jobs finished and failed,
 * their execution time and the queue depth, rolled up from the ledger into the store by {@link
 * dev.baton.series.SeriesRollup} (so they survive a restart and read the same on every node), and
 * read back for the last hour or day by {@link dev.baton.series.Series}.
 */
@NullMarked
package dev.baton.series;

import org.jspecify.annotations.NullMarked;
