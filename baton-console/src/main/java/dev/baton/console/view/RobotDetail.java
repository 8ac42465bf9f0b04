package dev.baton.console.view;

import java.util.List;

/**
 * A robot's page: its facts, its jobs now and lately, its newest log lines and the send-a-job form.
 *
 * @param capabilities each announced capability as {@code name: value}
 * @param send the form's text as sent (kept when it was refused) and why it was refused
 */
public record RobotDetail(
    Fleet.RobotRow robot,
    String environment,
    String registeredAt,
    List<String> capabilities,
    List<String> tags,
    String metrics,
    List<JobLine> current,
    List<JobLine> recent,
    List<LogLine> logs,
    SendForm send,
    String notice) {

  /** One of its jobs. */
  public record JobLine(
      String jobId, String workflowId, String status, String held, String created, String error) {}

  /** One log line it sent. */
  public record LogLine(String at, String level, String jobId, String node, String message) {}

  /** The send-a-job form. */
  public record SendForm(
      String workflowId,
      String parameters,
      String priority,
      String timeout,
      String tags,
      String error) {
    public static final SendForm EMPTY = new SendForm("", "{}", "NORMAL", "", "", "");
    public static final List<String> PRIORITIES = List.of("LOW", "NORMAL", "HIGH", "CRITICAL");
  }
}
