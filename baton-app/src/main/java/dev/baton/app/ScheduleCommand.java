package dev.baton.app;

import dev.baton.app.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code baton schedules ...}: the schedules of a running server, over its native API. {@code
 * preview} with a timing and no name needs no server: it computes the fire times here.
 */
@Command(
    name = "schedules",
    description = "Create, change, pause, resume, trigger, preview and list schedules.",
    subcommands = {
      ScheduleReads.ListCmd.class,
      ScheduleReads.Show.class,
      ScheduleChanges.Create.class,
      ScheduleChanges.Update.class,
      ScheduleChanges.Delete.class,
      ScheduleActions.Pause.class,
      ScheduleActions.Resume.class,
      ScheduleActions.Trigger.class,
      SchedulePreview.class,
      ScheduleReads.Runs.class
    })
final class ScheduleCommand extends CommandGroup {}
