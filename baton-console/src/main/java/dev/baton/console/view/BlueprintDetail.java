package dev.baton.console.view;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored blueprint's page: its versions, the chosen one's content and graph, a diff of two
 * versions, the compatibility of one with another, and what an operator may do.
 *
 * @param published the latest published version, or 0 for none
 * @param running its jobs that have not ended, over every version
 * @param graph the chosen version's states, or null when its content does not load
 * @param loadProblems why the chosen version's content does not load (empty when it does)
 * @param diff the diff asked for, or null
 * @param check the compatibility check asked for (or refused), or null
 * @param canChange whether the viewer may push, publish and archive (an operator)
 * @param problems why a pushed document was refused, each naming its place
 * @param draft the text for the push editor: what was sent and refused, or the chosen version's
 * @param moves what a migration just did to each job, one line each (empty otherwise)
 */
public record BlueprintDetail(
    String name,
    String title,
    String description,
    String folder,
    List<String> tags,
    int published,
    long running,
    List<Version> versions,
    Version chosen,
    String content,
    @Nullable StateGraph graph,
    List<String> loadProblems,
    @Nullable Diff diff,
    @Nullable Check check,
    boolean canChange,
    String notice,
    List<String> problems,
    String draft,
    List<String> moves) {

  /** A version: who stored it and when, and its status. */
  public record Version(
      int version,
      String status,
      String createdBy,
      String created,
      String updated,
      String hash,
      String declared,
      boolean chosen) {}

  /** A unified diff of two versions, line by line; {@code kind} is add, del, hunk or same. */
  public record Diff(int from, int to, List<Line> lines) {}

  public record Line(String kind, String text) {}

  /**
   * Whether the jobs on {@code against} could move to {@code candidate}.
   *
   * @param refusal why no report could be made ("" when there is one)
   */
  public record Check(
      int against,
      int candidate,
      String verdict,
      String summary,
      List<StateRow> states,
      List<String> notes,
      String refusal) {}

  public record StateRow(
      String state, String change, String verdict, long runningJobs, String move, String reason) {}
}
