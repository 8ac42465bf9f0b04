package dev.baton.console.view;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The quarantine lane: quarantined jobs grouped by their error message, the group whose newest job
 * was quarantined last first.
 *
 * @param total every quarantined job the viewer may see
 * @param read how many of them the groups were made from (the newest, at most a bound)
 * @param report what the last bulk resume did, or null
 */
public record Quarantine(List<Group> groups, long total, int read, @Nullable Report report) {

  /**
   * Jobs quarantined with the same message.
   *
   * @param shown the group's newest jobs, at most a page of them
   */
  public record Group(String error, int count, String newest, List<JobRow> shown) {}

  /** How a bulk resume went: how many resumed, and each job that did not, with why. */
  public record Report(int resumed, List<Failure> failures) {}

  public record Failure(String jobId, String reason) {}
}
