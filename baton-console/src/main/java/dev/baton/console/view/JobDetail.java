package dev.baton.console.view;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job's page: the job, how it moved, its tasks, its ledger entries and what may be done to it.
 *
 * @param decisions the decisions a person may take now (empty unless it waits for one)
 * @param resumable whether it failed or was quarantined and can run again from its failed step
 * @param editData the editor's text for its data: the stored data, or what was sent and refused
 * @param editInput the editor's text for its initial data, likewise
 * @param graph its blueprint's states at the version it runs on, the path it took marked; null when
 *     that version is not found
 * @param work what its work reported: progress and log lines
 */
public record JobDetail(
    JobRow job,
    String waitingFor,
    List<Step> history,
    List<TaskRow> tasks,
    List<Activity> ledger,
    boolean cancellable,
    List<String> decisions,
    boolean resumable,
    String editData,
    String editInput,
    String notice,
    @Nullable StateGraph graph,
    Work work) {

  /**
   * What the job's work reported.
   *
   * @param progress the last progress reported, as text, or empty when none is known
   * @param logs its first log lines, in the order they arrived
   * @param more whether it has more log lines than shown
   */
  public record Work(String progress, List<RobotDetail.LogLine> logs, boolean more) {}

  /** A transition of the job. */
  public record Step(String at, String from, String to, String status, String reason) {}

  /** A task of the job. */
  public record TaskRow(
      String id, String type, String status, int attempt, String worker, String created) {}
}
