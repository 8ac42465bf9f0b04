package dev.baton.console.view;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every stored schedule, and the preview form: a timing tried out before it is saved.
 *
 * @param preview what the form was given and what came of it, or null when nothing was tried
 * @param notice what the operator's last action did (a deletion), or empty
 */
public record ScheduleList(List<Row> rows, @Nullable Preview preview, String notice) {
  public ScheduleList {
    rows = List.copyOf(rows);
  }

  /**
   * A schedule.
   *
   * @param target what a fire starts ({@code blueprint nightly-report})
   * @param timing the timing as written ({@code cron 30 2 * * *})
   * @param next the next fire in the schedule's zone, with its offset
   * @param lastRun when the latest run was handled, UTC
   * @param lastOutcome what it did ({@code started}, {@code skipped}, ...), or empty
   */
  public record Row(
      String id,
      String name,
      String target,
      String timing,
      String zone,
      boolean enabled,
      String next,
      String lastRun,
      String lastOutcome) {}

  /**
   * The preview form's fields as given, and the fires they would have or why they are refused.
   *
   * @param fires the next fires, or null when the timing was refused
   * @param problem why it was refused, or empty
   */
  public record Preview(
      String cron,
      String interval,
      String zone,
      String calendar,
      @Nullable Fires fires,
      List<Effect> effects,
      String problem) {
    public static final Preview EMPTY = new Preview("", "", "", "", null, List.of(), "");

    public Preview {
      effects = List.copyOf(effects);
    }
  }

  /**
   * A planned fire that the schedule's business calendar skipped or moved.
   *
   * @param firesAt where it fires instead, in the schedule's zone, or {@code skipped}
   */
  public record Effect(String planned, String firesAt, String reason) {}
}
