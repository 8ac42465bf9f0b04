package dev.baton.server.events;

import java.util.Locale;

/** The channels of {@code GET /api/v1/events}. */
public enum Channel {
  JOBS,
  ROBOTS,
  PROGRESS,
  SCHEDULES,
  COMPONENTS,
  LEDGER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The channel of one job's progress. */
  public static String progressOf(String jobId) {
    return PROGRESS.wireName() + ":" + jobId;
  }
}
