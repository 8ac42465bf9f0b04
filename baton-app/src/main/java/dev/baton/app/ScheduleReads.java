package dev.baton.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schedules list|show|runs}: what the server has. */
final class ScheduleReads {
  private ScheduleReads() {}

  @Command(name = "list", description = "Every schedule.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin SchedulesApi server = new SchedulesApi();

    @Override
    public Integer call() {
      return server.call("GET", "", null);
    }
  }

  @Command(name = "show", description = "One schedule, by id or name.")
  static final class Show implements Callable<Integer> {
    @Mixin SchedulesApi server = new SchedulesApi();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Override
    public Integer call() {
      return server.call("GET", SchedulesApi.path(name), null);
    }
  }

  @Command(name = "runs", description = "A schedule's runs, newest first.")
  static final class Runs implements Callable<Integer> {
    @Mixin SchedulesApi server = new SchedulesApi();

    @Parameters(paramLabel = "NAME")
    String name = "";

    @Option(names = "--limit", defaultValue = "20")
    int limit = 20;

    @Override
    public Integer call() {
      return server.call("GET", SchedulesApi.path(name) + "/runs?limit=" + limit, null);
    }
  }
}
