package dev.baton.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chaos suite's blueprints, one file each: {@code one} (a task), {@code fan} (three side by
 * side), {@code parent} (a sub-flow of {@code one}, then a task) and {@code held} (the task a
 * killed worker holds, with a timeout of its own: the cluster's 5 s default counts from the task's
 * creation, and under load the worker's start, the kill and the lease's end take longer, so the
 * task timed out as a new attempt before its lease could send it out again). Robot jobs need none.
 */
final class ChaosBlueprints {
  private ChaosBlueprints() {}

  static void write(Path folder) throws IOException {
    Files.writeString(
        folder.resolve("one.yaml"),
        """
        name: one
        start: work
        states:
          work:
            dispatch: { task: step, params: { n: "${initial_data.n}" } }
            on: { success: finished }
        """);
    Files.writeString(
        folder.resolve("fan.yaml"),
        """
        name: fan
        start: spread
        states:
          spread:
            parallel:
              tasks: [ { task: step }, { task: step }, { task: step } ]
              aggregate_into: finished
        """);
    Files.writeString(
        folder.resolve("parent.yaml"),
        """
        name: parent
        start: child
        states:
          child:
            subflow: { blueprint: one, input: { n: "${initial_data.n}" } }
            on: { success: after }
          after:
            dispatch: { task: step }
            on: { success: finished }
        """);
    Files.writeString(
        folder.resolve("held.yaml"),
        """
        name: held
        start: hold
        states:
          hold:
            dispatch: { task: hold, timeout: 120s }
            on: { success: finished }
        """);
  }
}
