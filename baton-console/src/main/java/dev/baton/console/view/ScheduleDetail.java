package dev.baton.console.view;

import java.util.List;

/**
 * One schedule's page: what it is, its coming fires with DST marks, what its calendar does to them,
 * its run history, and the operator's actions.
 *
 * @param row the schedule as the list shows it
 * @param calendar the business calendar it names and the policy, or empty
 * @param runs its runs, newest first
 * @param notice what the last action did, or why it was not done; empty for none
 */
public record ScheduleDetail(
    ScheduleList.Row row,
    String calendar,
    Fires fires,
    List<ScheduleList.Effect> effects,
    List<Run> runs,
    String notice) {
  public ScheduleDetail {
    effects = List.copyOf(effects);
    runs = List.copyOf(runs);
  }

  /**
   * A run.
   *
   * @param due when the fire was due (a run now: when it was asked for), UTC
   * @param fired when it was handled, UTC
   * @param lateness fired − due
   * @param jobId the job it started, or empty
   * @param reason why it was skipped, queued or failed, or empty
   */
  public record Run(
      String due, String fired, String lateness, String outcome, String jobId, String reason) {}
}
