package dev.baton.console.view;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The schedule editor: a new schedule's definition, or a stored one's, as a JSON document (the body
 * {@code POST /api/v1/schedules} takes), with the fires it would have.
 *
 * @param id the schedule being edited, or empty for a new one
 * @param name its stored name, or empty for a new one
 * @param text the document as shown: the stored definition, or what was sent
 * @param problem why the document was refused, or empty
 * @param fires the next fires of the document's timing (after a preview), or null
 */
public record ScheduleEdit(
    String id,
    String name,
    String text,
    String problem,
    @Nullable Fires fires,
    List<ScheduleList.Effect> effects) {
  public ScheduleEdit {
    effects = List.copyOf(effects);
  }

  /** Where the form is posted. */
  public String action() {
    return id.isEmpty() ? "/console/schedules/new" : "/console/schedules/" + id + "/edit";
  }
}
