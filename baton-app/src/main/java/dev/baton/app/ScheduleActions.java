package dev.baton.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code schedules pause|resume|trigger}: a schedule's action routes. */
final class ScheduleActions {
  private ScheduleActions() {}

  /** A POST to one of a schedule's action routes ({@code /pause}, {@code /resume}, ...). */
  abstract static class Act implements Callable<Integer> {
    @Mixin SchedulesApi server = new SchedulesApi();

    @Parameters(paramLabel = "NAME")
    String name = "";

    private final String action;

    Act(String action) {
      this.action = action;
    }

    @Override
    public Integer call() {
      return server.call("POST", SchedulesApi.path(name) + "/" + action, null);
    }
  }

  @Command(name = "pause", description = "Stop firing.")
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

  @Command(name = "trigger", description = "Start a run now.")
  static final class Trigger extends Act {
    Trigger() {
      super("trigger");
    }
  }
}
