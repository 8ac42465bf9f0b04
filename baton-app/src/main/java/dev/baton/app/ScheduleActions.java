package dev.baton.app;

import dev.baton.app.cli.Api;
import dev.baton.app.cli.ApiCommand;
import dev.baton.app.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code schedules pause|resume|trigger}: a schedule's action routes. */
final class ScheduleActions {
  private ScheduleActions() {}

  /** A POST to one of a schedule's action routes ({@code /pause}, {@code /resume}, ...). */
  abstract static class Act extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "the schedule's name or id")
    String name = "";

    private final String action;

    Act(String action) {
      this.action = action;
    }

    @Override
    protected int run(Api api, Printer out) {
      out.object(api.post(ScheduleReads.path(name) + "/" + action, null));
      return 0;
    }
  }

  @Command(name = "pause", description = "Stop firing; fires while paused are not caught up.")
  static final class Pause extends Act {
    Pause() {
      super("pause");
    }
  }

  @Command(name = "resume", description = "Fire again from now on.")
  static final class Resume extends Act {
    Resume() {
      super("resume");
    }
  }

  @Command(name = "trigger", description = "Start a run now, whatever the timing says.")
  static final class Trigger extends Act {
    Trigger() {
      super("trigger");
    }
  }
}
