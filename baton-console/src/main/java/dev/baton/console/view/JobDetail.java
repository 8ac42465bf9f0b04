package dev.baton.console.view;

import java.util.List;

/**
 * A job's page: the job, how it moved, its tasks, its ledger entries and what may be done to it.
 *
 * @param decisions the decisions a person may take now (empty unless it waits for one)
 */
public record JobDetail(
    JobRow job,
    String waitingFor,
    List<Step> history,
    List<TaskRow> tasks,
    List<Activity> ledger,
    boolean cancellable,
    List<String> decisions,
    String notice) {

  /** A transition of the job. */
  public record Step(String at, String from, String to, String status, String reason) {}

  /** A task of the job. */
  public record TaskRow(
      String id, String type, String status, int attempt, String worker, String created) {}
}
