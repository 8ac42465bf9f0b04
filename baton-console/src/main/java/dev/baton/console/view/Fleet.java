package dev.baton.console.view;

import java.util.List;

/** The robots and workers page. */
public record Fleet(List<RobotRow> robots, List<WorkerRow> workers, String notice) {

  /** A robot, with what an operator may do to it. */
  public record RobotRow(
      String id,
      String name,
      String status,
      String slots,
      String lastHeartbeat,
      boolean drained,
      boolean connected) {}

  /** A worker of the Avtomatika protocol. */
  public record WorkerRow(
      String id, boolean alive, String taskTypes, String lastSeen, String runningTasks) {}
}
